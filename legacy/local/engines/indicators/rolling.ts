/**
 * Window and smoothing primitives of the legacy indicators, in the shared operation orders of the brief
 * (fresh left-to-right window sums, EMA adjust=False recursion), plus pandas' `ewm(adjust=True)` for EMA.
 */

/**
 * `rolling(window=w).mean()` with min_periods = w: for each i ≥ w−1 the window is summed left to right from 0 and
 * divided by w; a window containing NaN gives NaN; the first w−1 rows are NaN.
 */
export function rollingMean(x: Float64Array, w: number): Float64Array {
  const out = new Float64Array(x.length).fill(NaN)
  for (let i = w - 1; i < x.length; i++) {
    let s = 0
    for (let j = i - w + 1; j <= i; j++) s += x[j]
    out[i] = s / w
  }
  return out
}

/**
 * `rolling(window=w, min_periods=1).mean()` on a series without NaN: partial windows at the start are averaged
 * over the rows available (sum left to right, divided by the count).
 */
export function rollingMeanPartial(x: Float64Array, w: number): Float64Array {
  const out = new Float64Array(x.length)
  for (let i = 0; i < x.length; i++) {
    const from = Math.max(0, i - w + 1)
    let s = 0
    for (let j = from; j <= i; j++) s += x[j]
    out[i] = s / (i - from + 1)
  }
  return out
}

/** `rolling(window=w).std()` (sample, ddof = 1): m = windowSum / w; v = Σ (x − m)² left to right; sqrt(v / (w − 1)). */
export function rollingSampleStd(x: Float64Array, w: number): Float64Array {
  const out = new Float64Array(x.length).fill(NaN)
  for (let i = w - 1; i < x.length; i++) {
    let s = 0
    for (let j = i - w + 1; j <= i; j++) s += x[j]
    const m = s / w
    let v = 0
    for (let j = i - w + 1; j <= i; j++) v += (x[j] - m) * (x[j] - m)
    out[i] = Math.sqrt(v / (w - 1))
  }
  return out
}

/** Rolling max (`pick = Math.max`) or min over w rows with min_periods = w; a NaN in the window gives NaN. */
export function rollingExtreme(x: Float64Array, w: number, pick: (a: number, b: number) => number): Float64Array {
  const out = new Float64Array(x.length).fill(NaN)
  for (let i = w - 1; i < x.length; i++) {
    let e = x[i - w + 1]
    for (let j = i - w + 2; j <= i; j++) e = pick(e, x[j])
    out[i] = e
  }
  return out
}

/**
 * `ewm(alpha=a, adjust=False).mean()` as the brief fixes it: rows before the first valid value are NaN;
 * y[first valid] = x[first valid]; then y[i] = (1 − a) * y[i−1] + a * x[i]; a NaN input keeps y[i] = y[i−1].
 * (pandas would decay the old weight across a NaN gap; no strategy feeds NaN mid-series except missing closes.)
 */
export function ewmNoAdjust(x: Float64Array, a: number): Float64Array {
  const out = new Float64Array(x.length).fill(NaN)
  let started = false
  let y = NaN
  for (let i = 0; i < x.length; i++) {
    const v = x[i]
    if (!started) {
      if (v === v) {
        started = true
        y = v
      }
    } else if (v === v) y = (1 - a) * y + a * v
    out[i] = y
  }
  return out
}

/**
 * pandas `ewm(span, adjust=True).mean()` (min_periods 0, ignore_na False), following pandas' own recursion:
 * with old_wt_factor = 1 − α and new_wt = 1, each observation updates
 * weighted = (old_wt · weighted + cur) / (old_wt + 1) (skipped when weighted == cur), then old_wt += 1;
 * a NaN decays old_wt and repeats the previous output.
 */
export function ewmAdjusted(x: Float64Array, span: number): Float64Array {
  const alpha = 2 / (span + 1)
  const oldWtFactor = 1 - alpha
  const out = new Float64Array(x.length).fill(NaN)
  let weighted = x.length > 0 ? x[0] : NaN
  let oldWt = 1
  if (x.length > 0) out[0] = weighted
  for (let i = 1; i < x.length; i++) {
    const cur = x[i]
    const observed = cur === cur
    if (weighted === weighted) {
      oldWt *= oldWtFactor
      if (observed) {
        if (weighted !== cur) weighted = (oldWt * weighted + cur) / (oldWt + 1)
        oldWt += 1
      }
    } else if (observed) weighted = cur
    out[i] = weighted
  }
  return out
}

/** `x.shift(k)`: the first k rows NaN. */
export function shift(x: Float64Array, k: number): Float64Array {
  const out = new Float64Array(x.length).fill(NaN)
  for (let i = k; i < x.length; i++) out[i] = x[i - k]
  return out
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
