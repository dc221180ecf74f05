/**
 * The pandas series operations the volume, channel and trend indicators use beyond rolling.ts: rolling sums,
 * rolling means with min_periods below the window, `cumsum`, `pct_change`, and `np.where` on a denominator.
 * NaN handling is pandas' (ktrdr-behaviour.md §3.5); window sums run left to right from 0.
 */

/** `rolling(window=w).sum()` with min_periods = w: NaN while the window is short or holds a NaN. */
export function rollingSum(x: Float64Array, w: number): Float64Array {
  const out = new Float64Array(x.length).fill(NaN)
  for (let i = w - 1; i < x.length; i++) {
    let s = 0
    for (let j = i - w + 1; j <= i; j++) s += x[j]
    out[i] = s
  }
  return out
}

/**
 * `rolling(window=w, min_periods=m).mean()`: the mean of the non-NaN values of the last w rows (summed left to
 * right), NaN where fewer than m of them are valid.
 */
export function rollingMeanMinPeriods(x: Float64Array, w: number, m: number): Float64Array {
  const out = new Float64Array(x.length).fill(NaN)
  for (let i = 0; i < x.length; i++) {
    let s = 0
    let count = 0
    for (let j = Math.max(0, i - w + 1); j <= i; j++) {
      if (x[j] === x[j]) {
        s += x[j]
        count++
      }
    }
    if (count >= m && count > 0) out[i] = s / count
  }
  return out
}

/** `cumsum()` (skipna): a NaN row stays NaN and the running sum carries on past it. */
export function cumsumSkipNaN(x: Float64Array): Float64Array {
  const out = new Float64Array(x.length)
  let s = 0
  for (let i = 0; i < x.length; i++) {
    if (x[i] === x[i]) {
      s += x[i]
      out[i] = s
    } else out[i] = NaN
  }
  return out
}

/**
 * `pct_change(periods=k)`: x / x.shift(k) − 1. With `pad` (pandas 1.x's default `fill_method="pad"`), NaN rows
 * are first forward-filled and the result is not masked back.
 */
export function pctChange(x: Float64Array, k: number, pad: boolean): Float64Array {
  const filled = Float64Array.from(x)
  if (pad) for (let i = 1; i < filled.length; i++) if (filled[i] !== filled[i]) filled[i] = filled[i - 1]
  const out = new Float64Array(x.length).fill(NaN)
  for (let i = k; i < x.length; i++) out[i] = filled[i] / filled[i - k] - 1
  return out
}

/**
 * `np.where(abs(d) > 1e-10, a / d, fallback)` as the old classes wrote it: a NaN denominator fails the
 * comparison, so it gives the fallback.
 */
export function guardedRatio(
  numerator: (i: number) => number,
  denominator: Float64Array,
  fallback: number,
): Float64Array {
  return denominator.map((d, i) => (Math.abs(d) > 1e-10 ? numerator(i) / d : fallback))
}
