/**
 * The old `StrategyTrainer.train_multi_symbol_strategy` (docs/legacy-behaviour.md §1.2 step 4, §4.4, §6, §7;
 * docs/legacy-behaviour.md §14 steps 1–10): per-symbol pre-model stages, feature-count check, balanced combine + global shuffle,
 * random split, MultiSymbolMLP, the ModelTrainer loop, evaluation with embedding 0, per-symbol metrics and
 * permutation importance on validation, then ModelStorage. Every random draw comes from the one injected generator,
 * in the documented order (§12.2).
 */
import type { SymbolStageProbes, TestMetrics, TrainingProbes } from '../../../reference/runtime/probes.ts'
import type { SeededRng } from '../../../reference/runtime/rng.ts'
import { initParameters, type ParamTensor, type TrainingRuntime } from '../../../reference/runtime/training-runtime.ts'
import { raiseIfCancelled, type LegacyCancellationToken } from './cancellation.ts'
import { combineMultiSymbolData } from './combine.ts'
import { ConfigFieldError, requireDict, type ConfigDict } from './config-dict.ts'
import type { SymbolTrainingInput } from './dataset.ts'
import {
  calculateFeatureImportance,
  evaluateModel,
  evaluatePerSymbolPerformance,
  type SymbolMetrics,
} from './evaluation.ts'
import { ModelStorage } from './model-storage.ts'
import { ModelTrainer, type TrainerProgressCallback, type TrainingSummary } from './model-trainer.ts'
import { modelInfo, multiSymbolMlpSpec, symbolEmbeddingDim, type LegacyModelInfo } from './multi-symbol-mlp.ts'
import { splitMultiSymbolData } from './split.ts'
import { readModelTrainerSettings } from './trainer-settings.ts'

/** The old raw result dict of `train_multi_symbol_strategy` (§6.3 "Raw result keys"). */
export interface LegacyRawResult {
  readonly model_path: string
  readonly training_metrics: TrainingSummary
  readonly test_metrics: TestMetrics
  readonly per_symbol_metrics: Record<string, SymbolMetrics>
  readonly feature_importance: Record<string, number>
  readonly model_info: LegacyModelInfo
  readonly data_summary: {
    readonly symbols: readonly string[]
    readonly timeframes: readonly string[]
    readonly start_date: string
    readonly end_date: string
    readonly total_samples: number
    readonly feature_count: number
    /** Plain counts (the old code put 0-d tensors here, which later broke JSON serialisation). */
    readonly symbol_distribution: Record<string, number>
  }
}

/** The request part of a training run (the old method's parameters). */
export interface StrategyTrainingRequest {
  /** The strategy YAML as loaded (`_load_strategy_config`); copied, never mutated. */
  readonly config: ConfigDict
  /** Where `config` came from, prefixed to strategy-field errors. */
  readonly configSource: string
  readonly symbols: readonly string[]
  readonly timeframes: readonly string[]
  readonly startDate: string
  readonly endDate: string
  /** Used only when `training.data_split` is empty. */
  readonly validationSplit: number
  readonly progressCallback: TrainerProgressCallback | null
  readonly cancellationToken: LegacyCancellationToken | null
}

/** Everything the old trainer got from globals, injected. */
export interface StrategyTrainerDeps {
  readonly runtime: TrainingRuntime
  readonly rng: SeededRng
  readonly clock: () => Date
  readonly storage: ModelStorage
  /** Steps 1–5 for one symbol (load, indicators, fuzzy, features, labels) over the request's date range. */
  readonly symbolStages: (symbol: string, startDate: string, endDate: string) => SymbolStageProbes
  /** Where the old `print()` warnings go. */
  readonly log: (line: string) => void
  /** Receives the wall time of each step in milliseconds. */
  readonly timings: Record<string, number>
}

/** The raw result, the stage probes and the final weights of one run. */
export interface StrategyTrainingResult {
  readonly raw: LegacyRawResult
  readonly probes: TrainingProbes
  readonly finalWeights: readonly ParamTensor[]
  /** 0-based epoch at which early stopping ended training; null when it did not. */
  readonly stoppedEpoch: number | null
}

function timed<T>(timings: Record<string, number>, stage: string, work: () => T): T {
  const start = performance.now()
  try {
    return work()
  } finally {
    timings[stage] = (timings[stage] ?? 0) + performance.now() - start
  }
}

/** Checks that every symbol has the feature count of the first one (the old ValueError). */
function checkFeatureCounts(symbols: readonly SymbolStageProbes[]): number {
  const counts = symbols.map((s) => s.features.names.length)
  if (!counts.every((c) => c === counts[0])) {
    const described = symbols.map((s, i) => `'${s.symbol}': ${counts[i]}`).join(', ')
    throw new Error(`Feature count mismatch across symbols: {${described}}`)
  }
  return counts[0]!
}

function trainingInput(probe: SymbolStageProbes): SymbolTrainingInput {
  const f = probe.features.names.length
  if (probe.features.values.length !== probe.labels.length * f) {
    throw new Error(
      `${probe.symbol}: ${probe.labels.length} labels for ${probe.features.values.length / Math.max(f, 1)} feature rows`,
    )
  }
  return {
    symbol: probe.symbol,
    featureNames: probe.features.names,
    features: probe.features.values,
    labels: probe.labels,
  }
}

