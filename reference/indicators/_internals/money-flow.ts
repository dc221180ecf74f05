/** The money flow of the A/D line and Chaikin money flow (docs/legacy-behaviour.md §3.3). */

/**
 * Money flow multiplier ((close − low) − (high − close)) / (high − low), 0 where the range is exactly 0 (a NaN range
 * gives NaN), and money flow volume = multiplier · volume.
 *
 * @internal
 */
export function moneyFlow(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  volume: Float64Array,
): { readonly multiplier: Float64Array; readonly volume: Float64Array } {
  const multiplier = close.map((c, i) => {
    const range = high[i]! - low[i]!
    return range === 0 ? 0 : (c - low[i]! - (high[i]! - c)) / range
  })
  return { multiplier, volume: multiplier.map((m, i) => m * volume[i]!) }
}
