/**
 * True range as the old ATR and ADX computed it: max(high − low, |high − prev close|, |low − prev close|), the
 * row max skipping NaN (so row 0 is high − low).
 */
import { rowMaxSkipNaN } from './rolling.ts'

/** The old `pd.concat([tr1, tr2, tr3], axis=1).max(axis=1)`. */
export function legacyTrueRange(high: Float64Array, low: Float64Array, close: Float64Array): Float64Array {
  const n = close.length
  const tr1 = new Float64Array(n)
  const tr2 = new Float64Array(n).fill(NaN)
  const tr3 = new Float64Array(n).fill(NaN)
  for (let i = 0; i < n; i++) {
    tr1[i] = high[i] - low[i]
    if (i > 0) {
      tr2[i] = Math.abs(high[i] - close[i - 1])
      tr3[i] = Math.abs(low[i] - close[i - 1])
    }
  }
  return rowMaxSkipNaN([tr1, tr2, tr3], n)
}
