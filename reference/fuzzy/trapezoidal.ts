/** Trapezoidal membership, the old scalar routine (docs/legacy-behaviour.md §4.1). */

/**
 * μ(x) for the trapezoid [a, b, c, d]: NaN → NaN; x ≤ a or x ≥ d → 0 (checked first, so a shoulder with a = b is 0
 * at x = a); a < x < b → (x − a) / max(b − a, ε); b ≤ x ≤ c → 1; c < x < d → (d − x) / max(d − c, ε).
 */
export function trapezoidal(x: number, a: number, b: number, c: number, d: number): number {
  if (Number.isNaN(x)) return NaN
  if (x <= a || x >= d) return 0
  if (x < b) return (x - a) / Math.max(b - a, Number.EPSILON)
  if (x <= c) return 1
  return (d - x) / Math.max(d - c, Number.EPSILON)
}
