/**
 * Exponential smoothing shared by MACD (span-based EMA lines) and ADX / Wilder ATR (alpha = 1 / period): pandas
 * `ewm(alpha, adjust=False)` written to the project's shared operation order.
 */

/**
 * Recursive exponential smoothing, pandas `ewm(alpha=alpha, adjust=False).mean()`:
 * y[first valid] = x[first valid]; y[i] = (1 − alpha) · y[i−1] + alpha · x[i]. Rows before the first valid input are
 * NaN; a NaN input later keeps the previous value (y[i] = y[i−1]), which is what pandas yields for the isolated
 * missing closes our data can hold.
 *
 * @internal
 */
export function ewmAdjustFalse(x: Float64Array, alpha: number): Float64Array {
  const out = new Float64Array(x.length).fill(NaN)
  const keep = 1 - alpha
  let previous = NaN
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!
    if (Number.isNaN(previous)) previous = v
    else if (!Number.isNaN(v)) previous = keep * previous + alpha * v
    out[i] = previous
  }
  return out
}

/** The smoothing factor of a span: 2 / (span + 1). @internal */
export function spanAlpha(span: number): number {
  return 2 / (span + 1)
}
