/**
 * The old SimpleMovingAverage and ExponentialMovingAverage (docs/legacy-behaviour.md §3.3): SMA = rolling mean with
 * min_periods = period, EMA = pandas `ewm(span, adjust=True)` (no warm-up NaN). Columns `<name.lower()>_<period>`.
 * The EMA's test-data hack (adjust=False on a series starting 100 … 140) is left out: adjust is never False here.
 */
import type { LegacyFrame } from '../frame.ts'
import { LegacyIndicatorDataError } from '../errors.ts'
import { type IndicatorOutput, type LegacyIndicator, requireRows, sourceColumn } from './indicator.ts'
import { type IndicatorKwargs, intKwarg, rejectUnknownKwargs, stringKwarg } from './params.ts'
import { pandasEwmMean, rollingMean } from './rolling.ts'

/** `SimpleMovingAverage(period=20, source="close")`. Needs period rows. */
export class LegacySma implements LegacyIndicator {
  readonly className = 'SimpleMovingAverage'
  name = 'SMA'
  readonly period: number
  readonly source: string

  constructor(kwargs: IndicatorKwargs) {
    rejectUnknownKwargs(kwargs, ['period', 'source'], this.className)
    this.period = intKwarg(kwargs, 'period', 20, 'SMA', 2)
    this.source = stringKwarg(kwargs, 'source', 'close', 'SMA')
  }

  compute(frame: LegacyFrame): IndicatorOutput[] {
    const x = sourceColumn(frame, this.source, 'SMA')
    requireRows(frame, this.period, 'SMA')
    return [{ name: `${this.name.toLowerCase()}_${this.period}`, values: rollingMean(x, this.period) }]
  }
}

/** `ExponentialMovingAverage(period=20, source="close", adjust=True)`. Needs period rows. */
export class LegacyEma implements LegacyIndicator {
  readonly className = 'ExponentialMovingAverage'
  name = 'EMA'
  readonly period: number
  readonly source: string
  readonly adjust: boolean

  constructor(kwargs: IndicatorKwargs) {
    rejectUnknownKwargs(kwargs, ['period', 'source', 'adjust'], this.className)
    const adjust = kwargs.adjust ?? true
    if (typeof adjust !== 'boolean') {
      throw new LegacyIndicatorDataError('DATA-InvalidType', 'Adjust parameter must be a boolean')
    }
    this.adjust = adjust
    this.period = intKwarg(kwargs, 'period', 20, 'EMA', 2)
    this.source = stringKwarg(kwargs, 'source', 'close', 'EMA')
  }

  compute(frame: LegacyFrame): IndicatorOutput[] {
    const x = sourceColumn(frame, this.source, 'EMA')
    requireRows(frame, this.period, 'EMA')
    const values = pandasEwmMean(x, { span: this.period }, this.adjust)
    return [{ name: `${this.name.toLowerCase()}_${this.period}`, values }]
  }
}
