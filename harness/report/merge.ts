/**
 * `ktrdr-train report merge`: combines the JSON reports of `--shard i/n` runs into one report — cells, canaries
 * and runs concatenated, ledger hits summed (an entry is stale only if no shard matched it), the gate decided
 * again over the union.
 */
import { readFileSync } from 'node:fs'
import { gateOf } from '../matrix/assess.ts'
import type { EquivalenceReport, LedgerEntryReport } from './model.ts'
import { SCHEMA_VERSION } from './model.ts'

/** A shard file that cannot be merged (exit code 2). @public */
export class MergeError extends Error {
  override readonly name = 'MergeError'
}

/** Reads a shard report, checking its schema version. @public */
export function readShard(path: string): EquivalenceReport {
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    throw new MergeError(`${path}: not a readable JSON report (${(error as Error).message})`)
  }
  const version = (parsed as { schema_version?: unknown }).schema_version
  if (typeof version !== 'string' || version.split('.')[0] !== SCHEMA_VERSION.split('.')[0]) {
    throw new MergeError(`${path}: schema_version ${JSON.stringify(version)} is not compatible with ${SCHEMA_VERSION}`)
  }
  return parsed as EquivalenceReport
}

function mergeLedger(shards: readonly EquivalenceReport[]): LedgerEntryReport[] {
  const byId = new Map<string, LedgerEntryReport>()
  for (const shard of shards) {
    for (const entry of shard.ledger.entries) {
      const prev = byId.get(entry.id)
      if (!prev) byId.set(entry.id, entry)
      else
        byId.set(entry.id, {
          ...prev,
          hits: prev.hits + entry.hits,
          evaluated: prev.evaluated || entry.evaluated,
          expired: prev.expired || entry.expired,
        })
    }
  }
  return [...byId.values()].map((e) => ({ ...e, stale: e.evaluated && e.hits === 0 }))
}

/** Merges shard reports (all from the same seed and profile) into one. @public */
export function mergeReports(shards: readonly EquivalenceReport[], sources: readonly string[]): EquivalenceReport {
  if (shards.length === 0) throw new MergeError('report merge: no shard files given')
  const first = shards[0]!
  shards.forEach((s, i) => {
    if (s.settings.seed !== first.settings.seed || s.settings.profile !== first.settings.profile) {
      throw new MergeError(
        `${sources[i]}: seed/profile ${s.settings.seed}/${s.settings.profile} differ from ${sources[0]} (${first.settings.seed}/${first.settings.profile})`,
      )
    }
  })
  const cells = shards.flatMap((s) => s.cells)
  const ids = new Set<string>()
  for (const [i, s] of shards.entries()) {
    for (const c of s.cells) {
      if (ids.has(c.id)) throw new MergeError(`${sources[i]}: cell ${c.id} appears in more than one shard`)
      ids.add(c.id)
    }
  }
  const canaries = shards.flatMap((s) => s.canaries)
  const runs = [...new Map(shards.flatMap((s) => s.runs).map((r) => [r.key, r])).values()]
  const ledger = mergeLedger(shards)
  const oracle = shards.find((s) => s.oracle?.status === 'run')?.oracle ?? shards.find((s) => s.oracle)?.oracle
  const gate = gateOf(cells, canaries, ledger, oracle)
  const union = <T>(lists: readonly (readonly T[])[]): T[] => [...new Set(lists.flat())]
  return {
    ...first,
    generated_at: shards
      .map((s) => s.generated_at)
      .sort()
      .at(-1)!,
    verdict: gate.verdict,
    exit_code: gate.exitCode,
    reasons: gate.reasons,
    settings: {
      ...first.settings,
      shard: `merged ${shards.map((s) => s.settings.shard ?? 'all').join(', ')}`,
      data_hashes: Object.assign({}, ...shards.map((s) => s.settings.data_hashes)),
    },
    strategies: union(shards.map((s) => s.strategies)),
    paths: union(shards.map((s) => s.paths)),
    cells,
    canaries,
    ledger: { file: first.ledger.file, entries: ledger },
    runs,
    timings: {
      total_s: Math.max(...shards.map((s) => s.timings.total_s)),
      runs_s: shards.reduce((n, s) => n + s.timings.runs_s, 0),
      slowest_run: shards
        .map((s) => s.timings.slowest_run)
        .reduce((best, r) => (r && (!best || r.wall_s > best.wall_s) ? r : best), null),
    },
    ...(oracle ? { oracle } : {}),
  }
}
