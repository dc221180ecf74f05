/**
 * Stochastic oscillator 14 / 3 / 3 (docs/legacy-behaviour.md §3.3), columns `Stochastic_K_14_3`, `Stochastic_D_14_3_3`.
 */
import { rollingExtreme, rollingMean } from './_internals/rolling.ts'
import { fillNaN } from './_internals/series.ts'
import type { IndicatorImpl } from './types.ts'

/** The old class defaults. */
export const STOCHASTIC_DEFAULTS = { k: 14, d: 3, smoothK: 3 } as const

/**
 * raw %K = 100 · ((close − LL) / (HH − LL)) over k-bar highs and lows (full windows), NaN (missing close, warm-up,
 * zero range) → 50; %K = mean of the last smoothK raw values, %D = mean of the last d %K
 * values (pandas' min_periods = 1: partial windows at the start).
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
  const kLine = rollingMean(raw, smoothK, 1)
  return { k: kLine, d: rollingMean(kLine, d, 1) }
}

/** Stochastic with the class defaults; needs max(k, smoothK) + d bars. */
export const stochasticIndicator: IndicatorImpl = {
  minRows: Math.max(STOCHASTIC_DEFAULTS.k, STOCHASTIC_DEFAULTS.smoothK) + STOCHASTIC_DEFAULTS.d,
  compute: (frame) => {
    const { k, d, smoothK } = STOCHASTIC_DEFAULTS
    const lines = stochastic(frame.high, frame.low, frame.close, k, d, smoothK)
    return { names: [`Stochastic_K_${k}_${smoothK}`, `Stochastic_D_${k}_${smoothK}_${d}`], columns: [lines.k, lines.d] }
  },
}
