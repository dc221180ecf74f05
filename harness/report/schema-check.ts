/**
 * A small validator for the JSON Schema subset `harness/report/schema.json` uses (type, enum, required,
 * properties, additionalProperties, items, minItems, maxItems, pattern, anyOf, local `$ref`), so the report can be
 * checked without another package. Returns every violation as `<json path>: <problem>`.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** The report schema shipped with the harness. */
export const REPORT_SCHEMA_PATH = fileURLToPath(new URL('./schema.json', import.meta.url))

type Schema = {
  readonly $ref?: string
  readonly type?: string | readonly string[]
  readonly enum?: readonly unknown[]
  readonly required?: readonly string[]
  readonly properties?: Readonly<Record<string, Schema>>
  readonly additionalProperties?: boolean | Schema
  readonly items?: Schema
  readonly minItems?: number
  readonly maxItems?: number
  readonly pattern?: string
  readonly anyOf?: readonly Schema[]
  readonly $defs?: Readonly<Record<string, Schema>>
}

function typeOf(v: unknown): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'array'
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number'
  return typeof v
}

function typeMatches(actual: string, expected: string): boolean {
  return actual === expected || (expected === 'number' && actual === 'integer')
}

/** Validates `value` against `schema` (whose `$defs` resolve `#/$defs/...` references). */
export function validateAgainstSchema(value: unknown, schema: Schema): string[] {
  const errors: string[] = []
  const defs = schema.$defs ?? {}
  const walk = (v: unknown, s: Schema, path: string): void => {
    if (s.$ref) {
      const name = s.$ref.replace('#/$defs/', '')
      const target = defs[name]
      if (!target) errors.push(`${path}: unknown $ref ${s.$ref}`)
      else walk(v, target, path)
      return
    }
    if (s.anyOf) {
      const ok = s.anyOf.some((alt) => validateAgainstSchema(v, { ...alt, $defs: defs }).length === 0)
      if (!ok) errors.push(`${path}: matches none of anyOf`)
      return
    }
    const actual = typeOf(v)
    if (s.type !== undefined) {
      const expected = typeof s.type === 'string' ? [s.type] : s.type
      if (!expected.some((t) => typeMatches(actual, t))) {
        errors.push(`${path}: expected ${expected.join(' | ')}, got ${actual}`)
        return
      }
    }
    if (s.enum && !s.enum.some((x) => Object.is(x, v)))
      errors.push(`${path}: ${JSON.stringify(v)} is not one of ${JSON.stringify(s.enum)}`)
    if (s.pattern && typeof v === 'string' && !new RegExp(s.pattern).test(v))
      errors.push(`${path}: ${JSON.stringify(v)} does not match ${s.pattern}`)
    if (actual === 'object') {
      const obj = v as Record<string, unknown>
      for (const key of s.required ?? []) if (!(key in obj)) errors.push(`${path}: missing required field ${key}`)
      for (const [key, child] of Object.entries(obj)) {
        const sub = s.properties?.[key]
        if (sub) walk(child, sub, `${path}.${key}`)
        else if (s.additionalProperties === false) errors.push(`${path}: unexpected field ${key}`)
        else if (typeof s.additionalProperties === 'object') walk(child, s.additionalProperties, `${path}.${key}`)
      }
    }
    if (actual === 'array') {
      const arr = v as unknown[]
      if (s.minItems !== undefined && arr.length < s.minItems) errors.push(`${path}: fewer than ${s.minItems} items`)
      if (s.maxItems !== undefined && arr.length > s.maxItems) errors.push(`${path}: more than ${s.maxItems} items`)
      if (s.items) arr.forEach((item, i) => walk(item, s.items!, `${path}[${i}]`))
    }
  }
  walk(value, schema, '$')
  return errors
}

/** Validates a parsed report against the shipped schema. @public */
export function validateReport(report: unknown, schemaPath = REPORT_SCHEMA_PATH): string[] {
  return validateAgainstSchema(report, JSON.parse(readFileSync(schemaPath, 'utf8')) as Schema)
}
