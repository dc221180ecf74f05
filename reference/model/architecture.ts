/**
 * From a strategy to a model description: the MultiSymbolMLP spec and the optimiser settings the old
 * StrategyTrainer / ModelTrainer derived from `model` and `model.training` (docs/legacy-behaviour.md §6.1, §6.2).
 */
import { adamConfig, type Activation, type MlpSpec, type OptimizerConfig } from '../runtime/training-runtime.ts'
import type { StrategyConfig, TrainingHyperParameters } from '../strategy/types.ts'
import { CLASS_COUNT } from './metrics.ts'

/** Symbol-embedding width when the strategy gives none (§6.1). */
export const DEFAULT_SYMBOL_EMBEDDING_DIM = 16
/** Adam weight decay when the strategy gives none (§6.2). */
export const DEFAULT_WEIGHT_DECAY = 1e-4

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
 * The optimiser of `model.training` (§6.2), name case-insensitive: `adam` → Adam(lr, weight decay (1e-4 when
 * absent), gradient clip); any unknown name → Adam(lr) without weight decay, as the old trainer did.
 *
 * @throws Error for `sgd` and `rmsprop`, which the old trainer supported but no strategy uses and this project
 *   does not implement
 */
export function buildOptimizer(training: TrainingHyperParameters): OptimizerConfig {
  switch (training.optimizer.toLowerCase()) {
    case 'adam':
      return adamConfig(training.learningRate, training.weightDecay ?? DEFAULT_WEIGHT_DECAY, training.gradientClip)
    case 'sgd':
    case 'rmsprop':
      throw new Error(`model.training.optimizer: '${training.optimizer}' is not supported (use 'adam')`)
    default:
      return adamConfig(training.learningRate, 0, training.gradientClip)
  }
}
