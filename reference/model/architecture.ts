/**
 * From a strategy to a model description: the MultiSymbolMLP spec and the optimiser settings the old
 * StrategyTrainer / ModelTrainer derived from `model` and `model.training` (docs/legacy-behaviour.md §6.1, §6.2).
 */
import {
  adamConfig,
  rmspropConfig,
  sgdConfig,
  type Activation,
  type MlpSpec,
  type OptimizerConfig,
} from '../runtime/training-runtime.ts'
import type { StrategyConfig, TrainingHyperParameters } from '../strategy/types.ts'
import { CLASS_COUNT } from './metrics.ts'

/** Symbol-embedding width when the strategy gives none (§6.1). */
export const DEFAULT_SYMBOL_EMBEDDING_DIM = 16
/** Weight decay of adam, sgd and rmsprop when the strategy gives none (§6.2). */
export const DEFAULT_WEIGHT_DECAY = 1e-4
/** SGD momentum when the strategy gives none (§6.2). */
export const DEFAULT_SGD_MOMENTUM = 0.9
/** Optimiser names the old trainer knew (any case); any other name trained with Adam and no weight decay. */
export const KNOWN_OPTIMIZERS = ['adam', 'sgd', 'rmsprop'] as const

const ACTIVATIONS: readonly Activation[] = ['relu', 'tanh', 'sigmoid', 'leaky_relu']

/**
 * The MultiSymbolMLP of the old local path: always with a symbol embedding (even for one symbol), the strategy's
 * hidden layers and dropout, 3 raw-logit outputs; activation names are case-insensitive and an unknown one means
 * ReLU (§6.1).
 *
 * @param featureCount - feature width F (the embedding is added on top)
 * @param numSymbols - number of symbols of the request
 */
export function buildMlpSpec(strategy: StrategyConfig, featureCount: number, numSymbols: number): MlpSpec {
  const { model } = strategy
  const activation = ACTIVATIONS.find((a) => a === model.activation.toLowerCase()) ?? 'relu'
  return {
    inputSize: featureCount,
    hiddenLayers: [...model.hiddenLayers],
    outputSize: CLASS_COUNT,
    activation,
    dropout: model.dropout,
    embedding: { numSymbols, dim: model.symbolEmbeddingDim ?? DEFAULT_SYMBOL_EMBEDDING_DIM },
  }
}

/**
 * The optimiser of `model.training` (§6.2), name case-insensitive, each with the strategy's gradient clip:
 * `adam` → Adam(lr, weight decay), `sgd` → SGD(lr, momentum (0.9 when absent), weight decay), `rmsprop` →
 * RMSprop(lr, weight decay), weight decay 1e-4 when absent; any other name → Adam(lr) without weight decay, as the
 * old trainer did (warned as quirk Q-OPTIMIZER-UNKNOWN-ADAM).
 */
export function buildOptimizer(training: TrainingHyperParameters): OptimizerConfig {
  const { learningRate, gradientClip } = training
  const weightDecay = training.weightDecay ?? DEFAULT_WEIGHT_DECAY
  switch (training.optimizer.toLowerCase()) {
    case 'adam':
      return adamConfig(learningRate, weightDecay, gradientClip)
    case 'sgd':
      return sgdConfig(learningRate, training.momentum ?? DEFAULT_SGD_MOMENTUM, weightDecay, gradientClip)
    case 'rmsprop':
      return rmspropConfig(learningRate, weightDecay, gradientClip)
    default:
      return adamConfig(learningRate, 0, gradientClip)
  }
}
