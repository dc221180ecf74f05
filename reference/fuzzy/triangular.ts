/** Triangular membership, the old scalar routine (docs/legacy-behaviour.md §4.1). */

/**
 * μ(x) for the triangle [a, b, c]: NaN → NaN; x == b → 1 (checked first, so degenerate shoulders peak exactly);
 * x ≤ a or x ≥ c → 0; a < x < b → (x − a) / max(b − a, ε); b < x < c → (c − x) / max(c − b, ε).
 */
export function triangular(x: number, a: number, b: number, c: number): number {
  if (Number.isNaN(x)) return NaN
  if (x === b) return 1
  if (x <= a || x >= c) return 0
  if (x < b) return (x - a) / Math.max(b - a, Number.EPSILON)
  return (c - x) / Math.max(c - b, Number.EPSILON)
}
