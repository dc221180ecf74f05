/**
 * Typed, path-aware readers over a parsed YAML document: each either returns the value in the expected shape or
 * throws a `StrategyError` naming the source and the dotted field path.
 */
import { StrategyError } from './errors.ts'

export type Mapping = Readonly<Record<string, unknown>>

/** Reads fields of one parsed document and reports problems against `source`. @internal */
export class FieldReader {
  constructor(readonly source: string) {}

  fail(path: string, problem: string): never {
    throw new StrategyError(this.source, path, problem)
  }

  isMapping(value: unknown): value is Mapping {
    return typeof value === 'object' && value !== null && !Array.isArray(value)
  }

  mapping(value: unknown, path: string): Mapping {
    if (!this.isMapping(value)) this.fail(path, `expected a mapping, got ${describe(value)}`)
    return value
  }

  /** A required sub-mapping. */
  section(parent: Mapping, key: string, path: string): Mapping {
    if (!(key in parent) || parent[key] === null) this.fail(join(path, key), 'required section is missing')
    return this.mapping(parent[key], join(path, key))
  }

  list(value: unknown, path: string): readonly unknown[] {
    if (!Array.isArray(value)) this.fail(path, `expected a list, got ${describe(value)}`)
    return value
  }

  /** Throws on the first key of `map` not in `allowed`. */
  onlyKeys(map: Mapping, allowed: readonly string[], path: string): void {
    for (const key of Object.keys(map)) {
      if (!allowed.includes(key)) this.fail(join(path, key), `unknown key (allowed: ${allowed.join(', ')})`)
    }
  }

  string(value: unknown, path: string): string {
    if (typeof value !== 'string' || value.trim() === '')
      this.fail(path, `expected a non-empty string, got ${describe(value)}`)
    return value
  }

  number(value: unknown, path: string): number {
    if (typeof value !== 'number' || !Number.isFinite(value))
      this.fail(path, `expected a finite number, got ${describe(value)}`)
    return value
  }

  /** A finite number with `lo ≤ x` (or `<` when `loOpen`) and `x ≤ hi` (or `<` when `hiOpen`). */
  numberIn(value: unknown, path: string, lo: number, hi: number, loOpen = false, hiOpen = false): number {
    const x = this.number(value, path)
    if ((loOpen ? x <= lo : x < lo) || (hiOpen ? x >= hi : x > hi)) {
      this.fail(path, `must be in ${loOpen ? '(' : '['}${lo}, ${hi}${hiOpen ? ')' : ']'}, got ${x}`)
    }
    return x
  }

  integer(value: unknown, path: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
    const x = this.number(value, path)
    if (!Number.isInteger(x) || x < min || x > max) {
      this.fail(path, `expected an integer in [${min}, ${max}], got ${x}`)
    }
    return x
  }
}

/** `a.b` + `c` → `a.b.c`; `''` + `c` → `c`. */
export function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`
  return path === '' ? key : `${path}.${key}`
}

/** A short description of a YAML value for error messages. */
export function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing'
  if (Array.isArray(value)) return `a list ${truncate(JSON.stringify(value))}`
  if (typeof value === 'object') return 'a mapping'
  return `${typeof value} ${truncate(JSON.stringify(value))}`
}

function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text
}
