/**
 * Number formatting for failure texts and reports: two significant digits in exponent form for differences
 * (`4.1e-4`), percentages with one decimal.
 */

/** `4.1e-4`, `0`, `NaN`, `inf`. */
export function sci(value: number): string {
  if (Number.isNaN(value)) return 'NaN'
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf'
  if (value === 0) return '0'
  return value.toExponential(1).replace('e+', 'e')
}

/** `2.5 %` for 50 of 2003. */
export function percentOf(part: number, whole: number): string {
  if (whole === 0) return '0 %'
  const p = (100 * part) / whole
  return `${p >= 10 || p === 0 ? p.toFixed(0) : p.toFixed(1)} %`
}

/** Index (17, 3) of a row-major tensor with `shape`; a flat index when the shape has one dimension. */
export function formatIndex(flat: number, shape: readonly number[]): string {
  if (shape.length <= 1) return `(${flat})`
  const parts: number[] = []
  let rest = flat
  for (let d = shape.length - 1; d >= 0; d--) {
    const size = shape[d]!
    parts.unshift(rest % size)
    rest = Math.floor(rest / size)
  }
  return `(${parts.join(', ')})`
}
