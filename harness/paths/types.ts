/**
 * The execution-path contract of the equivalence harness (docs/architecture.md §6 "Paths"): what a cell asks a path to run
 * and the `RunResult` every path returns — an `ok` result carrying every artifact the comparators read, or an
 * `error` result carrying the log tail. Host paths that cannot expose an artifact leave it `null`.
 */
import type {
  LocalTrainingOrchestrator,
  LocalTrainingOrchestratorOptions,
} from '../../reference/orchestrators/local-orchestrator.ts'
import type { DeviceName } from '../../reference/runtime/device-manager.ts'
import type { EpochRecord, TrainingProbes } from '../../reference/runtime/probes.ts'
import type { SessionNote } from './progress-line.ts'

/** The four execution paths the gate compares. @public */
export const PATH_NAMES = ['local_old', 'local_new', 'host_old', 'host_new'] as const
/** An execution path's name. @public */
export type PathName = (typeof PATH_NAMES)[number]

/** The planted faults of the gate self-test (see harness/canaries): five in pipeline stages, two in the orchestrator. @public */
export const CANARY_NAMES = [
  'features_perturbed',
  'feature_columns_swapped',
  'split_72_18_10',
  'symbol_embedding_dropped',
  'atr_wilder',
  'orchestrator_epoch_updates_dropped',
  'orchestrator_cancel_ignored',
] as const
/** A canary's name. @public */
export type CanaryName = (typeof CANARY_NAMES)[number]

/** How much of the data and how many epochs one run uses. @public */
export interface RunSettings {
  readonly startDate: string
  readonly endDate: string
  /** Epoch override; null keeps the strategy's own `model.training.epochs`. */
  readonly epochs: number | null
}

/** One training run of one path: the unit the matrix runner schedules and caches. @public */
export interface RunSpec {
  readonly path: PathName
  readonly strategy: string
  /** Absolute path of the strategy YAML. */
  readonly strategyPath: string
  readonly seed: number
  readonly settings: RunSettings
  /** A planted fault (local_new only); null for a clean run. */
  readonly canary: CanaryName | null
  /** 0 for the first run of a configuration, 1 for its A/A repeat. */
  readonly replicate: number
  readonly dataDir: string
  /** A fresh directory the run may write models into. */
  readonly modelsDir: string
  /** Base URL of the host service for host paths; null for local paths. */
  readonly hostUrl: string | null
  /** Where the new host writes `<session_id>.json` probe files; null for other paths. */
  readonly probesDir: string | null
}

/** What one training run of any path is given: the `train` command's flags, or a matrix cell's spec. */
export interface PathRunInput {
  /** Absolute path of the strategy YAML. */
  readonly strategyPath: string
  readonly dataDir: string
  readonly symbols: readonly string[]
  readonly timeframes: readonly string[]
  /** null: the path's default (2020-01-01). */
  readonly startDate: string | null
  /** null: the path's default (today, UTC). */
  readonly endDate: string | null
  readonly seed: number
  /** null keeps the strategy's `model.training.epochs`. */
  readonly epochs: number | null
  readonly modelsDir: string
  /** The training device of the local paths. */
  readonly device: DeviceName | 'auto'
}

/** Builds the orchestrator a `local_new` run trains through (a canary may plant a faulty one). */
export type OrchestratorFactory = (options: LocalTrainingOrchestratorOptions) => LocalTrainingOrchestrator

/**
 * One progress update of a local run, normalised across the old bridge and the new orchestrator: a phase change,
 * a (throttled) batch, an epoch end, or the terminal update (`completed` | `cancelled` | `failed`).
 */
export interface ProgressEvent {
  readonly kind: 'phase' | 'batch' | 'epoch' | 'terminal'
  /** The phase name; `training` for batch and epoch updates. */
  readonly phase: string
  /** 1-based epoch of a batch or epoch update. */
  readonly epoch: number | null
  /** 1-based batch of a batch update. */
  readonly batch: number | null
  /** Batches done. */
  readonly items: number
  readonly percent: number
}

