/**
 * The stage functions of the refactored training pipeline (docs/architecture.md §4), gathered in one object so an
 * orchestrator sequences them and the harness can replace one stage (a planted-fault canary) with
 * `createTrainingPipeline({ splitData: … })`. Every stage but `trainModel` and `saveModel` is synchronous and pure
 * apart from the data source; only `trainModel` takes progress hooks and a cancellation check.
 */
import { loadMarketData } from '../data/market-data.ts'
import { validateDataQuality, type QualityReport } from '../data/quality.ts'
import type { MarketDataSource, OhlcvFrame } from '../data/types.ts'
import { createFeatures, type FeatureMatrix } from '../features/engine.ts'
import { baseTimeframe } from '../features/timeframe-order.ts'
import { generateFuzzyMemberships } from '../fuzzy/engine.ts'
import { calculateIndicators, mapIndicators } from '../indicators/engine.ts'
import type { IndicatorImpl, IndicatorType } from '../indicators/types.ts'
import { segmentLabels, zigzagPivots } from '../labels/zigzag.ts'
import { createModel, type CreatedModel } from '../model/create-model.ts'
import type { LabelledRows } from '../model/dataset.ts'
import { evaluateModel, type Evaluation } from '../model/evaluate.ts'
import { computeFeatureImportance } from '../model/importance.ts'
import { computePerSymbolMetrics, type SymbolMetrics } from '../model/per-symbol-metrics.ts'
import { trainModel } from '../model/train-loop.ts'
import type { ColumnSet } from '../runtime/probes.ts'
import type { SeededRng } from '../runtime/rng.ts'
import type { RuntimeModel, TrainingRuntime } from '../runtime/training-runtime.ts'
import type { SaveModelRequest } from '../storage/model-files.ts'
import type { ModelRef, ModelStorage } from '../storage/model-storage.ts'
import type { StrategyConfig } from '../strategy/types.ts'
import { combineSymbols, type SymbolRows } from './combine.ts'
import { splitData, type DataSplit } from './split.ts'

/** The indicator stage's output: raw engine columns and the mapped fuzzy inputs, per timeframe. */
export interface IndicatorStageOutput {
  readonly indicators: Record<string, ColumnSet>
  readonly mapped: Record<string, ColumnSet>
}

/**
 * The label stage's output: segment labels (one per base-timeframe bar) and the zigzag pivot bars, leaving out a
 * pivot whose close is missing (the old indicator reported pivots as prices, so a NaN close hid it).
 */
export interface LabelStageOutput {
  readonly labels: Int32Array
  readonly pivots: Int32Array
}

/**
 * The stage functions, in pipeline order.
 *
 * @public
 */
export interface TrainingPipelineStages {
  /** Loads one symbol's timeframes, date-filtered (docs/legacy-behaviour.md §2.2). */
  loadMarketData(
    source: MarketDataSource,
    symbol: string,
    timeframes: readonly string[],
    start: string | null,
    end: string | null,
    warn: (message: string) => void,
  ): Record<string, OhlcvFrame>
  /** Checks each loaded frame (§2.1); reports, never repairs. */
  validateDataQuality(frames: Readonly<Record<string, OhlcvFrame>>): QualityReport[]
  /**
   * Indicators built from their `params:`, then the mapping to one fuzzy input per strategy indicator (§3.2).
   * `implementations` replaces individual indicator types (a canary's planted fault); the run never passes it.
   */
  calculateIndicators(
    frames: Readonly<Record<string, OhlcvFrame>>,
    strategy: StrategyConfig,
    warn: (message: string) => void,
    implementations?: Partial<Record<IndicatorType, IndicatorImpl>>,
  ): IndicatorStageOutput
  /** Fuzzy membership columns (§4.2). */
  generateFuzzyMemberships(
    mapped: Readonly<Record<string, ColumnSet>>,
    strategy: StrategyConfig,
    multiTimeframe: boolean,
  ): Record<string, ColumnSet>
  /** The float32 feature matrix (§4.3). */
  createFeatures(
    fuzzy: Readonly<Record<string, ColumnSet>>,
    strategy: StrategyConfig,
    timeframes: readonly string[],
  ): FeatureMatrix
  /** ZigZag segment labels from the base timeframe's closes (§5.1). */
  createLabels(frames: Readonly<Record<string, OhlcvFrame>>, strategy: StrategyConfig): LabelStageOutput
  /** Balanced subsample + global shuffle (§4.4). */
  combineSymbols(symbols: readonly SymbolRows[], rng: SeededRng): LabelledRows
  /** Train / validation / test slices (§6.3). */
  splitData(combined: LabelledRows, strategy: StrategyConfig): DataSplit
  /** MultiSymbolMLP on a runtime (§6.1). */
  createModel(
    strategy: StrategyConfig,
    featureCount: number,
    numSymbols: number,
    runtime: TrainingRuntime,
    rng: SeededRng,
  ): CreatedModel
  /**
   * The training loop (§6.2); the only stage with hooks and a cancellation check. Same parameters as
   * `trainModel` in model/train-loop.ts, with `hooks` required.
   */
  trainModel(...args: Required<Parameters<typeof trainModel>>): ReturnType<typeof trainModel>
  /** Test metrics with embedding 0 (§6.3). */
  evaluateModel(model: RuntimeModel, test: LabelledRows): Evaluation
  /** Validation metrics per symbol (§6.3). */
  computePerSymbolMetrics(
    model: RuntimeModel,
    validation: LabelledRows,
    symbols: readonly string[],
  ): Record<string, SymbolMetrics>
  /** Permutation importance on validation (§6.3). */
  computeFeatureImportance(
    model: RuntimeModel,
    validation: LabelledRows,
    featureNames: readonly string[],
    rng: SeededRng,
  ): Record<string, number>
  /** Saves through the model store (§7); resolves to the saved version's reference. */
  saveModel(storage: ModelStorage, request: SaveModelRequest): Promise<ModelRef>
}

/**
 * The default stages: the reference engines, behaviour-preserving (old local path).
 *
 * @public
 */
export const TrainingPipeline: TrainingPipelineStages = Object.freeze<TrainingPipelineStages>({
  loadMarketData,
  validateDataQuality: (frames) => Object.values(frames).map(validateDataQuality),
  calculateIndicators(frames, strategy, warn, implementations) {
    const indicators = calculateIndicators(frames, strategy, { warn, ...(implementations ? { implementations } : {}) })
    return { indicators, mapped: mapIndicators(frames, indicators, strategy, Object.keys(frames).length > 1) }
  },
  generateFuzzyMemberships,
  createFeatures,
  createLabels(frames, strategy) {
    const close = frames[baseTimeframe(Object.keys(frames))]!.close
    const pivots = zigzagPivots(close, strategy.labels.zigzagThreshold)
    return { labels: segmentLabels(close, pivots), pivots: pivots.filter((p) => !Number.isNaN(close[p]!)) }
  },
  combineSymbols,
  splitData,
  createModel,
  trainModel,
  evaluateModel,
  computePerSymbolMetrics,
  computeFeatureImportance,
  saveModel: (storage, request) => storage.save(request),
})

/** The stage-object type (same name as the default value). @public */
export type TrainingPipeline = TrainingPipelineStages

/**
 * The default stages with some replaced, e.g. a canary that perturbs one stage.
 *
 * @public
 */
export function createTrainingPipeline(overrides: Partial<TrainingPipelineStages> = {}): TrainingPipelineStages {
  return Object.freeze({ ...TrainingPipeline, ...overrides })
}
