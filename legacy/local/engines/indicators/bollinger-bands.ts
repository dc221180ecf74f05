/**
 * The old BollingerBandsIndicator (docs/legacy-behaviour.md §3.3): middle = rolling mean, sample std (ddof = 1),
 * bands = middle ± multiplier · std, generic column names `upper`, `middle`, `lower`.
 */
import { PythonFloat, pythonNumber } from '../../python-values.ts'
import type { LegacyFrame } from '../frame.ts'
import type { IndicatorOutput, LegacyIndicator } from './indicator.ts'
import { type IndicatorKwargs, rejectUnknownKwargs } from './params.ts'
import { type PythonArg, validateSchema } from './python-kwargs.ts'
import { rollingMean, rollingStd } from './rolling.ts'
import { requirePoints, requireSourceColumn } from './schema-indicators.ts'

/**
 * `BollingerBandsIndicator(period=20, multiplier=2.0, source="close")`, BOLLINGER_BANDS_SCHEMA: period int in
 * [2, 100], multiplier float in [0.1, 5.0], OHLC source. Needs period rows.
 */
export class LegacyBollingerBands implements LegacyIndicator {
  readonly className = 'BollingerBandsIndicator'
  name = 'BollingerBands'
  private readonly params: Readonly<Record<string, PythonArg>>

  constructor(kwargs: IndicatorKwargs) {
    rejectUnknownKwargs(kwargs, ['period', 'multiplier', 'source'], this.className)
    this.params = validateSchema(kwargs, [
      { name: 'period', type: 'int', default: 20, min: 2, max: 100 },
      { name: 'multiplier', type: 'float', default: new PythonFloat(2.0), min: 0.1, max: 5.0 },
      { name: 'source', type: 'string', default: 'close', options: ['open', 'high', 'low', 'close'] },
    ])
  }

  compute(frame: LegacyFrame): IndicatorOutput[] {
    const x = requireSourceColumn(frame, String(this.params.source))
    const period = Number(this.params.period)
    requirePoints(frame, period)
    const multiplier = pythonNumber(this.params.multiplier as number | boolean | PythonFloat)
    const middle = rollingMean(x, period)
    const std = rollingStd(x, period)
    return [
      { name: 'upper', values: middle.map((m, i) => m + multiplier * std[i]) },
      { name: 'middle', values: middle },
      { name: 'lower', values: middle.map((m, i) => m - multiplier * std[i]) },
    ]
  }
}
