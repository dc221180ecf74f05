/**
 * JSON with typed arrays: serialises Float32Array / Float64Array / Int32Array losslessly (raw little-endian bytes
 * in base64, so NaN and every bit survive) for probes and results that cross a process or HTTP boundary.
 */

type TypedArrayName = 'Float32Array' | 'Float64Array' | 'Int32Array'

interface EncodedTypedArray {
  readonly $typed: TypedArrayName
  readonly base64: string
}

const constructors = { Float32Array, Float64Array, Int32Array } as const

function encode(value: Float32Array | Float64Array | Int32Array, name: TypedArrayName): EncodedTypedArray {
  const bytes = Buffer.from(value.buffer, value.byteOffset, value.byteLength)
  return { $typed: name, base64: bytes.toString('base64') }
}

function isEncoded(value: unknown): value is EncodedTypedArray {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { $typed?: unknown }).$typed === 'string' &&
    typeof (value as { base64?: unknown }).base64 === 'string' &&
    (value as { $typed: string }).$typed in constructors
  )
}

/** `JSON.stringify` that keeps typed arrays bit-exact. */
export function stringifyWithTypedArrays(value: unknown, space?: number): string {
  return JSON.stringify(
    value,
    function replacer(this: unknown, _key: string, v: unknown) {
      if (v instanceof Float32Array) return encode(v, 'Float32Array')
      if (v instanceof Float64Array) return encode(v, 'Float64Array')
      if (v instanceof Int32Array) return encode(v, 'Int32Array')
      return v
    },
    space,
  )
}

/** Inverse of {@link stringifyWithTypedArrays}. */
export function parseWithTypedArrays<T = unknown>(text: string): T {
  return JSON.parse(text, (_key, v: unknown) => {
    if (!isEncoded(v)) return v
    const bytes = Buffer.from(v.base64, 'base64')
    const Ctor = constructors[v.$typed]
    const copy = new Uint8Array(bytes.byteLength)
    copy.set(bytes)
    return new Ctor(copy.buffer, 0, bytes.byteLength / Ctor.BYTES_PER_ELEMENT)
  }) as T
}
