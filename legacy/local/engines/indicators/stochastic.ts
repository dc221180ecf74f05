/**
 * The old StochasticIndicator (docs/legacy-behaviour.md §3.3): raw %K over rolling HH/LL with NaN → 50, smoothed by
 * partial-window means; columns `Stochastic_K_<k>_<smooth>` and `Stochastic_D_<k>_<d>_<smooth>`.
 */
import type { LegacyFrame } from '../frame.ts'
import { type IndicatorOutput, type LegacyIndicator, requireRows } from './indicator.ts'
import { ohlcColumns } from './atr.ts'
import { type IndicatorKwargs, intKwarg, rejectUnknownKwargs } from './params.ts'
import { rollingExtreme, rollingMean } from './rolling.ts'

/** `StochasticIndicator(k_period=14, d_period=3, smooth_k=3)`. Needs max(k, smooth_k) + d rows. */
export class LegacyStochastic implements LegacyIndicator {
  readonly className = 'StochasticIndicator'
  name = 'Stochastic'
  readonly k: number
  readonly d: number
  readonly smoothK: number

  constructor(kwargs: IndicatorKwargs) {
    rejectUnknownKwargs(kwargs, ['k_period', 'd_period', 'smooth_k'], this.className)
    this.k = intKwarg(kwargs, 'k_period', 14, 'Stochastic', 1, 100)
    this.d = intKwarg(kwargs, 'd_period', 3, 'Stochastic', 1, 20)
    this.smoothK = intKwarg(kwargs, 'smooth_k', 3, 'Stochastic', 1, 20)
  }

  compute(frame: LegacyFrame): IndicatorOutput[] {
    const { high, low, close } = ohlcColumns(frame, 'Stochastic')
    requireRows(frame, Math.max(this.k, this.smoothK) + this.d, 'Stochastic')
    const hh = rollingExtreme(high, this.k, (a, b) => a >= b)
    const ll = rollingExtreme(low, this.k, (a, b) => a <= b)
    const rawK = close.map((c, i) => {
      const v = ((c - ll[i]) / (hh[i] - ll[i])) * 100
      return v === v ? v : 50.0
    })
    const percentK = this.smoothK > 1 ? rollingMean(rawK, this.smoothK, 1) : rawK
    const percentD = rollingMean(percentK, this.d, 1)
    return [
      { name: `Stochastic_K_${this.k}_${this.smoothK}`, values: percentK },
      { name: `Stochastic_D_${this.k}_${this.d}_${this.smoothK}`, values: percentD },
    ]
  }
}
