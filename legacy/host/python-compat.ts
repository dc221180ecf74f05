/**
 * The few Python behaviours the old host's observable output depends on: `datetime.utcnow().isoformat()`
 * (naive, microseconds shown only when non-zero) and the `TypeError` text of `range()` / `//` on bad JSON values
 * (docs/legacy-behaviour.md §9.2, §13). Frozen with the rest of legacy/host.
 */

/** `datetime.utcfromtimestamp(ms / 1000).isoformat()`: `2026-11-28T14:02:47.123000` or `2026-11-28T14:02:47`. */
export function pythonUtcIsoformat(ms: number): string {
  const iso = new Date(ms).toISOString()
  const base = iso.slice(0, 19)
  const millis = iso.slice(20, 23)
  return millis === '000' ? base : `${base}.${millis}000`
}

/** Python's type name of a parsed JSON value, as it appears in `TypeError` messages. */
export function pythonTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType'
  if (typeof value === 'string') return 'str'
  if (typeof value === 'boolean') return 'bool'
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float'
  if (Array.isArray(value)) return 'list'
  return 'dict'
}

/**
 * The integer `range()` would accept (booleans count as 0 / 1), or the `TypeError` it raises: `'<type>' object
 * cannot be interpreted as an integer`.
 */
export function pythonRangeInt(value: unknown): number {
  if (typeof value === 'number' && Number.isInteger(value)) return value
  if (typeof value === 'boolean') return value ? 1 : 0
  throw new Error(`'${pythonTypeName(value)}' object cannot be interpreted as an integer`)
}

/** `a // b` for a non-negative count `a` and an integer-or-float `b`, with Python's division-by-zero text. */
export function pythonFloorDiv(a: number, b: unknown): number {
  if (typeof b === 'boolean') return pythonFloorDiv(a, b ? 1 : 0)
  if (typeof b !== 'number') {
    throw new Error(`unsupported operand type(s) for //: 'int' and '${pythonTypeName(b)}'`)
  }
  if (b === 0)
    throw new Error(Number.isInteger(b) ? 'integer division or modulo by zero' : 'float floor division by zero')
  return Math.floor(a / b)
}
