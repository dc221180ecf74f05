/**
 * `runTrainingPipeline`: the old local flow (docs/legacy-behaviour.md §1.2 steps 1–13; docs/legacy-behaviour.md §14) composed from the
 * stage functions — per-symbol pre-model stages (stage by stage, a cancellation check before each symbol), combine,
 * split, model, training, evaluation, per-symbol metrics, importance, save — with phase reports, one warning per
 * kept quirk that changes this strategy's outcome, stage timings and the probes the harness compares.
 */
import { describeModel } from '../model/create-model.ts'
import type { TrainingOutcome } from '../model/train-loop.ts'
import { detectQuirkEffects } from '../quirks/detect.ts'
import { SeededRng } from '../runtime/rng.ts'
import { weightsSha256 } from '../runtime/training-runtime.ts'
import type { ModelRef } from '../storage/model-storage.ts'
import { throwIfCancelled } from './errors.ts'
import { symbolStageProbes } from './stage-probes.ts'
import { TrainingPipeline } from './stages.ts'
import type { PipelineHooks, PipelineRequest, PipelineResult, PipelineTimingStage } from './types.ts'

/** Start date when the request gives none (the old runner's default, §1.2). */
export const DEFAULT_START_DATE = '2020-01-01'

/** The model-store timeframe when the request names none (§7). */
const DEFAULT_STORE_TIMEFRAME = '1h'

/** Severities of data-quality issues that become warnings. */
const WARNED_SEVERITIES = new Set(['critical', 'high'])

/**
 * Runs the whole training flow and resolves to its result.
 *
 * @throws TrainingCancelledError when `hooks.isCancelled()` turns true at a checkpoint (nothing is saved)
 * @throws the stages' errors (DataError, StrategyError-like field errors, IndicatorError, …) unchanged
 * @public
 */
