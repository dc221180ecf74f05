/**
 * The old BollingerBandsIndicator (docs/legacy-behaviour.md §3.3): middle = rolling mean, sample std (ddof = 1),
 * bands = middle ± multiplier · std, generic column names `upper`, `middle`, `lower`.
 */
import type { LegacyFrame } from '../frame.ts'
import { type IndicatorOutput, type LegacyIndicator, requireRows, sourceColumn } from './indicator.ts'
import { type IndicatorKwargs, floatKwarg, intKwarg, rejectUnknownKwargs, stringKwarg } from './params.ts'
import { rollingMean, rollingStd } from './rolling.ts'

/** `BollingerBandsIndicator(period=20, multiplier=2.0, source="close")`. Needs period rows. */
export class LegacyBollingerBands implements LegacyIndicator {
  readonly className = 'BollingerBandsIndicator'
  name = 'BollingerBands'
  readonly period: number
  readonly multiplier: number
  readonly source: string

  constructor(kwargs: IndicatorKwargs) {
    rejectUnknownKwargs(kwargs, ['period', 'multiplier', 'source'], this.className)
    this.period = intKwarg(kwargs, 'period', 20, 'BollingerBands', 2, 100)
    this.multiplier = floatKwarg(kwargs, 'multiplier', 2.0, 'BollingerBands', 0.1, 5.0)
    this.source = stringKwarg(kwargs, 'source', 'close', 'BollingerBands')
  }

  compute(frame: LegacyFrame): IndicatorOutput[] {
    const x = sourceColumn(frame, this.source, 'BollingerBands')
    requireRows(frame, this.period, 'BollingerBands')
    const middle = rollingMean(x, this.period)
    const std = rollingStd(x, this.period)
    return [
      { name: 'upper', values: middle.map((m, i) => m + this.multiplier * std[i]) },
      { name: 'middle', values: middle },
      { name: 'lower', values: middle.map((m, i) => m - this.multiplier * std[i]) },
    ]
  }
}
