/**
 * The pandas operations the old indicator classes called, ported from pandas' own kernels so the legacy columns
 * equal what the Python code produced (docs/legacy-behaviour.md §3.5): `rolling(...).mean() / .std() / .max() / .min()`
 * (Kahan running sums, Welford running variance, NaN skipped, min_periods, the equal-values rule of GH#42064),
 * `ewm(...).mean()` (the ewm kernel with ignore_na=False and the centre-of-mass round trip), `shift`, `diff`,
 * `pct_change` (pad fill), `Series.mean()` (numpy pairwise summation) and the row-wise `max(axis=1)`.
 */

/** Window bounds of `rolling(window)` (right-closed, not centred): start[i] = max(0, i − w + 1), end[i] = i + 1. */
function fixedWindowBounds(rows: number, window: number): { start: Int32Array; end: Int32Array } {
  const start = new Int32Array(rows)
  const end = new Int32Array(rows)
  for (let i = 0; i < rows; i++) {
    end[i] = i + 1
    start[i] = Math.max(0, i + 1 - window)
  }
  return { start, end }
}

/**
 * `roll_mean`: add_mean / remove_mean with separate Kahan compensations, calc_mean (count ≥ min_periods and > 0;
 * all-equal run → the value; sign corrections).
 */
export function rollingMean(x: Float64Array, window: number, minPeriods: number = window): Float64Array {
  const { start, end } = fixedWindowBounds(x.length, window)
  const output = new Float64Array(x.length)
  let nobs = 0
  let negCt = 0
  let sumX = 0
  let compensationAdd = 0
  let compensationRemove = 0
  let prevValue = NaN
  let numConsecutiveSameValue = 0
  const addMean = (val: number): void => {
    if (val !== val) return
    nobs += 1
    const y = val - compensationAdd
    const t = sumX + y
    compensationAdd = t - sumX - y
    sumX = t
    if (val < 0 || Object.is(val, -0)) negCt += 1
    if (val === prevValue) numConsecutiveSameValue += 1
    else numConsecutiveSameValue = 1
    prevValue = val
  }
  const removeMean = (val: number): void => {
    if (val !== val) return
    nobs -= 1
    const y = -val - compensationRemove
    const t = sumX + y
    compensationRemove = t - sumX - y
    sumX = t
    if (val < 0 || Object.is(val, -0)) negCt -= 1
  }
  for (let i = 0; i < x.length; i++) {
    const s = start[i]
    const e = end[i]
    if (i === 0 || s >= end[i - 1]) {
      compensationAdd = compensationRemove = sumX = 0
      nobs = negCt = 0
      prevValue = x[s]
      numConsecutiveSameValue = 0
      for (let j = s; j < e; j++) addMean(x[j])
    } else {
      for (let j = start[i - 1]; j < s; j++) removeMean(x[j])
      for (let j = end[i - 1]; j < e; j++) addMean(x[j])
    }
    let result = NaN
    if (nobs >= minPeriods && nobs > 0) {
      result = sumX / nobs
      if (numConsecutiveSameValue >= nobs) result = prevValue
      else if (negCt === 0 && result < 0) result = 0
      else if (negCt === nobs && result > 0) result = 0
    }
    output[i] = result
  }
  return output
}

/**
 * `rolling(window=w).std()` = zsqrt(`roll_var`(ddof = 1)): Welford with Kahan-compensated updates, 0 for one value
 * or an all-equal run, NaN below max(min_periods, 1) values or at most ddof values; negative variance → 0.
 */
export function rollingStd(x: Float64Array, window: number, minPeriods: number = window): Float64Array {
  const ddof = 1
  const minp = Math.max(minPeriods, 1)
  const { start, end } = fixedWindowBounds(x.length, window)
  const output = new Float64Array(x.length)
  let nobs = 0
  let meanX = 0
  let ssqdmX = 0
  let compensationAdd = 0
  let compensationRemove = 0
  let prevValue = NaN
  let numConsecutiveSameValue = 0
  const addVar = (val: number): void => {
    if (val !== val) return
    nobs += 1
    if (val === prevValue) numConsecutiveSameValue += 1
    else numConsecutiveSameValue = 1
    prevValue = val
    const prevMean = meanX - compensationAdd
    const y = val - compensationAdd
    const t = y - meanX
    compensationAdd = t + meanX - y
    meanX = meanX + t / nobs
    ssqdmX = ssqdmX + (val - prevMean) * (val - meanX)
  }
  const removeVar = (val: number): void => {
    if (val !== val) return
    nobs -= 1
    if (nobs) {
      const prevMean = meanX - compensationRemove
      const y = val - compensationRemove
      const t = y - meanX
      compensationRemove = t + meanX - y
      meanX = meanX - t / nobs
      ssqdmX = ssqdmX - (val - prevMean) * (val - meanX)
    } else {
      meanX = 0
      ssqdmX = 0
    }
  }
  for (let i = 0; i < x.length; i++) {
    const s = start[i]
    const e = end[i]
    if (i === 0 || s >= end[i - 1]) {
      prevValue = x[s]
      numConsecutiveSameValue = 0
      meanX = ssqdmX = nobs = compensationAdd = compensationRemove = 0
      for (let j = s; j < e; j++) addVar(x[j])
    } else {
      for (let j = start[i - 1]; j < s; j++) removeVar(x[j])
      for (let j = end[i - 1]; j < e; j++) addVar(x[j])
    }
    let variance = NaN
    if (nobs >= minp && nobs > ddof) {
      variance = nobs === 1 || numConsecutiveSameValue >= nobs ? 0 : ssqdmX / (nobs - ddof)
    }
    output[i] = variance < 0 ? 0 : Math.sqrt(variance)
  }
  return output
}

