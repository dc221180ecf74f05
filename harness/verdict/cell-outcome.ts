/**
 * A cell's verdict from its comparisons (docs/architecture.md §6 "First divergence", "Verdicts"): failures the ledger
 * explains become known divergences; the first unexplained failure in pipeline order is blamed, with its
 * location, and later failing stages are listed as affected, not blamed.
 */
import type { Comparison } from '../compare/comparison.ts'
import { stageIndex, type StageName } from '../compare/stages.ts'
import type { Ledger } from '../ledger/types.ts'
import { findEntry } from '../ledger/match.ts'
import type { PathName } from '../paths/types.ts'

/** A comparison annotated with the ledger entry that explains it (failures only). */
export interface JudgedComparison extends Comparison {
  readonly ledger_id: string | null
}

/** Where a pair first leaves its tolerance. */
export interface FirstDivergence {
  readonly stage: StageName
  readonly artifact: string
  readonly location: string | null
  readonly detail: string
}

export type CellVerdict = 'equivalent' | 'known-divergence' | 'diverged' | 'error' | 'inconclusive'

/** A cell's outcome, discriminated on `verdict`. */
export type CellOutcome =
  | { readonly verdict: 'equivalent' }
  | { readonly verdict: 'known-divergence'; readonly ledgerIds: readonly string[] }
  | {
      readonly verdict: 'diverged'
      readonly firstDivergence: FirstDivergence
      /** Later stages with failures (known or not): consequences, not causes. */
      readonly affected: readonly StageName[]
      readonly ledgerIds: readonly string[]
    }
  | {
      readonly verdict: 'error'
      readonly side: 'a' | 'b'
      readonly error: string
      readonly logTail: string
      readonly timedOut: boolean
    }
  | { readonly verdict: 'inconclusive'; readonly reason: string }

/** Marks each failing comparison with the ledger entry that explains it, if any. */
export function judgeComparisons(
  comparisons: readonly Comparison[],
  ledger: Ledger,
  pair: readonly [PathName, PathName],
  strategy: string,
): JudgedComparison[] {
  return comparisons.map((c) => ({
    ...c,
    ledger_id: c.passed ? null : (findEntry(ledger, pair, strategy, c)?.id ?? null),
  }))
}

/** Counts of ledger matches per entry id. */
export function ledgerHits(judged: readonly JudgedComparison[]): Record<string, number> {
  const hits: Record<string, number> = {}
  for (const c of judged) if (c.ledger_id) hits[c.ledger_id] = (hits[c.ledger_id] ?? 0) + 1
  return hits
}

/** The first unexplained failure in pipeline order (ties: the order the comparator produced them). */
export function firstDivergence(judged: readonly JudgedComparison[]): JudgedComparison | null {
  let best: JudgedComparison | null = null
  for (const c of judged) {
    if (c.passed || c.ledger_id !== null) continue
    if (best === null || stageIndex(c.stage) < stageIndex(best.stage)) best = c
  }
  return best
}

/** Derives the outcome of a cell whose two runs both succeeded. */
export function outcomeOf(judged: readonly JudgedComparison[]): CellOutcome {
  const ids = [...new Set(judged.flatMap((c) => (c.ledger_id ? [c.ledger_id] : [])))]
  const first = firstDivergence(judged)
  if (first === null)
    return ids.length > 0 ? { verdict: 'known-divergence', ledgerIds: ids } : { verdict: 'equivalent' }
  const after = stageIndex(first.stage)
  const affected = [...new Set(judged.filter((c) => !c.passed && stageIndex(c.stage) > after).map((c) => c.stage))]
  return {
    verdict: 'diverged',
    firstDivergence: { stage: first.stage, artifact: first.artifact, location: first.location, detail: first.detail },
    affected: affected.sort((x, y) => stageIndex(x) - stageIndex(y)),
    ledgerIds: ids,
  }
}
