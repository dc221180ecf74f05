/**
 * The old CCIIndicator (docs/legacy-behaviour.md §3.3): typical price, its full-window mean, the per-window mean
 * absolute deviation from that mean, CCI = (TP − SMA) / (0.015 · MD). It returned an unnamed series, so the engine
 * named the column after the indicator: the strategy's `name`.
 */
import { LegacyIndicatorDataError } from '../errors.ts'
import type { LegacyFrame } from '../frame.ts'
import type { IndicatorOutput, LegacyIndicator } from './indicator.ts'
import { type IndicatorKwargs, rejectUnknownKwargs } from './params.ts'
import { type PythonArg, validateSchema } from './python-kwargs.ts'
import { rollingMean, seriesMean } from './rolling.ts'
import { rollingWindow } from './signature-extras.ts'

/** `CCIIndicator(period=20)`, CCI_SCHEMA period int in [2, 100]. Needs period rows. */
export class LegacyCci implements LegacyIndicator {
  readonly className = 'CCIIndicator'
  name = 'CCI'
  private readonly params: Readonly<Record<string, PythonArg>>

  constructor(kwargs: IndicatorKwargs) {
    rejectUnknownKwargs(kwargs, ['period'], this.className)
    this.params = validateSchema(kwargs, [{ name: 'period', type: 'int', default: 20, min: 2, max: 100 }])
  }

  compute(frame: LegacyFrame): IndicatorOutput[] {
    const missing = ['high', 'low', 'close'].filter((name) => !frame.has(name))
    if (missing.length > 0) {
      const listed = missing.map((name) => `'${name}'`).join(', ')
      throw new LegacyIndicatorDataError('DATA-MissingColumns', `Missing required columns: [${listed}]`)
    }
    const period = Number(this.params.period)
    if (frame.rows < period) {
      throw new LegacyIndicatorDataError(
        'DATA-InsufficientData',
        `Insufficient data: need at least ${period} points, got ${frame.rows}`,
      )
    }
    const high = frame.get('high')!
    const low = frame.get('low')!
    const tp = frame.get('close')!.map((c, i) => (high[i] + low[i] + c) / 3)
    const sma = rollingMean(tp, rollingWindow(this.params.period))
    const cci = new Float64Array(frame.rows).fill(NaN)
    for (let i = period - 1; i < frame.rows; i++) {
      const deviations = tp.slice(i - period + 1, i + 1).map((v) => Math.abs(v - sma[i]))
      cci[i] = (tp[i] - sma[i]) / (0.015 * seriesMean(deviations, 0, period))
    }
    return [{ name: this.name, values: cci }]
  }
}
