/**
 * Known-divergence ledger entries (docs/architecture.md §6 "Known-divergence ledger"): reviewed data saying that one pair
 * may differ at one stage/artifact in a stated way, why, who owns it and until when.
 */
import type { PathName } from '../paths/types.ts'
import type { StageName } from '../compare/stages.ts'

/**
 * When an entry applies to a failing comparison. Evaluated by a fixed interpreter (no eval):
 * - `any`: every failure of the artifact;
 * - `missing_on`: the artifact exists on one side only, and that side is `side`;
 * - `max_abs_below` / `max_rel_below`: the greatest absolute / relative difference is below `value`;
 * - `fields_missing_on`: two name lists differ only by `fields` being absent on `side`;
 * - `values`: an exact comparison saw exactly `a` on side a and `b` on side b.
 */
export type LedgerPredicate =
  | { readonly kind: 'any' }
  | { readonly kind: 'missing_on'; readonly side: 'a' | 'b' }
  | { readonly kind: 'max_abs_below'; readonly value: number }
  | { readonly kind: 'max_rel_below'; readonly value: number }
  | { readonly kind: 'fields_missing_on'; readonly side: 'a' | 'b'; readonly fields: readonly string[] }
  | {
      readonly kind: 'values'
      readonly a: string | number | boolean | null
      readonly b: string | number | boolean | null
    }

/** One known divergence: id, pair, stage and artifact, predicate, reason, owner and expiry. @public */
export interface LedgerEntry {
  readonly id: string
  /** Ordered pair [a, b] as cells name it (path under test, reference). */
  readonly pair: readonly [PathName, PathName]
  readonly stage: StageName
  /** Artifact name, `*` matching any run of characters (e.g. `metrics.val_*`). */
  readonly artifact: string
  readonly predicate: LedgerPredicate
  /** Strategies the entry is limited to; null for all. */
  readonly strategies: readonly string[] | null
  /**
   * Run profiles the entry is limited to (e.g. a difference only the `full` profile's sizing creates); null for
   * all. Under another profile the entry is neither applied nor accounted (never stale).
   */
  readonly profiles: readonly string[] | null
  readonly reason: string
  readonly owner: string
  /** Last day (UTC, YYYY-MM-DD) the entry is valid. */
  readonly expires: string
  /** Where the entry sits in the YAML file (for messages). */
  readonly line: number
}

/** A parsed known-divergence ledger and the file it came from. @public */
export interface Ledger {
  readonly file: string
  readonly entries: readonly LedgerEntry[]
}
