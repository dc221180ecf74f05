/**
 * Whole-slice reductions as pandas computes them (docs/legacy-behaviour.md §3.5): `Series.mean()` skips NaN,
 * summing with numpy's pairwise summation over the slice with its NaN replaced by 0, divided by the number of
 * non-NaN values.
 */

/** Longest run numpy sums with eight interleaved accumulators before splitting in two. */
const PAIRWISE_BLOCK = 128

/**
 * numpy's pairwise sum of `n` values from `start`: fewer than 8 left to right from 0; up to 128 in eight
 * interleaved partial sums combined as ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7)), then the remainder
 * added in order; more split in two at a multiple of 8.
 *
 * @internal
 */
export function pairwiseSum(x: ArrayLike<number>, start: number, n: number): number {
  if (n < 8) {
    let sum = 0
    for (let i = 0; i < n; i++) sum += x[start + i]!
    return sum
  }
  if (n <= PAIRWISE_BLOCK) {
    const r = Array.from({ length: 8 }, (_, k) => x[start + k]!)
    let i = 8
    for (; i < n - (n % 8); i += 8) for (let k = 0; k < 8; k++) r[k]! += x[start + i + k]!
    let sum = r[0]! + r[1]! + (r[2]! + r[3]!) + (r[4]! + r[5]! + (r[6]! + r[7]!))
    for (; i < n; i++) sum += x[start + i]!
    return sum
  }
  let half = Math.floor(n / 2)
  half -= half % 8
  return pairwiseSum(x, start, half) + pairwiseSum(x, start + half, n - half)
}

/**
 * pandas `x[from:to].mean()`: the pairwise sum of the slice with NaN read as 0, divided by its count of non-NaN
 * values; NaN when there is none.
 *
 * @internal
 */
export function nanMean(x: Float64Array, from: number, to: number): number {
  const filled = x.slice(from, to).map((v) => (Number.isNaN(v) ? 0 : v))
  const count = x.slice(from, to).reduce((n, v) => (Number.isNaN(v) ? n : n + 1), 0)
  return pairwiseSum(filled, 0, filled.length) / count
}
