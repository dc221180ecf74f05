/**
 * The old ROCIndicator (docs/legacy-behaviour.md §3.3): percentage change over `period` bars with ±∞ (a zero base)
 * turned into NaN, column `ROC_<period>_<source>`.
 */
import { priceChangeClass } from './_shared/price-change-class.ts'
import type { IndicatorClass } from './types.ts'

/**
 * ((x[i] − x[i − period]) / x[i − period]) · 100; NaN for the first `period` rows and where the result is ±∞.
 */
export function roc(x: Float64Array, period: number): Float64Array {
  return x.map((v, i) => {
    if (i < period) return NaN
    const value = ((v - x[i - period]!) / x[i - period]!) * 100
    return value === Infinity || value === -Infinity ? NaN : value
  })
}

/** `ROCIndicator(period=10, source="close")`, schema period int in [1, 100]. Needs period + 1 rows. */
export const rocClass: IndicatorClass = priceChangeClass('ROCIndicator', 'ROC', roc)
