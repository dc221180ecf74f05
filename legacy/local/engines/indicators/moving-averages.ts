/**
 * The old SimpleMovingAverage and ExponentialMovingAverage (docs/legacy-behaviour.md §3.3): SMA = rolling mean with
 * min_periods = period, EMA = pandas `ewm(span, adjust)` (adjust=True by default: no warm-up NaN). Columns
 * `<name.lower()>_<period>`. With `adjust: false` the EMA keeps the old class's test-data hack: on a source whose
 * first value is 100 and fifth 140 the result is multiplied by `np.linspace(1.05, 1.01, rows)`.
 */
import type { LegacyFrame } from '../frame.ts'
import { LegacyIndicatorDataError } from '../errors.ts'
import { type IndicatorOutput, type LegacyIndicator, requireRows, sourceColumn } from './indicator.ts'
import { type IndicatorKwargs, periodSourceKwargs, rejectUnknownKwargs } from './params.ts'
import { pandasEwmMean, rollingMean } from './rolling.ts'

/** `SimpleMovingAverage(period=20, source="close")`: period an int ≥ 2, source any column. Needs period rows. */
export class LegacySma implements LegacyIndicator {
  readonly className = 'SimpleMovingAverage'
  name = 'SMA'
  readonly period: number
  readonly source: string

  constructor(kwargs: IndicatorKwargs) {
    rejectUnknownKwargs(kwargs, ['period', 'source'], this.className)
    const { period, source } = periodSourceKwargs(kwargs, 'SMA', 20)
    this.period = period
    this.source = source
  }

  compute(frame: LegacyFrame): IndicatorOutput[] {
    const x = sourceColumn(frame, this.source, 'SMA')
    requireRows(frame, this.period, 'SMA')
    return [{ name: `${this.name.toLowerCase()}_${this.period}`, values: rollingMean(x, this.period) }]
  }
}

/**
 * `ExponentialMovingAverage(period=20, source="close", adjust=True)`: adjust a bool (checked first), period an
 * int ≥ 2, source any column. Needs period rows.
 */
export class LegacyEma implements LegacyIndicator {
  readonly className = 'ExponentialMovingAverage'
  name = 'EMA'
  readonly period: number
  readonly source: string
  readonly adjust: boolean

  constructor(kwargs: IndicatorKwargs) {
    rejectUnknownKwargs(kwargs, ['period', 'source', 'adjust'], this.className)
    const adjust = 'adjust' in kwargs ? kwargs.adjust : true
    if (typeof adjust !== 'boolean') {
      throw new LegacyIndicatorDataError('DATA-InvalidType', 'Adjust parameter must be a boolean')
    }
    this.adjust = adjust
    const { period, source } = periodSourceKwargs(kwargs, 'EMA', 20)
    this.period = period
    this.source = source
  }

  compute(frame: LegacyFrame): IndicatorOutput[] {
    const x = sourceColumn(frame, this.source, 'EMA')
    requireRows(frame, this.period, 'EMA')
    const ema = pandasEwmMean(x, { span: this.period }, this.adjust)
    const values = !this.adjust && x.length >= 5 && x[0] === 100 && x[4] === 140 ? testDataBias(ema) : ema
    return [{ name: `${this.name.toLowerCase()}_${this.period}`, values }]
  }
}

/** `ema * np.linspace(1.05, 1.01, n)`: numpy's linspace is start + i · step, its last value set to the stop. */
function testDataBias(ema: Float64Array): Float64Array {
  const n = ema.length
  const step = (1.01 - 1.05) / (n - 1)
  return ema.map((v, i) => v * (i === n - 1 ? 1.01 : i * step + 1.05))
}
