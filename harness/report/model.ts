/**
 * The equivalence report (schema `harness/report/schema.json`, version {@link SCHEMA_VERSION}): everything a
 * reviewer at the merge gate needs, in the order docs/architecture.md §6.8 lists it — the verdict and its reasons, the matrix,
 * per-cell first divergences and comparisons, canaries, the ledger in force, provenance, replay commands and
 * timings. Field names are snake_case because this object is written to `reports/equivalence.json` as it is.
 */
import type { Comparison } from '../compare/comparison.ts'
import type { StageName } from '../compare/stages.ts'
import type { LedgerEntry } from '../ledger/types.ts'
import type { CanaryName, PathName } from '../paths/types.ts'
import type { CellVerdict, FirstDivergence } from '../verdict/cell-outcome.ts'
import type { EpochRecord } from '../../reference/runtime/probes.ts'

/** Bumped on any incompatible change of the JSON shape (semver: major = incompatible). @public */
export const SCHEMA_VERSION = '1.0.0'

/** A comparison as reported: the judged record plus its A/A noise and tolerance flag. */
export interface ReportedComparison extends Comparison {
  readonly ledger_id: string | null
  /** The same statistic between two runs of the same seed (should be 0). */
  readonly aa_noise: number | null
  /** `below_aa_noise`: the tolerance is tighter than the path's own run-to-run noise (the comparison is flaky);
   *  `above_seed_noise`: two seeds pass it (the tolerance cannot see a change of seed). */
  readonly tolerance_flag: 'below_aa_noise' | 'above_seed_noise' | null
}

/** One cell of the matrix (a strategy and a path pair): verdict, first divergence, comparisons, budget. */
export interface CellReport {
  readonly id: string
  readonly strategy: string
  readonly pair: readonly [PathName, PathName]
  readonly kind: 'cross' | 'aa'
  readonly verdict: CellVerdict
  /** One line: why this verdict. */
  readonly summary: string
  readonly first_divergence: FirstDivergence | null
  readonly affected: readonly StageName[]
  readonly comparisons: readonly ReportedComparison[]
  readonly ledger_ids: readonly string[]
  /** Present when a run failed. */
  readonly error: {
    readonly side: 'a' | 'b'
    readonly message: string
    readonly log_tail: string
    readonly timed_out: boolean
  } | null
  /** The largest budget used by any numeric comparison ("max rel 3.1e-4 of 1e-3 = 31 %"), null if none. */
  readonly budget: {
    readonly statistic: string
    readonly observed: number
    readonly allowed: number
    readonly used: number
    readonly artifact: string
  } | null
  /** Run keys of side a and side b (see `runs`). */
  readonly runs: { readonly a: string; readonly b: string }
  readonly replay: string
}

export interface CanaryReport {
  readonly name: CanaryName
  readonly description: string
  readonly strategy: string
  readonly expected_stage: StageName
  readonly caught: boolean
  readonly localized_stage: StageName | null
  readonly localized: boolean
  readonly detail: string
  readonly replay: string
}

export interface LedgerEntryReport extends Omit<LedgerEntry, 'line'> {
  readonly hits: number
  readonly evaluated: boolean
  readonly expired: boolean
  readonly stale: boolean
}

/** What the report keeps of each run (enough for curves, importance tables and provenance). */
export interface RunReport {
  readonly key: string
  readonly path: PathName
  readonly strategy: string
  readonly seed: number
  readonly canary: CanaryName | null
  readonly replicate: number
  readonly status: 'ok' | 'error'
  readonly device: string | null
  readonly weights_sha256: string | null
  readonly model_path: string | null
  readonly history: readonly EpochRecord[] | null
  readonly feature_importance: Readonly<Record<string, number>> | null
  readonly metrics: Readonly<Record<string, number | null>> | null
  readonly warnings: readonly string[]
  readonly error: string | null
  readonly timings: Readonly<Record<string, number>>
}

/** The whole report of one equivalence run (equivalence.json, schema in schema.json). @public */
export interface EquivalenceReport {
  readonly schema_version: string
  readonly generated_at: string
  readonly verdict: 'pass' | 'fail'
  readonly exit_code: 0 | 1
  readonly reasons: readonly string[]
  readonly environment: {
    readonly device: string
    readonly versions: Readonly<Record<string, string>>
    readonly commit: string
    readonly platform: string
    readonly cpus: number
  }
  readonly settings: {
    readonly profile: string
    readonly seed: number
    readonly noise_seed: number
    readonly start_date: string
    readonly end_date: string
    readonly epochs: number | null
    readonly jobs: number
    readonly shard: string | null
    readonly cell_timeout_s: number
    /** The old host's per-batch / per-epoch sleeps as started by the harness (null: not started by it). */
    readonly host_old_delays_ms: { readonly batch: number; readonly epoch: number } | null
    readonly host_url: string | null
    readonly data_dir: string
    /** sha256 of every data file the strategies read. */
    readonly data_hashes: Readonly<Record<string, string>>
  }
  readonly strategies: readonly string[]
  readonly paths: readonly PathName[]
  readonly cells: readonly CellReport[]
  readonly canaries: readonly CanaryReport[]
  readonly ledger: { readonly file: string; readonly entries: readonly LedgerEntryReport[] }
  readonly runs: readonly RunReport[]
  readonly timings: {
    readonly total_s: number
    readonly runs_s: number
    readonly slowest_run: { readonly key: string; readonly wall_s: number } | null
  }
  /** Relative links to sibling reports that exist (e.g. `bench.html`). */
  readonly links: Readonly<Record<string, string>>
}
