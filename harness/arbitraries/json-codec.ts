/**
 * JSON for property counterexamples: plain JSON cannot hold NaN, ±Infinity or −0, which generated inputs do, so
 * those numbers are written as `{ "$number": "NaN" | "Infinity" | "-Infinity" | "-0" }` and read back exactly.
 * Typed arrays are written as `{ "$typed": "Float64Array", "values": [...] }`; objects with a `toJSON()` (such as
 * model-test commands) as what it returns; other iterables (a command sequence) as arrays.
 */

type Encoded = null | boolean | number | string | Encoded[] | { [key: string]: Encoded }

const TYPED = { Float64Array, Float32Array, Int32Array } as const

/**
 * Encodes a value (numbers, strings, booleans, null, arrays, plain objects, Float64/Float32/Int32 arrays) as JSON
 * text that {@link decodeCounterexample} restores bit for bit.
 */
export function encodeCounterexample(value: unknown, indent = 2): string {
  return JSON.stringify(toEncoded(value), null, indent)
}

/**
 * The inverse of {@link encodeCounterexample}.
 */
export function decodeCounterexample(text: string): unknown {
  return fromEncoded(JSON.parse(text) as Encoded)
}

function toEncoded(value: unknown): Encoded {
  if (typeof value === 'number') {
    if (Object.is(value, -0)) return { $number: '-0' }
    if (!Number.isFinite(value)) return { $number: String(value) }
    return value
  }
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value
  if (value === undefined) return null
  for (const [name, ctor] of Object.entries(TYPED)) {
    if (value instanceof ctor) return { $typed: name, values: Array.from(value, toEncoded) }
  }
  if (Array.isArray(value)) return value.map(toEncoded)
  if (typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return toEncoded((value as { toJSON: () => unknown }).toJSON())
  }
  if (typeof value === 'object' && Symbol.iterator in value) return Array.from(value as Iterable<unknown>, toEncoded)
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toEncoded(v)]))
  }
  throw new TypeError(`counterexample codec: cannot encode a ${typeof value}`)
}

function fromEncoded(value: Encoded): unknown {
  if (Array.isArray(value)) return value.map(fromEncoded)
  if (value === null || typeof value !== 'object') return value
  if (typeof value.$number === 'string' && Object.keys(value).length === 1) {
    return value.$number === '-0' ? -0 : Number(value.$number)
  }
  if (typeof value.$typed === 'string' && Array.isArray(value.values)) {
    const ctor = TYPED[value.$typed as keyof typeof TYPED]
    if (!ctor) throw new TypeError(`counterexample codec: unknown typed array ${value.$typed}`)
    return ctor.from(value.values.map((v) => fromEncoded(v) as number))
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromEncoded(v)]))
}
