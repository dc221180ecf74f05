/**
 * Running and windowed sums that skip missing values as pandas' `cumsum()` and `rolling(window, min_periods).sum()`
 * do (docs/legacy-behaviour.md §3.5), each summed left to right.
 */

/**
 * Sum of the non-NaN values among the last `window` rows; NaN while fewer than `minPeriods` (and at least one)
 * of them are valid.
 *
 * @internal
 */
export function rollingSum(x: Float64Array, window: number, minPeriods: number): Float64Array {
  const out = new Float64Array(x.length).fill(NaN)
  for (let i = 0; i < x.length; i++) {
    let sum = 0
    let count = 0
    for (let j = Math.max(0, i - window + 1); j <= i; j++) {
      if (Number.isNaN(x[j]!)) continue
      sum += x[j]!
      count++
    }
    if (count >= Math.max(minPeriods, 1)) out[i] = sum
  }
  return out
}

/**
 * Running sum that skips NaN: a NaN row stays NaN and the sum carries on past it.
 *
 * @internal
 */
export function cumulativeSum(x: Float64Array): Float64Array {
  let sum = 0
  return x.map((v) => {
    if (Number.isNaN(v)) return NaN
    sum += v
    return sum
  })
}
