/**
 * The old MomentumIndicator (docs/legacy-behaviour.md §3.3): price minus the price `period` bars back, column
 * `Momentum_<period>_<source>`.
 */
import { priceChangeClass } from './_shared/price-change-class.ts'
import type { IndicatorClass } from './types.ts'

/**
 * x[i] − x[i − period]; the first `period` rows NaN.
 */
export function momentum(x: Float64Array, period: number): Float64Array {
  return x.map((v, i) => (i < period ? NaN : v - x[i - period]!))
}

/** `MomentumIndicator(period=10, source="close")`, schema period int in [1, 100]. Needs period + 1 rows. */
export const momentumClass: IndicatorClass = priceChangeClass('MomentumIndicator', 'Momentum', momentum)