/** What a host session looked like from the client side (host paths only). */
export interface HostProtocol {
  readonly statesSeen: readonly string[]
  readonly progressPercents: readonly number[]
  readonly endpointsUsed: readonly string[]
  /** Field names of a finished session's status snapshot (top level and `progress.*`), what old clients parse. */
  readonly statusFields: readonly string[]
  /** Status codes of fixed error probes, e.g. `status_unknown_session` → 500 (old) or 404 (new). */
  readonly errorStatus: Readonly<Record<string, number>>
  /** Terminal state after a stop request, when the stop probe ran; null otherwise. */
  readonly stopOutcome: string | null
}

/** Whether the saved model exists, loads, and predicts what the run itself predicted. */
export interface PersistedModelCheck {
  readonly exists: boolean
  readonly loads: boolean
  /** Greatest |loaded − in-run| softmax difference on the test split; null when it could not load. */
  readonly maxPredictionDifference: number | null
  readonly error: string | null
}

/** What a local path did when cancelled at its first batch (see paths/cancel-probe.ts). */
export interface CancellationProbe {
  /** The last progress phase emitted (`cancelled` on the new orchestrator; the old runner emits none). */
  readonly lastPhase: string | null
  /** Name of the error the run ended with (e.g. `CancellationError`); null if it completed. */
  readonly error: string | null
}

/** Everything a successful run exposes. Fields a path cannot produce are null. @public */
export interface RunArtifacts {
  readonly device: string
  /** Full stage probes; null for the old host (placeholder training, docs/legacy-behaviour.md §12.1). */
  readonly probes: TrainingProbes | null
  /** Per-epoch history (from probes for local paths, from the host's training_history otherwise). */
  readonly history: readonly EpochRecord[] | null
  /** Flat final metrics (test metrics and final train/validation figures) as the path reported them. */
  readonly metrics: Readonly<Record<string, number | null>>
  readonly featureImportance: Readonly<Record<string, number>> | null
  readonly modelPath: string | null
  readonly persisted: PersistedModelCheck | null
  readonly weightsSha256: string | null
  /**
   * Every progress update of a local run, in order; null for host runs, whose polled snapshots depend on timing
   * (their invariants are in `protocol`).
   */
  readonly progress: readonly ProgressEvent[] | null
  readonly protocol: HostProtocol | null
  /** Local paths: the cancellation probe; null for host paths (their stop outcome is in `protocol`). */
  readonly cancellation: CancellationProbe | null
  /** Seconds per phase as the path measured them, plus `wall` as measured by the harness. */
  readonly timings: Readonly<Record<string, number>>
  readonly warnings: readonly string[]
}

/** Outcome of one run: a discriminated union on `status`. @public */
export type RunResult =
  | ({ readonly status: 'ok'; readonly spec: RunIdentity } & RunArtifacts)
  | {
      readonly status: 'error'
      readonly spec: RunIdentity
      readonly error: string
      /** Last lines of the run's stdout/stderr. */
      readonly logTail: string
      readonly timedOut: boolean
      readonly timings: Readonly<Record<string, number>>
    }

/** The identifying part of a RunSpec, kept in results and reports. */
export interface RunIdentity {
  readonly path: PathName
  readonly strategy: string
  readonly seed: number
  readonly canary: CanaryName | null
  /** 0 for the first run of a configuration, 1 for its A/A repeat. */
  readonly replicate: number
}

/** A stable key for caching and de-duplicating runs. */
export function runKey(id: RunIdentity): string {
  return `${id.path}|${id.strategy}|${id.seed}|${id.canary ?? '-'}|${id.replicate}`
}

/** Something that can execute a RunSpec (a child process, or in-process for the child itself). */
export interface PathAdapter {
  /**
   * @param onSession - receives every host session the run starts, as soon as it exists, so that the caller can
   *   stop the ones a failed or timed-out run leaves behind
   */
  run(spec: RunSpec, onSession?: (note: SessionNote) => void): Promise<RunResult>
}
