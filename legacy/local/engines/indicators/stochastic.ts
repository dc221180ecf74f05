/**
 * The old StochasticIndicator (docs/legacy-behaviour.md §3.3): raw %K over rolling HH/LL with NaN → 50, smoothed by
 * partial-window means; columns `Stochastic_K_<k>_<smooth>` and `Stochastic_D_<k>_<d>_<smooth>`.
 */
import { pythonNumber, pythonStr } from '../../python-values.ts'
import type { LegacyFrame } from '../frame.ts'
import { type IndicatorOutput, type LegacyIndicator, requireDataPoints } from './indicator.ts'
import { ohlcColumns } from './atr.ts'
import { type IndicatorKwargs, rejectUnknownKwargs } from './params.ts'
import { type PythonArg, validateSchema } from './python-kwargs.ts'
import { rollingExtreme, rollingMean } from './rolling.ts'
import { rollingWindow } from './signature-extras.ts'

/**
 * `StochasticIndicator(k_period=14, d_period=3, smooth_k=3)`, STOCHASTIC_SCHEMA: k_period int in [1, 100],
 * d_period and smooth_k ints in [1, 20]. Needs max(k, smooth_k) + d rows. A bool passes the schema: `smooth_k:
 * true` is not > 1 (no smoothing, `True` in the names); a bool k_period or d_period fails pandas' rolling window.
 */
export class LegacyStochastic implements LegacyIndicator {
  readonly className = 'StochasticIndicator'
  name = 'Stochastic'
  private readonly params: Readonly<Record<string, PythonArg>>

  constructor(kwargs: IndicatorKwargs) {
    rejectUnknownKwargs(kwargs, ['k_period', 'd_period', 'smooth_k'], this.className)
    this.params = validateSchema(kwargs, [
      { name: 'k_period', type: 'int', default: 14, min: 1, max: 100 },
      { name: 'd_period', type: 'int', default: 3, min: 1, max: 20 },
      { name: 'smooth_k', type: 'int', default: 3, min: 1, max: 20 },
    ])
  }

  compute(frame: LegacyFrame): IndicatorOutput[] {
    const { high, low, close } = ohlcColumns(frame, 'Stochastic')
    const k = pythonNumber(this.params.k_period as number | boolean)
    const d = pythonNumber(this.params.d_period as number | boolean)
    const smoothK = pythonNumber(this.params.smooth_k as number | boolean)
    requireDataPoints(frame, Math.max(k, smoothK) + d, 'Stochastic')
    const kWindow = rollingWindow(this.params.k_period)
    const hh = rollingExtreme(high, kWindow, (a, b) => a >= b)
    const ll = rollingExtreme(low, kWindow, (a, b) => a <= b)
    const rawK = close.map((c, i) => {
      const v = ((c - ll[i]) / (hh[i] - ll[i])) * 100
      return v === v ? v : 50.0
    })
    const percentK = smoothK > 1 ? rollingMean(rawK, smoothK, 1) : rawK
    const percentD = rollingMean(percentK, rollingWindow(this.params.d_period, false), 1)
    const [kText, dText, smoothText] = [this.params.k_period, this.params.d_period, this.params.smooth_k].map(pythonStr)
    return [
      { name: `Stochastic_K_${kText}_${smoothText}`, values: percentK },
      { name: `Stochastic_D_${kText}_${dText}_${smoothText}`, values: percentD },
    ]
  }
}
