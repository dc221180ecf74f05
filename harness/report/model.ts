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
import type { OracleInjection, OracleShim } from '../oracle/driver.ts'
import type { MeanComparison, SampleSummary } from '../oracle/training-stats.ts'
import type { CellVerdict, FirstDivergence } from '../verdict/cell-outcome.ts'
import type { EpochRecord } from '../../reference/runtime/probes.ts'

/** Bumped on any incompatible change of the JSON shape (semver: major = incompatible). @public */
export const SCHEMA_VERSION = '1.1.0'

/** A comparison as reported: the judged record plus its A/A noise and tolerance flag. */
export interface ReportedComparison extends Comparison {
  readonly ledger_id: string | null
  /** The same statistic between two runs of the same seed (should be 0). */
  readonly aa_noise: number | null
  /** `below_aa_noise`: the tolerance is tighter than the path's own run-to-run noise (the comparison is flaky);
   *  `above_seed_noise`: two seeds pass it (the tolerance cannot see a change of seed). */
  readonly tolerance_flag: 'below_aa_noise' | 'above_seed_noise' | null
}

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

/** The path that runs KTRDR's own code (harness/oracle); it has its own report section. */
export type OraclePathName = 'ktrdr_py'

/** Pre-model stages of one symbol, ktrdr_py against a TypeScript path (1e-9 absolute; names, rows, labels exact). */
export interface OracleStageCell {
  readonly id: string
  readonly strategy: string
  readonly symbol: string
  readonly timeframes: readonly string[]
  readonly pair: readonly [OraclePathName, PathName]
  readonly verdict: Extract<CellVerdict, 'equivalent' | 'diverged' | 'error'>
  readonly summary: string
  readonly first_divergence: FirstDivergence | null
  readonly affected: readonly StageName[]
  /** Greatest |ktrdr_py − path| per stage (labels: greatest label difference); null where not compared. */
  readonly max_abs: Readonly<Record<string, number | null>>
  /** The failing comparisons (all of them when the cell diverged; none when equivalent). */
  readonly comparisons: readonly ReportedComparison[]
  readonly error: string | null
  readonly replay: string
}

/** One side of a statistical training comparison: the runs' test accuracies over seeds. */
export interface OracleTrainingSide extends SampleSummary {
  readonly path: OraclePathName | PathName
  /** Test accuracy per seed, null where the run failed. */
  readonly values: readonly (number | null)[]
  readonly errors: readonly string[]
}

/** Training of ktrdr_py against a TypeScript path, judged on test accuracy over several seeds. */
export interface OracleTrainingCell extends MeanComparison {
  readonly id: string
  readonly strategy: string
  readonly pair: readonly [OraclePathName, PathName]
  readonly metric: 'test_accuracy'
  readonly epochs: number | null
  readonly seeds: readonly number[]
  readonly a: OracleTrainingSide
  readonly b: OracleTrainingSide
  readonly verdict: Extract<CellVerdict, 'equivalent' | 'diverged' | 'error'>
  readonly summary: string
}

/** The ktrdr_py section: run (with its cells) or skipped (with the reason, e.g. "not run: no KTRDR checkout"). */
export interface OracleReport {
  readonly status: 'run' | 'skipped'
  readonly reason: string | null
  readonly ktrdr_src: string | null
  readonly versions: Readonly<Record<string, string>>
  readonly shims: readonly OracleShim[]
  readonly injections: readonly OracleInjection[]
  /** Absolute tolerance of the stage cells. */
  readonly stage_atol: number
  /** Relative tolerance added for the float32 features (one float32 ulp). */
  readonly feature_rtol: number
  readonly stage_cells: readonly OracleStageCell[]
  readonly training_cells: readonly OracleTrainingCell[]
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
    /** Epochs of every old-host run when the profile sizes them apart from `epochs` (null: the same). */
    readonly host_old_epochs: number | null
    readonly host_url: string | null
    readonly data_dir: string
    /** sha256 of every data file the strategies read. */
    readonly data_hashes: Readonly<Record<string, string>>
  }
  readonly strategies: readonly string[]
  readonly paths: readonly (PathName | OraclePathName)[]
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
  /** KTRDR's own code as the path ktrdr_py; absent when ktrdr_py was not among the paths. */
  readonly oracle?: OracleReport
}
