/** Gaussian membership (docs/legacy-behaviour.md §4.1). */

/**
 * μ(x) = exp(−½ · ((x − μ) / σ)²); NaN → NaN.
 */
export function gaussian(x: number, mu: number, sigma: number): number {
  if (Number.isNaN(x)) return NaN
  return Math.exp(-0.5 * ((x - mu) / sigma) ** 2)
}
