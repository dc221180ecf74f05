/**
 * Rolling-window statistics computed the way pandas computes `Series.rolling(window, min_periods)` (its window
 * kernels `roll_sum`, `roll_mean`, `roll_var`, `roll_max` / `roll_min`), so that indicator columns agree with the
 * old Python code to the last bit (docs/legacy-behaviour.md §3.5):
 * - the window at row i is rows max(0, i − window + 1) … i; NaN values are skipped, and a row is NaN while its
 *   window holds fewer than `minPeriods` non-NaN values (pandas' default `min_periods` is the window);
 * - sums and means run along the series with Kahan-compensated additions and removals (one compensation term for
 *   each), the variance with Welford's running update (compensated likewise), not a fresh sum per window;
 * - a window whose non-NaN values are all equal gets exact results (pandas GH#42064): the mean is that value,
 *   the sum that value times the count, the variance 0.
 */

/**
 * A running window statistic as pandas' kernels keep it: `reset` starts a window from scratch (the last value it
 * remembers set to `first`, the window's first row), `add` / `remove` take one row in or out (NaN rows are
 * skipped), `value` reads the statistic.
 */
interface WindowAccumulator {
  reset(first: number): void
  add(v: number): void
  remove(v: number): void
  value(): number
}

/**
 * Walks the fixed windows of `x` as pandas' window kernels do: the first window (and every window when `window` is
 * 1) is set up from scratch, every later one removes the row that left and adds the one that came.
 */
function walkWindows(x: Float64Array, window: number, accumulator: WindowAccumulator): Float64Array {
  const out = new Float64Array(x.length)
  for (let i = 0; i < x.length; i++) {
    const from = Math.max(0, i - window + 1)
    if (i === 0 || from >= i) {
      accumulator.reset(x[from]!)
      for (let j = from; j <= i; j++) accumulator.add(x[j]!)
    } else {
      for (let j = Math.max(0, i - window); j < from; j++) accumulator.remove(x[j]!)
      accumulator.add(x[i]!)
    }
    out[i] = accumulator.value()
  }
  return out
}

/** The state of a Kahan-summed window, read by the sum and mean rules. */
interface SumState {
  /** Non-NaN values in the window. */
  readonly count: number
  readonly sum: number
  /** Values with the sign bit set (negative numbers and −0). */
  readonly negatives: number
  /** Length of the run of equal values at the end of the values added so far. */
  readonly sameRun: number
  /** The last value added. */
  readonly last: number
}

function signBit(v: number): boolean {
  return v < 0 || Object.is(v, -0)
}

/** pandas' `add_sum` / `remove_sum` (and the mean's twins): Kahan sums with one compensation per direction. */
function kahanWindows(x: Float64Array, window: number, result: (s: SumState) => number): Float64Array {
  const s = { count: 0, sum: 0, negatives: 0, sameRun: 0, last: NaN }
  let addCompensation = 0
  let removeCompensation = 0
  return walkWindows(x, window, {
    reset(first) {
      s.count = s.sum = s.negatives = s.sameRun = addCompensation = removeCompensation = 0
      s.last = first
    },
    add(v) {
      if (Number.isNaN(v)) return
      s.count++
      const y = v - addCompensation
      const t = s.sum + y
      addCompensation = t - s.sum - y
      s.sum = t
      if (signBit(v)) s.negatives++
      s.sameRun = v === s.last ? s.sameRun + 1 : 1
      s.last = v
    },
    remove(v) {
      if (Number.isNaN(v)) return
      s.count--
      const y = -v - removeCompensation
      const t = s.sum + y
      removeCompensation = t - s.sum - y
      s.sum = t
      if (signBit(v)) s.negatives--
    },
    value: () => result(s),
  })
}

function checkWindow(window: number, minPeriods: number): void {
  if (!Number.isInteger(window) || window < 1)
    throw new RangeError(`rolling window must be an integer ≥ 1, got ${window}`)
  if (!Number.isInteger(minPeriods) || minPeriods < 0 || minPeriods > window) {
    throw new RangeError(`min_periods must be an integer in [0, ${window}], got ${minPeriods}`)
  }
}

/**
 * pandas `rolling(window, min_periods).sum()`: the Kahan sum of the window's non-NaN values (value · count when
 * they are all equal); 0 for a window without values when `minPeriods` is 0.
 *
 * @internal
 */
