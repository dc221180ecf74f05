/**
 * True range, shared by ATR and ADX (docs/legacy-behaviour.md §3.3, §3.5): TR = max(high − low,
 * |high − prev close|, |low − prev close|) as pandas' row-wise max, which skips NaN terms, so TR[0] and the bar
 * after a missing close are high − low.
 */
import { rowMax, shift } from './series.ts'

/**
 * True range per bar; NaN only when every term is NaN.
 *
 * @internal
 */
export function trueRange(high: Float64Array, low: Float64Array, close: Float64Array): Float64Array {
  const previousClose = shift(close, 1)
  return rowMax([
    high.map((h, i) => h - low[i]!),
    high.map((h, i) => Math.abs(h - previousClose[i]!)),
    low.map((l, i) => Math.abs(l - previousClose[i]!)),
  ])
}
