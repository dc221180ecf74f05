/**
 * The request, hooks and result of a composed pipeline run (`runTrainingPipeline`), shared by the local and host
 * orchestrators and the harness.
 */
import type { MarketDataSource } from '../data/types.ts'
import type { ModelInfo } from '../model/create-model.ts'
import type { SymbolMetrics } from '../model/per-symbol-metrics.ts'
import type { BatchProgress, EpochProgress } from '../model/train-loop.ts'
import type { TrainingMetricsSummary } from '../model/training-summary.ts'
import type { TestMetrics, TrainingProbes } from '../runtime/probes.ts'
import type { TrainingRuntime } from '../runtime/training-runtime.ts'
import type { ModelRef, ModelStorage } from '../storage/model-storage.ts'
import type { StrategyConfig } from '../strategy/types.ts'
import type { TrainingPipelineStages } from './stages.ts'

/** The phases a run reports through `onPhase`, in order. @public */
export const PIPELINE_PHASES = [
  'data_preparation',
  'indicators',
  'fuzzy',
  'features',
  'labels',
  'training',
  'evaluation',
  'saving',
] as const

/** One pipeline phase. @public */
export type PipelinePhase = (typeof PIPELINE_PHASES)[number]

/** What to train. @public */
export interface PipelineRequest {
  readonly strategy: StrategyConfig
  readonly symbols: readonly string[]
  readonly timeframes: readonly string[]
  /** @default '2020-01-01' (the old runner's default, docs/legacy-behaviour.md §1.2) */
  readonly startDate: string | null
  /** @default today (UTC, from `clock`), as the old runner's `utcnow()` */
  readonly endDate: string | null
  /** Seeds the run's single `SeededRng`. */
  readonly seed: number
  /** Overrides `model.training.epochs`. */
  readonly epochs?: number
  readonly dataSource: MarketDataSource
  /** Where the model is saved; null saves nothing (`model_path` null). */
  readonly storage: ModelStorage | null
  readonly runtime: TrainingRuntime
  /** @default () => new Date() */
  readonly clock?: () => Date
  /** Stage overrides (canaries). @default TrainingPipeline */
  readonly pipeline?: TrainingPipelineStages
  /** Receives each warning as it is raised (they are also returned in the result). */
  readonly warn?: (message: string) => void
}

/** Progress hooks and the cancellation check of a run. @public */
export interface PipelineHooks {
  onPhase?(phase: PipelinePhase, message: string): void
  /** Awaited before the next batch when it returns a promise. */
  onBatch?(progress: BatchProgress): void | Promise<void>
  onEpoch?(progress: EpochProgress): void | Promise<void>
  /**
   * Checked before each symbol of each pre-model stage, at every epoch start and batch start (the old points,
   * docs/legacy-behaviour.md §9.1), and before saving; true → `TrainingCancelledError`.
   */
  isCancelled?(): boolean
}

/** The old `data_summary` block (§6.3), with plain counts. @public */
export interface DataSummary {
  readonly symbols: readonly string[]
  readonly timeframes: readonly string[]
  readonly start_date: string
  readonly end_date: string
  readonly total_samples: number
  readonly feature_count: number
  readonly symbol_distribution: Record<string, number>
}

/** Stage names of `timings`. @public */
export type PipelineTimingStage =
  | PipelinePhase
  | 'combine'
  | 'split'
  | 'model'
  | 'per_symbol_metrics'
  | 'feature_importance'

/** Everything a run produces. @public */
export interface PipelineResult {
  /** The saved version; null when the request gave no store. */
  readonly model: ModelRef | null
  /** `model.path` (the old result field). */
  readonly model_path: string | null
  /** The §6.2 ModelTrainer summary (or its `{ error }` form). */
  readonly training_metrics: TrainingMetricsSummary
  readonly test_metrics: TestMetrics
  readonly per_symbol_metrics: Record<string, SymbolMetrics>
  readonly feature_importance: Record<string, number>
  readonly model_info: ModelInfo
  readonly data_summary: DataSummary
  readonly probes: TrainingProbes
  readonly weights_sha256: string
  /**
   * True when `model.training.early_stopping` triggered (the old "Early stopping triggered at epoch N" line), even
   * on the last epoch.
   */
  readonly stopped_early: boolean
  /** The 0-based epoch at which it triggered (the history's last record); null when it did not. */
  readonly stopped_epoch: number | null
  /** The runtime's name. */
  readonly device: string
  /** Milliseconds per stage (wall time, `performance.now()`). */
  readonly timings: Partial<Record<PipelineTimingStage, number>>
  readonly warnings: readonly string[]
}
