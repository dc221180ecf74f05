/** The typical price of CCI, VWAP and MFI (docs/legacy-behaviour.md §3.3): (high + low + close) / 3, summed left to right. */

/**
 * (high + low + close) / 3 per bar; NaN where any of the three is NaN.
 *
 * @internal
 */
export function typicalPrice(high: Float64Array, low: Float64Array, close: Float64Array): Float64Array {
  return close.map((c, i) => (high[i]! + low[i]! + c) / 3)
}