export async function runTrainingPipeline(
  request: PipelineRequest,
  hooks: PipelineHooks = {},
): Promise<PipelineResult> {
  const stages = request.pipeline ?? TrainingPipeline
  const clock = request.clock ?? (() => new Date())
  const { strategy, symbols, runtime } = request
  if (symbols.length === 0) throw new Error('runTrainingPipeline: no symbol requested')
  const startDate = request.startDate ?? DEFAULT_START_DATE
  const endDate = request.endDate ?? clock().toISOString().slice(0, 10)
  const rng = new SeededRng(request.seed)
  const warnings = new WarningLog(request.warn)
  const timings: Partial<Record<PipelineTimingStage, number>> = {}
  const timed = <T>(stage: PipelineTimingStage, work: () => T): T => {
    const started = performance.now()
    try {
      return work()
    } finally {
      timings[stage] = (timings[stage] ?? 0) + performance.now() - started
    }
  }
  const perSymbol = <T>(stage: PipelineTimingStage, work: (symbol: string, index: number) => T): T[] =>
    timed(stage, () =>
      symbols.map((symbol, index) => {
        throwIfCancelled(hooks.isCancelled, `${stage} ${symbol}`)
        return work(symbol, index)
      }),
    )

  hooks.onPhase?.('data_preparation', 'Loading market data')
  const frames = perSymbol('data_preparation', (symbol) => {
    const loaded = stages.loadMarketData(
      request.dataSource,
      symbol,
      request.timeframes,
      startDate,
      endDate,
      warnings.add,
    )
    for (const effect of detectQuirkEffects(strategy, Object.keys(loaded))) warnings.addOnce(effect.id, effect.message)
    for (const report of stages.validateDataQuality(loaded)) {
      for (const issue of report.issues) {
        if (WARNED_SEVERITIES.has(issue.severity)) {
          warnings.add(
            `${report.symbol} ${report.timeframe}: data quality ${issue.check} (${issue.severity}): ${issue.message}`,
          )
        }
      }
    }
    return loaded
  })
  hooks.onPhase?.('indicators', 'Calculating indicators')
  const indicators = perSymbol('indicators', (_, i) => stages.calculateIndicators(frames[i]!, strategy, warnings.add))
  hooks.onPhase?.('fuzzy', 'Generating fuzzy memberships')
  const fuzzy = perSymbol('fuzzy', (_, i) =>
    stages.generateFuzzyMemberships(indicators[i]!.mapped, strategy, Object.keys(frames[i]!).length > 1),
  )
  hooks.onPhase?.('features', 'Engineering features')
  const features = perSymbol('features', (_, i) => stages.createFeatures(fuzzy[i]!, strategy, Object.keys(frames[i]!)))
  hooks.onPhase?.('labels', 'Generating labels')
  const labels = perSymbol('labels', (_, i) => stages.createLabels(frames[i]!, strategy))

  hooks.onPhase?.('training', 'Training model')
  const rows = symbols.map((symbol, i) => ({
    symbol,
    names: features[i]!.names,
    features: features[i]!.values,
    labels: labels[i]!.labels,
  }))
  const combined = timed('combine', () => stages.combineSymbols(rows, rng))
  const split = timed('split', () => stages.splitData(combined, strategy))
  const featureNames = features[0]!.names
  const created = timed('model', () => stages.createModel(strategy, featureNames.length, symbols.length, runtime, rng))
  const started = performance.now()
  let trained: TrainingOutcome
  try {
    trained = await stages.trainModel(
      created,
      runtime,
      split.train,
      split.validation,
      {
        epochs: request.epochs ?? strategy.model.training.epochs,
        batchSize: strategy.model.training.batchSize,
        learningRate: strategy.model.training.learningRate,
        numSymbols: symbols.length,
        lrScheduler: strategy.model.training.lrScheduler,
        earlyStopping: strategy.model.training.earlyStopping,
        progressUpdateFrequency: strategy.model.training.progressUpdateFrequency,
      },
      rng,
      clock,
      hooks,
    )
  } catch (error) {
    created.model.dispose()
    throw error
  }
  timings.training = performance.now() - started
  const { model, stoppedEpoch } = trained
  if (stoppedEpoch !== null) {
    warnings.addOnce(
      'Q-EARLY-STOP-NO-EPOCH-PROGRESS',
      `Q-EARLY-STOP-NO-EPOCH-PROGRESS: early stopping ended training after epoch ${stoppedEpoch}, ` +
        'which reported no epoch progress',
    )
  }
  try {
    hooks.onPhase?.('evaluation', 'Evaluating model')
    const evaluation = timed('evaluation', () => stages.evaluateModel(model, split.test))
    const perSymbolMetrics = timed('per_symbol_metrics', () =>
      stages.computePerSymbolMetrics(model, split.validation, symbols),
    )
    const importance = timed('feature_importance', () =>
      stages.computeFeatureImportance(model, split.validation, featureNames, rng),
    )
    const finalWeights = model.getParameters()
    throwIfCancelled(hooks.isCancelled, 'before saving')
    let saved: ModelRef | null = null
    if (request.storage) {
      hooks.onPhase?.('saving', 'Saving model')
      const storage = request.storage
      const savedAt = performance.now()
      saved = await stages.saveModel(storage, {
        strategy,
        symbols,
        timeframe: request.timeframes[0] ?? DEFAULT_STORE_TIMEFRAME,
        spec: created.spec,
        params: finalWeights,
        summary: trained.summary,
        featureNames,
        featureImportance: importance,
        runtimeName: runtime.name,
      })
      timings.saving = performance.now() - savedAt
    }
    const distribution: Record<string, number> = {}
    symbols.forEach((symbol, s) => {
      distribution[symbol] = combined.symbolIndices.reduce((n, v) => n + (v === s ? 1 : 0), 0)
    })
    return {
      model: saved,
      model_path: saved?.path ?? null,
      training_metrics: trained.summary,
      test_metrics: evaluation.metrics,
      per_symbol_metrics: perSymbolMetrics,
      feature_importance: importance,
      model_info: describeModel(created.spec, finalWeights),
      data_summary: {
        symbols: [...symbols],
        timeframes: [...request.timeframes],
        start_date: startDate,
        end_date: endDate,
        total_samples: combined.rows,
        feature_count: featureNames.length,
        symbol_distribution: distribution,
      },
      probes: {
        symbols: symbols.map((symbol, i) =>
          symbolStageProbes({
            symbol,
            frames: frames[i]!,
            indicators: indicators[i]!,
            fuzzy: fuzzy[i]!,
            features: features[i]!,
            labels: labels[i]!,
          }),
        ),
        combined: { features: combined.features, labels: combined.labels, symbolIndices: combined.symbolIndices },
        split: { train: split.train.rows, validation: split.validation.rows, test: split.test.rows },
        initialWeights: created.initialWeights,
        history: trained.history,
        finalWeights,
        predictions: evaluation.predictions,
        metrics: evaluation.metrics,
        featureImportance: importance,
      },
      weights_sha256: weightsSha256(finalWeights),
      stopped_early: stoppedEpoch !== null,
      stopped_epoch: stoppedEpoch,
      device: runtime.name,
      timings,
      warnings: warnings.list,
    }
  } finally {
    model.dispose()
  }
}

/** Collects warnings: each distinct message once, quirk effects once per quirk id. */
class WarningLog {
  readonly list: string[] = []
  private readonly keys = new Set<string>()

  constructor(private readonly sink: ((message: string) => void) | undefined) {}

  readonly add = (message: string): void => this.addOnce(message, message)

  addOnce(key: string, message: string): void {
    if (this.keys.has(key)) return
    this.keys.add(key)
    this.list.push(message)
    this.sink?.(message)
  }
}
