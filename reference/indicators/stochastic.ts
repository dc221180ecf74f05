/**
 * Stochastic oscillator (docs/legacy-behaviour.md §3.3), columns `Stochastic_K_<k>_<smooth_k>` and
 * `Stochastic_D_<k>_<d>_<smooth_k>` (`Stochastic_K_14_3`, `Stochastic_D_14_3_3` by default).
 */
import { rollingExtreme, rollingMean } from './_internals/rolling.ts'
import { fillNaN } from './_internals/series.ts'
import { hlcColumns } from './_shared/frame-column.ts'
import { numbersOf, pythonStr, rollingPeriod } from './_params/python-args.ts'
import { schemaClassArguments } from './_params/schema.ts'
import type { IndicatorClass } from './types.ts'

/**
 * raw %K = 100 · ((close − LL) / (HH − LL)) over k-bar highs and lows (full windows), NaN (missing close, warm-up,
 * zero range) → 50; %K = mean of the last smoothK raw values when smoothK > 1, else raw %K itself; %D = mean of
 * the last d %K values (pandas' min_periods = 1: partial windows at the start).
 */
export function stochastic(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  k: number,
  d: number,
  smoothK: number,
): { readonly k: Float64Array; readonly d: Float64Array } {
  const highest = rollingExtreme(high, k, 'max')
  const lowest = rollingExtreme(low, k, 'min')
  const raw = fillNaN(
    close.map((c, i) => 100 * ((c - lowest[i]!) / (highest[i]! - lowest[i]!))),
    50,
  )
  const kLine = smoothK > 1 ? rollingMean(raw, smoothK, 1) : raw
  return { k: kLine, d: rollingMean(kLine, d, 1) }
}

/**
 * `StochasticIndicator(k_period=14, d_period=3, smooth_k=3)`, schema k_period int in [1, 100], d_period and
 * smooth_k ints in [1, 20]. Needs max(k, smooth_k) + d rows. A bool passes the schema: `smooth_k: true` is not > 1
 * (no smoothing, `True` in the names); a bool k_period or d_period fails pandas' rolling window.
 */
export const stochasticClass: IndicatorClass = {
  className: 'StochasticIndicator',
  configure(kwargs) {
    const params = schemaClassArguments(kwargs, 'StochasticIndicator', [
      { name: 'k_period', type: 'int', default: 14, min: 1, max: 100 },
      { name: 'd_period', type: 'int', default: 3, min: 1, max: 20 },
      { name: 'smooth_k', type: 'int', default: 3, min: 1, max: 20 },
    ])
    const [k, d, smoothK] = numbersOf(params, ['k_period', 'd_period', 'smooth_k'])
    const [kText, dText, smoothText] = [params.k_period, params.d_period, params.smooth_k].map(pythonStr)
    return {
      minRows: Math.max(k, smoothK) + d,
      compute: (frame, _name, column) => {
        const { high, low, close } = hlcColumns(frame, column)
        const kWindow = rollingPeriod(params.k_period)
        const dWindow = rollingPeriod(params.d_period, false)
        const lines = stochastic(high, low, close, kWindow, dWindow, smoothK)
        return {
          names: [`Stochastic_K_${kText}_${smoothText}`, `Stochastic_D_${kText}_${dText}_${smoothText}`],
          columns: [lines.k, lines.d],
        }
      },
    }
  },
}
