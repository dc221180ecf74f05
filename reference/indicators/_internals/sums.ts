/** The running sum of VWAP's cumulative form as pandas' `cumsum()` computes it (docs/legacy-behaviour.md §3.5). */

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
