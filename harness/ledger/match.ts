/**
 * Applies the ledger to a cell's comparisons and accounts for it over a whole run: hit counts, entries past
 * their expiry date, and stale entries (their pair was compared but they explained nothing).
 */
import type { Comparison } from '../compare/comparison.ts'
import type { PathName } from '../paths/types.ts'
import type { Ledger, LedgerEntry, LedgerPredicate } from './types.ts'

/** `*` matches any run of characters; everything else literally. */
export function artifactMatches(pattern: string, artifact: string): boolean {
  const parts = pattern.split('*')
  if (parts.length === 1) return pattern === artifact
  if (!artifact.startsWith(parts[0]!) || !artifact.endsWith(parts[parts.length - 1]!)) return false
  let pos = parts[0]!.length
  for (const mid of parts.slice(1, -1)) {
    const at = artifact.indexOf(mid, pos)
    if (at < 0) return false
    pos = at + mid.length
  }
  return pos <= artifact.length - parts[parts.length - 1]!.length
}

function listDifference(values: Comparison['values']): { onlyA: string[]; onlyB: string[] } | null {
  if (!values || !Array.isArray(values.a) || !Array.isArray(values.b)) return null
  const a = values.a as string[]
  const b = values.b as string[]
  return { onlyA: a.filter((x) => !b.includes(x)), onlyB: b.filter((x) => !a.includes(x)) }
}

/** True when `predicate` explains the failing comparison `c`. */
export function predicateHolds(predicate: LedgerPredicate, c: Comparison): boolean {
  switch (predicate.kind) {
    case 'any':
      return true
    case 'missing_on':
      return c.missing_on === predicate.side
    case 'max_abs_below':
      return c.max_abs !== null && c.max_abs < predicate.value
    case 'max_rel_below':
      return c.statistic === 'allclose' && c.observed < predicate.value
    case 'fields_missing_on': {
      const diff = listDifference(c.values)
      if (!diff) return false
      const missing = predicate.side === 'b' ? diff.onlyA : diff.onlyB
      const extra = predicate.side === 'b' ? diff.onlyB : diff.onlyA
      return extra.length === 0 && missing.length > 0 && missing.every((f) => predicate.fields.includes(f))
    }
    case 'values':
      return c.values !== null && Object.is(c.values.a, predicate.a) && Object.is(c.values.b, predicate.b)
  }
}

/** The entry that explains `c` in this cell, or undefined. */
export function findEntry(
  ledger: Ledger,
  pair: readonly [PathName, PathName],
  strategy: string,
  c: Comparison,
): LedgerEntry | undefined {
  return ledger.entries.find(
    (e) =>
      e.pair[0] === pair[0] &&
      e.pair[1] === pair[1] &&
      e.stage === c.stage &&
      (e.strategies === null || e.strategies.includes(strategy)) &&
      artifactMatches(e.artifact, c.artifact) &&
      predicateHolds(e.predicate, c),
  )
}

/** True when `entry` applies under `profile` (an entry without `profiles` applies under every profile). */
export function appliesToProfile(entry: LedgerEntry, profile: string): boolean {
  return entry.profiles === null || entry.profiles.includes(profile)
}

/** The entries of `ledger` that apply under `profile`. */
export function ledgerForProfile(ledger: Ledger, profile: string): Ledger {
  return { ...ledger, entries: ledger.entries.filter((e) => appliesToProfile(e, profile)) }
}

/** Ledger bookkeeping over one run (or merged shards). */
export interface LedgerAccount {
  readonly id: string
  readonly hits: number
  /** True when the entry's pair (and one of its strategies) was compared at least once in this run. */
  readonly evaluated: boolean
  readonly expired: boolean
  /** Evaluated but matched nothing. */
  readonly stale: boolean
}

/** True when `entry` has expired on `today` (YYYY-MM-DD, UTC): its last valid day is before today. */
export function isExpired(entry: LedgerEntry, today: string): boolean {
  return entry.expires < today
}

/**
 * Accounts each entry: `hits` from the matched ledger ids of every comparison, `evaluated` from the cells that
 * ran (strategy + ordered pair) under a profile the entry applies to.
 */
export function accountLedger(
  ledger: Ledger,
  cells: readonly {
    readonly strategy: string
    readonly pair: readonly [PathName, PathName]
    readonly ledgerHits: Readonly<Record<string, number>>
  }[],
  today: string,
  profile: string,
): LedgerAccount[] {
  return ledger.entries.map((entry) => {
    let hits = 0
    let evaluated = false
    for (const cell of appliesToProfile(entry, profile) ? cells : []) {
      if (cell.pair[0] !== entry.pair[0] || cell.pair[1] !== entry.pair[1]) continue
      if (entry.strategies !== null && !entry.strategies.includes(cell.strategy)) continue
      evaluated = true
      hits += cell.ledgerHits[entry.id] ?? 0
    }
    return { id: entry.id, hits, evaluated, expired: isExpired(entry, today), stale: evaluated && hits === 0 }
  })
}
