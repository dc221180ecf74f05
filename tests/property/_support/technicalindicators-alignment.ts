/**
 * Putting technicalindicators' outputs next to ours (tests/property/cross-check-technicalindicators.spec.ts and
 * tests/property/cross-check-technicalindicators-classes.spec.ts): TI returns shorter arrays aligned to the END of
 * the input, and seeds its recursions differently, so comparisons start once the seed has been forgotten.
 */

/** TI's output (index j ↔ input n − length + j) on our indices, NaN where TI has no value. */
export function alignEnd(values: ReadonlyArray<number | undefined>, n: number): Float64Array {
  const out = new Float64Array(n).fill(NaN)
  const offset = n - values.length
  values.forEach((v, j) => {
    if (v !== undefined) out[offset + j] = v
  })
  return out
}

/** Bars after which a recursion with smoothing α has forgotten its seed to 1e-8: the first k with (1 − α)^k < 1e-8. */
export function decayBars(alpha: number): number {
  return Math.ceil(Math.log(1e-8) / Math.log(1 - alpha))
}
