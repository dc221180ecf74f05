/**
 * Bollinger bands 20 / 2.0 with a sample standard deviation (docs/legacy-behaviour.md §3.3); generic column names
 * `upper`, `middle`, `lower`.
 */
import { rollingMean, rollingSampleStd } from './_internals/rolling.ts'
import type { IndicatorImpl } from './types.ts'

/** The old class defaults. */
export const BOLLINGER_DEFAULTS = { period: 20, multiplier: 2 } as const

export interface BollingerBands {
  readonly upper: Float64Array
  readonly middle: Float64Array
  readonly lower: Float64Array
}

/**
 * middle = rolling mean, std = rolling sample std (ddof 1), upper / lower = middle ± multiplier · std; NaN for the
 * first period − 1 rows.
 */
export function bollingerBands(close: Float64Array, period: number, multiplier: number): BollingerBands {
  const middle = rollingMean(close, period)
  const std = rollingSampleStd(close, period)
  return {
    upper: middle.map((m, i) => m + multiplier * std[i]!),
    middle,
    lower: middle.map((m, i) => m - multiplier * std[i]!),
  }
}

/** Bollinger bands with the class defaults. */
export const bollingerIndicator: IndicatorImpl = {
  minRows: BOLLINGER_DEFAULTS.period,
  compute: (frame) => {
    const bands = bollingerBands(frame.close, BOLLINGER_DEFAULTS.period, BOLLINGER_DEFAULTS.multiplier)
    return { names: ['upper', 'middle', 'lower'], columns: [bands.upper, bands.middle, bands.lower] }
  },
}
