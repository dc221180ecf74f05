/**
 * True range, shared by ATR and ADX (docs/legacy-behaviour.md §3.3): TR[i] = max(high − low, |high − prev close|,
 * |low − prev close|), NaN terms skipped as pandas' row-wise max does, so TR[0] = high0 − low0.
 */

/**
 * True range per bar; NaN only when every term is NaN.
 *
 * @internal
 */
export function trueRange(high: Float64Array, low: Float64Array, close: Float64Array): Float64Array {
  const out = new Float64Array(high.length)
  for (let i = 0; i < high.length; i++) {
    const previousClose = i === 0 ? NaN : close[i - 1]!
    out[i] = maxSkippingNaN(high[i]! - low[i]!, Math.abs(high[i]! - previousClose), Math.abs(low[i]! - previousClose))
  }
  return out
}

function maxSkippingNaN(...values: number[]): number {
  let best = NaN
  for (const v of values) if (!Number.isNaN(v) && (Number.isNaN(best) || v > best)) best = v
  return best
}
