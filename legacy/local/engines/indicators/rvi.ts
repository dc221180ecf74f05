/**
 * The old RVIIndicator (docs/legacy-behaviour.md §3.3): from row 3, (x[i−3] + 2x[i−2] + 2x[i−1] + x[i]) / 6 of
 * close − open and of high − low; their full-window means; RVI = numerator mean / denominator mean where that is
 * neither 0 nor NaN; the signal a full-window mean of RVI. Columns `RVI_<p>_<s>_RVI`, `RVI_<p>_<s>_Signal`.
 */
import { pythonStr } from '../../python-values.ts'
import { LegacyIndicatorDataError } from '../errors.ts'
import type { LegacyFrame } from '../frame.ts'
import type { IndicatorOutput, LegacyIndicator } from './indicator.ts'
import { type IndicatorKwargs, rejectUnknownKwargs } from './params.ts'
import { constructorArg } from './python-kwargs.ts'
import { rollingMean } from './rolling.ts'
import { classIntCheck, rollingWindow } from './signature-extras.ts'

/** `RVIIndicator(period=10, signal_period=4)`, its own checks (period in [4, 100], signal in [1, 50]). */
export class LegacyRvi implements LegacyIndicator {
  readonly className = 'RVIIndicator'
  name = 'RVI'
  private readonly period: number | boolean
  private readonly signal: number | boolean

  constructor(kwargs: IndicatorKwargs) {
    rejectUnknownKwargs(kwargs, ['period', 'signal_period'], this.className)
    this.period = classIntCheck(constructorArg(kwargs, 'period', 10), 'RVI period', 4, 100)
    this.signal = classIntCheck(constructorArg(kwargs, 'signal_period', 4), 'RVI signal_period', 1, 50)
  }

  compute(frame: LegacyFrame): IndicatorOutput[] {
    const missing = ['open', 'high', 'low', 'close'].filter((name) => !frame.has(name))
    if (missing.length > 0) {
      const listed = missing.map((name) => `'${name}'`).join(', ')
      throw new LegacyIndicatorDataError(
        'INDICATOR-MissingColumns',
        `RVI indicator missing required columns: [${listed}]`,
      )
    }
    if (frame.rows === 0) {
      throw new LegacyIndicatorDataError('INDICATOR-EmptyData', 'RVI indicator requires non-empty data')
    }
    const required = Number(this.period) + 3
    if (frame.rows < required) {
      throw new LegacyIndicatorDataError(
        'INDICATOR-InsufficientData',
        `RVI indicator requires at least ${required} data points`,
      )
    }
    const open = frame.get('open')!
    const high = frame.get('high')!
    const low = frame.get('low')!
    const close = frame.get('close')!
    const n = frame.rows
    const numerator = new Float64Array(n).fill(NaN)
    const denominator = new Float64Array(n).fill(NaN)
    for (let i = 3; i < n; i++) {
      const co = (k: number): number => close[k] - open[k]
      const hl = (k: number): number => high[k] - low[k]
      numerator[i] = (co(i - 3) + 2 * co(i - 2) + 2 * co(i - 1) + co(i)) / 6.0
      denominator[i] = (hl(i - 3) + 2 * hl(i - 2) + 2 * hl(i - 1) + hl(i)) / 6.0
    }
    const numeratorMa = rollingMean(numerator, rollingWindow(this.period))
    const denominatorMa = rollingMean(denominator, rollingWindow(this.period))
    const rvi = numeratorMa.map((v, i) =>
      denominatorMa[i] !== 0 && denominatorMa[i] === denominatorMa[i] ? v / denominatorMa[i] : NaN,
    )
    const signal = rollingMean(rvi, rollingWindow(this.signal))
    const base = `RVI_${pythonStr(this.period)}_${pythonStr(this.signal)}`
    return [
      { name: `${base}_RVI`, values: rvi },
      { name: `${base}_Signal`, values: signal },
    ]
  }
}