export function rollingSum(x: Float64Array, window: number, minPeriods: number = window): Float64Array {
  checkWindow(window, minPeriods)
  return kahanWindows(x, window, (s) => {
    if (s.count === 0 && minPeriods === 0) return 0
    if (s.count < minPeriods) return NaN
    return s.sameRun >= s.count ? s.last * s.count : s.sum
  })
}

/**
 * pandas `rolling(window, min_periods).mean()`: the Kahan sum of the window's non-NaN values divided by their
 * count (the value itself when they are all equal; 0 instead of a result whose sign the values cannot give).
 * NaN while fewer than `minPeriods` values (at least one) are present.
 *
 * @internal
 */
export function rollingMean(x: Float64Array, window: number, minPeriods: number = window): Float64Array {
  checkWindow(window, minPeriods)
  return kahanWindows(x, window, (s) => {
    if (s.count < minPeriods || s.count === 0) return NaN
    if (s.sameRun >= s.count) return s.last
    const mean = s.sum / s.count
    if (s.negatives === 0 && mean < 0) return 0
    if (s.negatives === s.count && mean > 0) return 0
    return mean
  })
}

/**
 * pandas `rolling(window, min_periods).var(ddof)`: Welford's running mean and sum of squared deviations over the
 * window's non-NaN values, each update Kahan-compensated; ssd / (count − ddof), 0 when the values are all equal
 * or there is one; NaN while fewer than max(minPeriods, 1) values are present or count ≤ ddof.
 *
 * @internal
 */
export function rollingVariance(x: Float64Array, window: number, minPeriods: number = window, ddof = 1): Float64Array {
  checkWindow(window, minPeriods)
  const minCount = Math.max(minPeriods, 1)
  let count = 0
  let mean = 0
  let ssd = 0
  let addCompensation = 0
  let removeCompensation = 0
  let sameRun = 0
  let last = NaN
  return walkWindows(x, window, {
    reset(first) {
      count = mean = ssd = addCompensation = removeCompensation = sameRun = 0
      last = first
    },
    add(v) {
      if (Number.isNaN(v)) return
      count++
      sameRun = v === last ? sameRun + 1 : 1
      last = v
      const previousMean = mean - addCompensation
      const y = v - addCompensation
      const t = y - mean
      addCompensation = t + mean - y
      mean = mean + t / count
      ssd = ssd + (v - previousMean) * (v - mean)
    },
    remove(v) {
      if (Number.isNaN(v)) return
      count--
      if (count === 0) {
        mean = ssd = 0
        return
      }
      const previousMean = mean - removeCompensation
      const y = v - removeCompensation
      const t = y - mean
      removeCompensation = t + mean - y
      mean = mean - t / count
      ssd = ssd - (v - previousMean) * (v - mean)
    },
    value() {
      if (count < minCount || count <= ddof) return NaN
      return count === 1 || sameRun >= count ? 0 : ssd / (count - ddof)
    },
  })
}

/**
 * pandas `rolling(window, min_periods).std()` (ddof = 1): the square root of {@link rollingVariance}, a negative
 * running variance read as 0.
 *
 * @internal
 */
export function rollingSampleStd(x: Float64Array, window: number, minPeriods: number = window): Float64Array {
  return rollingVariance(x, window, minPeriods, 1).map((v) => (v < 0 ? 0 : Math.sqrt(v)))
}

/**
 * pandas `rolling(window, min_periods).max()` / `.min()`: the largest / smallest non-NaN value of the window (of
 * equal values the later one), NaN while fewer than `minPeriods` values (at least one) are present.
 *
 * @internal
 */
export function rollingExtreme(
  x: Float64Array,
  window: number,
  kind: 'max' | 'min',
  minPeriods: number = window,
): Float64Array {
  checkWindow(window, minPeriods)
  const out = new Float64Array(x.length)
  for (let i = 0; i < x.length; i++) {
    let best = NaN
    let count = 0
    for (let j = Math.max(0, i - window + 1); j <= i; j++) {
      const v = x[j]!
      if (Number.isNaN(v)) continue
      count++
      if (count === 1 || (kind === 'max' ? v >= best : v <= best)) best = v
    }
    out[i] = count >= minPeriods && count > 0 ? best : NaN
  }
  return out
}
