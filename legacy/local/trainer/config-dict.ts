/**
 * Python-dict reading of the strategy YAML, as the old trainer did it (`dict.get(key, default)` returns the default
 * only when the key is absent; `dict[key]` raises KeyError). Every helper names the dotted field in its error.
 */

/** A strategy field is missing (the old KeyError) or has the wrong type; the trainer prefixes the file path. */
export class ConfigFieldError extends Error {
  override readonly name = 'ConfigFieldError'
}

/** A parsed YAML mapping. */
export type ConfigDict = Record<string, unknown>

/** True for a plain mapping (not an array, not null). */
export function isDict(value: unknown): value is ConfigDict {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** `d.get(key, fallback)`: the stored value (even null) when the key exists, else `fallback`. */
export function dictGet(d: ConfigDict, key: string, fallback: unknown): unknown {
  return Object.hasOwn(d, key) ? d[key] : fallback
}

/** `d[key]` for a required mapping: throws the old KeyError (or a type error) naming `field`. */
export function requireDict(d: ConfigDict, key: string, field: string): ConfigDict {
  if (!Object.hasOwn(d, key)) throw new ConfigFieldError(`KeyError: '${key}' (strategy field ${field} is required)`)
  const value = d[key]
  if (!isDict(value))
    throw new ConfigFieldError(`strategy field ${field} must be a mapping, got ${JSON.stringify(value)}`)
  return value
}

/** A finite number read with `dict.get` semantics; throws naming `field` when the stored value is not one. */
export function numberGet(d: ConfigDict, key: string, fallback: number, field: string): number {
  const value = dictGet(d, key, fallback)
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ConfigFieldError(`strategy field ${field} must be a number, got ${JSON.stringify(value)}`)
  }
  return value
}

/** `d[key]` for a required number: throws the old KeyError naming `field` when absent. */
export function requireNumber(d: ConfigDict, key: string, field: string): number {
  if (!Object.hasOwn(d, key)) throw new ConfigFieldError(`KeyError: '${key}' (strategy field ${field} is required)`)
  return numberGet(d, key, Number.NaN, field)
}

/** Python truthiness of a YAML value (empty mapping / list / string, 0, false and null are falsy). */
export function truthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '') return false
  if (Array.isArray(value)) return value.length > 0
  if (isDict(value)) return Object.keys(value).length > 0
  return true
}