/**
 * Runs the whole old multi-symbol flow and saves the model. Cancellation is checked at entry and before each
 * symbol's stages; the ModelTrainer checks it at each epoch and batch.
 */
export function trainMultiSymbolStrategy(
  request: StrategyTrainingRequest,
  deps: StrategyTrainerDeps,
): StrategyTrainingResult {
  const { rng, timings } = deps
  const ensureNotCancelled = () => raiseIfCancelled(request.cancellationToken, 'Training cancelled before execution')
  ensureNotCancelled()
  const config = structuredClone(request.config)
  const strategyName = String(config.name)
  const modelConfig = requireDict(config, 'model', 'model')
  const trainingSection = requireDict(config, 'training', 'training')
  const symbols = request.symbols

  // Steps 1–5: the per-symbol pre-model stages.
  const stageProbes = timed(timings, 'symbol_stages', () =>
    symbols.map((symbol) => {
      ensureNotCancelled()
      return deps.symbolStages(symbol, request.startDate, request.endDate)
    }),
  )
  const featureCount = checkFeatureCounts(stageProbes)
  const inputs = stageProbes.map(trainingInput)

  // Steps 6–7: combine (balanced subsample + global shuffle), then the split of the shuffled rows.
  const combined = timed(timings, 'combine', () => combineMultiSymbolData(inputs, featureCount, rng))
  if (!Object.hasOwn(trainingSection, 'data_split')) {
    throw new ConfigFieldError(`KeyError: 'data_split' (strategy field training.data_split is required)`)
  }
  const splits = timed(timings, 'split', () =>
    splitMultiSymbolData(combined, request.validationSplit, trainingSection.data_split),
  )

  // Step 8: the MultiSymbolMLP and its initial parameters.
  const spec = multiSymbolMlpSpec(modelConfig, featureCount, symbols.length)
  const initialWeights = initParameters(spec, rng)

  // Step 9: ModelTrainer.train_multi_symbol on model.training.
  const settings = readModelTrainerSettings(requireDict(modelConfig, 'training', 'model.training'))
  const trainer = new ModelTrainer({
    settings,
    runtime: deps.runtime,
    progressCallback: request.progressCallback,
    cancellationToken: request.cancellationToken,
    clock: deps.clock,
    warn: deps.log,
  })
  const trained = timed(timings, 'training', () =>
    trainer.trainMultiSymbol(spec, initialWeights, splits.train, splits.validation, symbols.length, rng),
  )
  const model = trained.model
  try {
    // Steps 10–12: test metrics, per-symbol metrics and importance, all with embedding 0.
    const test = timed(timings, 'evaluation', () => evaluateModel(model, splits.test))
    const perSymbol = timed(timings, 'per_symbol_metrics', () =>
      evaluatePerSymbolPerformance(model, splits.validation, symbols),
    )
    const featureNames = inputs[0]!.featureNames
    const importance = timed(timings, 'feature_importance', () =>
      calculateFeatureImportance(model, splits.validation, featureNames, rng),
    )
    const finalWeights = model.getParameters()

    // Step 13: save (config.json carries model.input_size, num_symbols, symbol_embedding_dim).
    const embeddingDim = symbolEmbeddingDim(modelConfig)
    modelConfig.input_size = featureCount
    modelConfig.num_symbols = symbols.length
    modelConfig.symbol_embedding_dim = embeddingDim
    const modelPath = timed(timings, 'save', () =>
      deps.storage.saveModel({
        spec,
        params: finalWeights,
        modelType: 'MultiSymbolMLP',
        strategyName,
        symbol: symbols.join('_'),
        timeframe: request.timeframes[0] ?? '1h',
        config,
        trainingMetrics: trained.summary,
        featureNames,
        featureImportance: importance,
        runtimeName: deps.runtime.name,
      }),
    )

    const distribution: Record<string, number> = {}
    symbols.forEach((symbol, s) => {
      distribution[symbol] = combined.symbolIndices.reduce((n, v) => n + (v === s ? 1 : 0), 0)
    })
    const raw: LegacyRawResult = {
      model_path: modelPath,
      training_metrics: trained.summary,
      test_metrics: test.metrics,
      per_symbol_metrics: perSymbol,
      feature_importance: importance,
      model_info: modelInfo(finalWeights, symbols.length, embeddingDim),
      data_summary: {
        symbols: [...symbols],
        timeframes: [...request.timeframes],
        start_date: request.startDate,
        end_date: request.endDate,
        total_samples: combined.rows,
        feature_count: featureCount,
        symbol_distribution: distribution,
      },
    }
    const probes: TrainingProbes = {
      symbols: stageProbes,
      combined: { features: combined.features, labels: combined.labels, symbolIndices: combined.symbolIndices },
      split: {
        train: splits.train.rows,
        validation: splits.validation.rows,
        test: splits.test === null ? 0 : splits.test.rows,
      },
      initialWeights,
      history: trained.history,
      finalWeights,
      predictions: test.predictions,
      metrics: test.metrics,
      featureImportance: importance,
    }
    return { raw, probes, finalWeights, stoppedEpoch: trained.stoppedEpoch }
  } finally {
    model.dispose()
  }
}
