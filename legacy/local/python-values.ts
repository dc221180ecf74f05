/**
 * Python's view of YAML scalars where JavaScript loses it: PyYAML reads `2.0` as a float and `2` as an int, and
 * the old indicator classes both checked `isinstance(x, int)` and printed parameters into column names with
 * `str()` (`KC_Upper_20_10_2.0`). A float of an indicator's `params:` mapping is kept as a {@link PythonFloat}.
 */

/** A YAML float as PyYAML returned it (a JSON number when serialised). */
export class PythonFloat {
  constructor(readonly value: number) {}

  toJSON(): number {
    return this.value
  }
}

/** PyYAML's float resolver (YAML 1.1): a plain scalar with a dot, or `.inf` / `.nan`. */
export function isYamlFloatLiteral(source: string): boolean {
  return /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+][0-9]+)?$/.test(source) || /^[-+]?\.(?:inf|nan)$/i.test(source)
}

/** Python's `repr(float)`: shortest round-trip digits, `.0` on integral values, exponent form outside 1e-4 … 1e16. */
export function pythonFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan'
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf'
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0'
  const [mantissa, exponentText] = x.toExponential().split('e')
  const exponent = Number(exponentText)
  if (exponent >= -4 && exponent < 16) {
    const fixed = String(x)
    return fixed.includes('.') ? fixed : `${fixed}.0`
  }
  const digits = Math.abs(exponent) < 10 ? `0${Math.abs(exponent)}` : `${Math.abs(exponent)}`
  return `${mantissa}e${exponent < 0 ? '-' : '+'}${digits}`
}

/** Python's `str(value)` of a keyword-argument value as an f-string prints it. */
export function pythonStr(value: unknown): string {
  if (value instanceof PythonFloat) return pythonFloatRepr(value.value)
  if (typeof value === 'boolean') return value ? 'True' : 'False'
  if (value === null || value === undefined) return 'None'
  return String(value)
}

/** `isinstance(value, int)` (a bool is an int in Python). */
export function isPythonInt(value: unknown): value is number | boolean {
  return typeof value === 'boolean' || (typeof value === 'number' && Number.isInteger(value))
}

/** `isinstance(value, (int, float))`. */
export function isPythonNumber(value: unknown): value is number | boolean | PythonFloat {
  return isPythonInt(value) || value instanceof PythonFloat
}

/** The numeric value of an int, bool or float. */
export function pythonNumber(value: number | boolean | PythonFloat): number {
  if (value instanceof PythonFloat) return value.value
  return typeof value === 'boolean' ? Number(value) : value
}

/** Python truthiness of a YAML value (`if include_middle:`). */
export function pythonTruthy(value: unknown): boolean {
  if (value instanceof PythonFloat) return value.value !== 0
  if (Array.isArray(value)) return value.length > 0
  if (typeof value === 'object' && value !== null) return Object.keys(value).length > 0
  return Boolean(value)
}
