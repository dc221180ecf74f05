/**
 * The stage faults: overrides for `createTrainingPipeline` that change exactly one stage of the refactored
 * pipeline, each small enough that only an exact comparison sees it. The local orchestrator's worker loads them by
 * reference ({@link stageFaultRef}): functions cannot cross the thread boundary, a canary name can.
 */
import { calculateIndicators, mapIndicators } from '../../reference/indicators/engine.ts'
import { wilderAtr } from '../../reference/indicators/atr.ts'
import { buildMlpSpec, buildOptimizer } from '../../reference/model/architecture.ts'
import { TrainingPipeline, type TrainingPipelineStages } from '../../reference/pipeline/stages.ts'
import { initParameters } from '../../reference/runtime/training-runtime.ts'
import type { StageOverridesRef } from '../../reference/pipeline/request.ts'
import type { CanaryName } from '../paths/types.ts'

/** @default 1.002 — the "0.2 %" of docs/architecture.md §6. */
export const PERTURBATION_FACTOR = 1.002

/** The first column after 0 whose values differ from column 0 somewhere (so the swap is visible); -1 if none. */
export function partnerColumn(values: Float32Array, rows: number, cols: number): number {
  for (let j = 1; j < cols; j++) {
    for (let r = 0; r < rows; r++) if (values[r * cols]! !== values[r * cols + j]!) return j
  }
  return -1
}

/** The stage canaries: every canary but the orchestrator ones (canaries/orchestrator-faults.ts). */
export type StageCanaryName = Exclude<CanaryName, `orchestrator_${string}`>

/** The reference a worker resolves to {@link plantFault}`(name)`. */
export function stageFaultRef(name: StageCanaryName): StageOverridesRef {
  return { module: import.meta.url, factory: 'plantFault', argument: name }
}

/**
 * Stage overrides that plant `name` (called in the worker with the reference's argument).
 *
 * @throws Error for a name that is not a stage canary
 */
export function plantFault(name: StageCanaryName): Partial<TrainingPipelineStages> {
  switch (name) {
    case 'features_perturbed':
      return {
        createFeatures(fuzzy, strategy, timeframes) {
          const clean = TrainingPipeline.createFeatures(fuzzy, strategy, timeframes)
          return { ...clean, values: clean.values.map((v) => v * PERTURBATION_FACTOR) }
        },
      }
    case 'feature_columns_swapped':
      return {
        createFeatures(fuzzy, strategy, timeframes) {
          const clean = TrainingPipeline.createFeatures(fuzzy, strategy, timeframes)
          const { rows, cols } = clean
          const j = partnerColumn(clean.values, rows, cols)
          if (j < 0) return clean
          const values = clean.values.slice()
          for (let r = 0; r < rows; r++) {
            values[r * cols] = clean.values[r * cols + j]!
            values[r * cols + j] = clean.values[r * cols]!
          }
          return { ...clean, values }
        },
      }
    case 'split_72_18_10':
      return {
        splitData: (combined, strategy) =>
          TrainingPipeline.splitData(combined, {
            ...strategy,
            dataSplit: { train: 0.72, validation: 0.18, test: 0.1 },
          }),
      }
    case 'symbol_embedding_dropped':
      return {
        createModel(strategy, featureCount, numSymbols, runtime, rng) {
          const spec = { ...buildMlpSpec(strategy, featureCount, numSymbols), embedding: null }
          const optimizer = buildOptimizer(strategy.model.training)
          const params = initParameters(spec, rng)
          const initialWeights = params.map((p) => ({ name: p.name, shape: [...p.shape], values: p.values.slice() }))
          return { model: runtime.createModel(spec, params, optimizer), spec, optimizer, initialWeights }
        },
      }
    case 'atr_wilder':
      return {
        calculateIndicators(frames, strategy, warn) {
          const indicators = calculateIndicators(frames, strategy, { warn, implementations: { ATR: wilderAtr } })
          return { indicators, mapped: mapIndicators(frames, indicators, strategy, Object.keys(frames).length > 1) }
        },
      }
    default:
      throw new Error(`plantFault: ${JSON.stringify(name)} is not a stage canary`)
  }
}
