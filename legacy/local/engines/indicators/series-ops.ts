/**
 * The pandas series operations the volume, channel and trend indicators use beyond rolling.ts: `rolling().sum()`
 * (pandas' `roll_sum` kernel), `cumsum`, `pct_change(fill_method=None)`, and `np.where` on a denominator.
 * NaN handling is pandas' (docs/legacy-behaviour.md §3.5).
 */

/**
 * `rolling(window=w, min_periods=m).sum()` as pandas' `roll_sum`: NaN skipped; the first window summed from
 * scratch, later ones remove the leaving value and add the new one, each with its own Kahan compensation; a window
 * whose values are all equal gives value · count; NaN below m values.
 */
export function rollingSum(x: Float64Array, w: number, m: number = w): Float64Array {
  const out = new Float64Array(x.length)
  let nobs = 0
  let sum = 0
  let compensationAdd = 0
  let compensationRemove = 0
  let prevValue = NaN
  let sameRun = 0
  const add = (v: number): void => {
    if (v !== v) return
    nobs += 1
    const y = v - compensationAdd
    const t = sum + y
    compensationAdd = t - sum - y
    sum = t
    sameRun = v === prevValue ? sameRun + 1 : 1
    prevValue = v
  }
  const remove = (v: number): void => {
    if (v !== v) return
    nobs -= 1
    const y = -v - compensationRemove
    const t = sum + y
    compensationRemove = t - sum - y
    sum = t
  }
  for (let i = 0; i < x.length; i++) {
    const from = Math.max(0, i - w + 1)
    if (i === 0 || from >= i) {
      nobs = sameRun = 0
      sum = compensationAdd = compensationRemove = 0
      prevValue = x[from]
      for (let j = from; j <= i; j++) add(x[j])
    } else {
      for (let j = Math.max(0, i - w); j < from; j++) remove(x[j])
      add(x[i])
    }
    if (nobs === 0 && m === 0) out[i] = 0
    else if (nobs >= m) out[i] = sameRun >= nobs ? prevValue * nobs : sum
    else out[i] = NaN
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

/** `pct_change(periods=k, fill_method=None)`: x / x.shift(k) − 1, NaN rows left as they are. */
export function pctChangeNoFill(x: Float64Array, k: number): Float64Array {
  const out = new Float64Array(x.length).fill(NaN)
  for (let i = k; i < x.length; i++) out[i] = x[i] / x[i - k] - 1
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
