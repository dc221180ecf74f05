/**
 * Reads and validates `harness/ledger/known-divergences.yaml`. A malformed entry fails with
 * `<file>:<line>: <entry id>: <field> …` so the reviewer sees exactly what to fix.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { isMap, isSeq, LineCounter, parseDocument, type YAMLMap } from 'yaml'
import { isStageName } from '../compare/stages.ts'
import { isProfileName, PROFILE_NAMES } from '../matrix/profile.ts'
import { PATH_NAMES, type PathName } from '../paths/types.ts'
import type { Ledger, LedgerEntry, LedgerPredicate } from './types.ts'

/** The ledger shipped with the repository. @public */
export const DEFAULT_LEDGER_PATH = fileURLToPath(new URL('./known-divergences.yaml', import.meta.url))

/** A ledger file that cannot be used (an environment error: exit code 2). @public */
export class LedgerError extends Error {
  override readonly name = 'LedgerError'
}

const ENTRY_KEYS = new Set([
  'id',
  'pair',
  'stage',
  'artifact',
  'predicate',
  'strategies',
  'profiles',
  'reason',
  'owner',
  'expires',
])

function isPath(v: unknown): v is PathName {
  return typeof v === 'string' && (PATH_NAMES as readonly string[]).includes(v)
}

function isProfile(v: unknown): boolean {
  return typeof v === 'string' && isProfileName(v)
}

function scalar(v: unknown): v is string | number | boolean | null {
  return v === null || ['string', 'number', 'boolean'].includes(typeof v)
}

function parsePredicate(raw: unknown, fail: (msg: string) => never): LedgerPredicate {
  if (typeof raw !== 'object' || raw === null) fail('predicate must be a mapping with a `kind`')
  const p = raw as Record<string, unknown>
  const side = (): 'a' | 'b' => (p.side === 'a' || p.side === 'b' ? p.side : fail('predicate.side must be a or b'))
  const value = (): number =>
    typeof p.value === 'number' && p.value > 0 ? p.value : fail('predicate.value must be a positive number')
  switch (p.kind) {
    case 'any':
      return { kind: 'any' }
    case 'missing_on':
      return { kind: 'missing_on', side: side() }
    case 'max_abs_below':
      return { kind: 'max_abs_below', value: value() }
    case 'max_rel_below':
      return { kind: 'max_rel_below', value: value() }
    case 'fields_missing_on': {
      const fields = p.fields
      if (!Array.isArray(fields) || fields.length === 0 || !fields.every((f) => typeof f === 'string')) {
        fail('predicate.fields must be a non-empty list of names')
      }
      return { kind: 'fields_missing_on', side: side(), fields }
    }
    case 'values':
      if (!scalar(p.a) || !scalar(p.b)) fail('predicate.a and predicate.b must be scalars')
      return { kind: 'values', a: p.a, b: p.b }
    default:
      return fail(
        `predicate.kind ${JSON.stringify(p.kind)} is not one of any, missing_on, max_abs_below, max_rel_below, fields_missing_on, values`,
      )
  }
}

function parseEntry(raw: unknown, line: number, file: string, index: number): LedgerEntry {
  let label = `entry ${index + 1}`
  const fail = (msg: string): never => {
    throw new LedgerError(`${file}:${line}: ${label}: ${msg}`)
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail('must be a mapping')
  const e = raw as Record<string, unknown>
  if (typeof e.id === 'string' && /^[A-Z0-9][A-Z0-9-]*$/.test(e.id)) label = e.id
  else fail('id must be upper-case letters, digits and dashes')
  for (const key of Object.keys(e)) if (!ENTRY_KEYS.has(key)) fail(`unknown field ${JSON.stringify(key)}`)
  const pair = Array.isArray(e.pair) ? (e.pair as unknown[]) : []
  if (pair.length !== 2 || !isPath(pair[0]) || !isPath(pair[1])) fail(`pair must be two of ${PATH_NAMES.join(', ')}`)
  const stage = e.stage
  if (typeof stage !== 'string' || !isStageName(stage)) fail(`stage ${JSON.stringify(stage)} is not a stage name`)
  if (typeof e.artifact !== 'string' || e.artifact.length === 0) fail('artifact must be a non-empty string')
  for (const key of ['reason', 'owner'] as const) {
    if (typeof e[key] !== 'string' || (e[key] as string).trim().length === 0) fail(`${key} must be a non-empty string`)
  }
  const expires = e.expires instanceof Date ? e.expires.toISOString().slice(0, 10) : e.expires
  if (typeof expires !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(expires) || Number.isNaN(Date.parse(expires))) {
    fail('expires must be a date YYYY-MM-DD')
  }
  const strategies = e.strategies ?? null
  if (strategies !== null && (!Array.isArray(strategies) || !strategies.every((s) => typeof s === 'string'))) {
    fail('strategies must be a list of strategy names')
  }
  const profiles = e.profiles ?? null
  if (profiles !== null && (!Array.isArray(profiles) || profiles.length === 0 || !profiles.every(isProfile))) {
    fail(`profiles must be a non-empty list of ${PROFILE_NAMES.join(', ')}`)
  }
  return {
    id: label,
    pair: [pair[0] as PathName, pair[1] as PathName],
    stage: stage as LedgerEntry['stage'],
    artifact: e.artifact as string,
    predicate: parsePredicate(e.predicate, fail),
    strategies: strategies as string[] | null,
    profiles: profiles as string[] | null,
    reason: (e.reason as string).trim(),
    owner: e.owner as string,
    expires: expires as string,
    line,
  }
}

/** Parses ledger YAML text; `file` is only used in messages. */
export function parseLedger(text: string, file: string): Ledger {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter })
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!
    throw new LedgerError(`${file}:${err.linePos?.[0]?.line ?? '?'}: ${err.message.split('\n')[0]}`)
  }
  const root = doc.contents
  if (!isMap(root)) throw new LedgerError(`${file}:1: expected a mapping with schema_version and entries`)
  const version = (root.toJSON() as Record<string, unknown>).schema_version
  if (version !== 1) throw new LedgerError(`${file}:1: schema_version must be 1, got ${JSON.stringify(version)}`)
  const entriesNode = root.get('entries', true)
  if (!isSeq(entriesNode)) throw new LedgerError(`${file}:1: entries must be a list`)
  const entries = entriesNode.items.map((node, i) => {
    const offset = (node as YAMLMap).range?.[0] ?? 0
    return parseEntry((node as YAMLMap).toJSON(), lineCounter.linePos(offset).line, file, i)
  })
  const seen = new Map<string, number>()
  for (const entry of entries) {
    const prev = seen.get(entry.id)
    if (prev !== undefined)
      throw new LedgerError(`${file}:${entry.line}: ${entry.id}: duplicate id (first at line ${prev})`)
    seen.set(entry.id, entry.line)
  }
  return { file, entries }
}

/** Reads a ledger file. @public */
export function loadLedger(path = DEFAULT_LEDGER_PATH): Ledger {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new LedgerError(`${path}: cannot read ledger (${(error as NodeJS.ErrnoException).code ?? String(error)})`)
  }
  return parseLedger(text, path)
}
