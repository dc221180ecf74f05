/**
 * Windowed statistics shared by the indicators (SMA, ATR, Bollinger, Stochastic), written to the shared numeric
 * conventions of the project brief: every window is summed left to right from a fresh 0 (no running sums), so
 * two implementations that follow the same rule agree bitwise.
 */

/**
 * Rolling mean over `window` values. Output i is NaN while fewer than `minPeriods` values are available, and NaN
 * when the window holds a NaN (pandas `rolling(window, min_periods).mean()` with min_periods = window, and
 * the partial-window means of min_periods < window on NaN-free input).
 *
 * @internal
 */
export function rollingMean(x: Float64Array, window: number, minPeriods: number = window): Float64Array {
  const out = new Float64Array(x.length).fill(NaN)
  for (let i = 0; i < x.length; i++) {
    const from = Math.max(0, i - window + 1)
    const count = i - from + 1
    if (count < minPeriods) continue
    let sum = 0
    for (let j = from; j <= i; j++) sum += x[j]!
    out[i] = sum / count
  }
  return out
}

/**
 * Rolling sample standard deviation (ddof = 1) over full windows: m = Σx / w, v = Σ(x − m)², std = √(v / (w − 1)),
 * both sums left to right. NaN for the first `window − 1` rows and for windows holding a NaN.
 *
 * @internal
 */
export function rollingSampleStd(x: Float64Array, window: number): Float64Array {
  const out = new Float64Array(x.length).fill(NaN)
  for (let i = window - 1; i < x.length; i++) {
    let sum = 0
    for (let j = i - window + 1; j <= i; j++) sum += x[j]!
    const mean = sum / window
    let squares = 0
    for (let j = i - window + 1; j <= i; j++) squares += (x[j]! - mean) * (x[j]! - mean)
    out[i] = Math.sqrt(squares / (window - 1))
  }
  return out
}

/**
 * Rolling maximum or minimum over full windows (pandas `rolling(window).max()/min()`, min_periods = window):
 * NaN for the first `window − 1` rows and for windows holding a NaN.
 *
 * @internal
 */
export function rollingExtreme(x: Float64Array, window: number, kind: 'max' | 'min'): Float64Array {
  const out = new Float64Array(x.length).fill(NaN)
  for (let i = window - 1; i < x.length; i++) {
    let best = x[i - window + 1]!
    for (let j = i - window + 2; j <= i; j++) {
      const v = x[j]!
      best = Number.isNaN(v) || Number.isNaN(best) ? NaN : kind === 'max' ? Math.max(best, v) : Math.min(best, v)
    }
    out[i] = best
  }
  return out
}
