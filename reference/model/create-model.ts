/**
 * Model construction (docs/legacy-behaviour.md §14 step 4): spec and optimiser from the strategy, PyTorch-order initial
 * parameters drawn from the run's generator, instantiated on a training runtime (docs/legacy-behaviour.md §6.1).
 */
import type { SeededRng } from '../runtime/rng.ts'
import {
  initParameters,
  type MlpSpec,
  type OptimizerConfig,
  type ParamTensor,
  type RuntimeModel,
  type TrainingRuntime,
} from '../runtime/training-runtime.ts'
import type { StrategyConfig } from '../strategy/types.ts'
import { buildMlpSpec, buildOptimizer } from './architecture.ts'

/** A freshly initialised model and what it was built from. */
export interface CreatedModel {
  readonly model: RuntimeModel
  readonly spec: MlpSpec
  readonly optimizer: OptimizerConfig
  /** Copies of the initial parameters (the runtime may update its own in place). */
  readonly initialWeights: readonly ParamTensor[]
}

/**
 * Builds the MultiSymbolMLP for `featureCount` features and `numSymbols` symbols on `runtime`.
 */
export function createModel(
  strategy: StrategyConfig,
  featureCount: number,
  numSymbols: number,
  runtime: TrainingRuntime,
  rng: SeededRng,
): CreatedModel {
  const spec = buildMlpSpec(strategy, featureCount, numSymbols)
  const optimizer = buildOptimizer(strategy.model.training)
  const params = initParameters(spec, rng)
  const initialWeights = params.map((p) => ({ name: p.name, shape: [...p.shape], values: p.values.slice() }))
  return { model: runtime.createModel(spec, params, optimizer), spec, optimizer, initialWeights }
}

/**
 * The old `model_info` block (§6.3): size at 4 bytes per parameter, counts, architecture name.
 */
export function describeModel(spec: MlpSpec, params: readonly ParamTensor[]): ModelInfo {
  const count = params.reduce((n, p) => n + p.values.length, 0)
  return {
    model_size_bytes: count * 4,
    parameters_count: count,
    trainable_parameters: count,
    architecture: `multi_symbol_mlp_${spec.embedding?.numSymbols ?? 1}symbols`,
    symbol_embedding_dim: spec.embedding?.dim ?? 0,
  }
}

/** The §6.3 `model_info` block. @public */
export interface ModelInfo {
  readonly model_size_bytes: number
  readonly parameters_count: number
  readonly trainable_parameters: number
  readonly architecture: string
  readonly symbol_embedding_dim: number
}