/**
 * `rolling(window=w, min_periods).max()` (`better = (a, b) => a >= b`) or `.min()` (`a <= b`): the extreme of the
 * window's non-NaN values, the later of equal ones; NaN below min_periods values or with none.
 */
export function rollingExtreme(
  x: Float64Array,
  window: number,
  better: (candidate: number, current: number) => boolean,
  minPeriods: number = window,
): Float64Array {
  const out = new Float64Array(x.length).fill(NaN)
  for (let i = 0; i < x.length; i++) {
    let nobs = 0
    let value = NaN
    for (let j = Math.max(0, i - window + 1); j <= i; j++) {
      if (x[j] !== x[j]) continue
      nobs += 1
      if (nobs === 1 || better(x[j], value)) value = x[j]
    }
    if (nobs > 0 && nobs >= minPeriods) out[i] = value
  }
  return out
}

/** pandas' `com` for `ewm(span=…)`, `ewm(alpha=…)` (get_center_of_mass). */
export type LegacyEwmParameter = { readonly span: number } | { readonly alpha: number }

/**
 * `ewm(<parameter>, adjust).mean()` with min_periods 0 and ignore_na False, the pandas kernel: alpha = 1/(1 + com),
 * old_wt decays by (1 − alpha) on every row once the first observation is in (NaN rows too); an observation gives
 * weighted = (old_wt · weighted + new_wt · cur) / (old_wt + new_wt) unless weighted == cur, new_wt = 1 (adjust) or
 * alpha; then old_wt += new_wt (adjust) or old_wt = 1. NaN rows repeat the last output.
 */
export function pandasEwmMean(x: Float64Array, parameter: LegacyEwmParameter, adjust: boolean): Float64Array {
  const com = 'span' in parameter ? (parameter.span - 1) / 2 : (1 - parameter.alpha) / parameter.alpha
  const alpha = 1 / (1 + com)
  const oldWtFactor = 1 - alpha
  const newWt = adjust ? 1 : alpha
  const output = new Float64Array(x.length)
  if (x.length === 0) return output
  let weighted = x[0]
  let oldWt = 1
  output[0] = weighted
  for (let i = 1; i < x.length; i++) {
    const cur = x[i]
    const isObservation = cur === cur
    if (weighted === weighted) {
      oldWt *= oldWtFactor
      if (isObservation) {
        if (weighted !== cur) {
          weighted = oldWt * weighted + newWt * cur
          weighted /= oldWt + newWt
        }
        if (adjust) oldWt += newWt
        else oldWt = 1
      }
    } else if (isObservation) weighted = cur
    output[i] = weighted
  }
  return output
}

/** `x.shift(k)`: the first k rows NaN. */
export function shift(x: Float64Array, k: number): Float64Array {
  const out = new Float64Array(x.length).fill(NaN)
  for (let i = k; i < x.length; i++) out[i] = x[i - k]
  return out
}

/** `x.pct_change(periods=k)` (fill_method "pad"): forward-fill NaN, then x / x.shift(k) − 1. */
export function pctChange(x: Float64Array, k: number): Float64Array {
  const data = Float64Array.from(x)
  for (let i = 1; i < data.length; i++) if (data[i] !== data[i]) data[i] = data[i - 1]
  const shifted = shift(data, k)
  return data.map((v, i) => v / shifted[i] - 1)
}

/** numpy's pairwise summation (`np.add.reduce` on a contiguous float64 array). */
function numpyPairwiseSum(a: Float64Array, n: number, offset: number): number {
  if (n < 8) {
    let res = 0
    for (let i = 0; i < n; i++) res += a[offset + i]
    return res
  }
  if (n <= 128) {
    const r = a.slice(offset, offset + 8)
    let i: number
    for (i = 8; i < n - (n % 8); i += 8) {
      for (let k = 0; k < 8; k++) r[k] += a[offset + i + k]
    }
    let res = r[0] + r[1] + (r[2] + r[3]) + (r[4] + r[5] + (r[6] + r[7]))
    for (; i < n; i++) res += a[offset + i]
    return res
  }
  let n2 = Math.trunc(n / 2)
  n2 -= n2 % 8
  return numpyPairwiseSum(a, n2, offset) + numpyPairwiseSum(a, n - n2, offset + n2)
}

/** `x.iloc[from:to].mean()` (nanops.nanmean): NaN → 0, numpy sum, divided by the count of non-NaN values. */
export function seriesMean(x: Float64Array, from: number, to: number): number {
  const values = x.slice(from, to)
  let count = 0
  for (let i = 0; i < values.length; i++) {
    if (values[i] === values[i]) count += 1
    else values[i] = 0
  }
  return numpyPairwiseSum(values, values.length, 0) / count
}

/** pandas' row-wise `max(axis=1)` over several columns, skipping NaN (all NaN gives NaN). */
export function rowMaxSkipNaN(columns: readonly Float64Array[], rows: number): Float64Array {
  const out = new Float64Array(rows)
  for (let i = 0; i < rows; i++) {
    let m = NaN
    for (const column of columns) {
      const v = column[i]
      if (v === v && !(m >= v)) m = v
    }
    out[i] = m
  }
  return out
}
