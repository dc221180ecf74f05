/**
 * What the old ModelTrainer read from `model.training` (docs/legacy-behaviour.md §6.2), with its `dict.get` defaults, and
 * the optimiser it built from them. Features the port leaves out (listed in legacy/README.md) fail loudly here
 * instead of training differently.
 */
import { adamConfig, type OptimizerConfig } from '../../../reference/runtime/training-runtime.ts'
import { ConfigFieldError, dictGet, isDict, numberGet, truthy, type ConfigDict } from './config-dict.ts'

/** The hyper-parameters the multi-symbol loop uses. */
export interface ModelTrainerSettings {
  /** @default 0.001 */
  readonly learningRate: number
  /** @default 32 */
  readonly batchSize: number
  /** @default 100 */
  readonly epochs: number
  /** Batch callback every N batches (`batch_idx % N == 0`). @default 1 */
  readonly progressUpdateFrequency: number
  readonly optimizer: OptimizerConfig
}

function positiveInteger(value: number, field: string): number {
  if (!Number.isInteger(value) || value < 1)
    throw new ConfigFieldError(`strategy field ${field} must be a positive integer`)
  return value
}

/**
 * Reads `model.training` the way ModelTrainer did. Optimiser (`_create_optimizer`): `adam` →
 * Adam(lr, weight_decay = get('weight_decay', 1e-4)) — PyTorch L2 on the gradient; an unknown name → Adam(lr) without
 * decay. `sgd` / `rmsprop`, `lr_scheduler`, `early_stopping` and `analytics.enabled` are omissions of this port and
 * throw.
 */
export function readModelTrainerSettings(training: ConfigDict): ModelTrainerSettings {
  const learningRate = numberGet(training, 'learning_rate', 0.001, 'model.training.learning_rate')
  const batchSize = positiveInteger(
    numberGet(training, 'batch_size', 32, 'model.training.batch_size'),
    'model.training.batch_size',
  )
  const epochs = numberGet(training, 'epochs', 100, 'model.training.epochs')
  if (!Number.isInteger(epochs) || epochs < 0)
    throw new ConfigFieldError('strategy field model.training.epochs must be an integer ≥ 0')
  const progressUpdateFrequency = positiveInteger(
    numberGet(training, 'progress_update_frequency', 1, 'model.training.progress_update_frequency'),
    'model.training.progress_update_frequency',
  )
  for (const key of ['lr_scheduler', 'early_stopping']) {
    if (truthy(dictGet(training, key, null))) {
      throw new ConfigFieldError(
        `model.training.${key} is not supported by the legacy port (omission, see legacy/README.md)`,
      )
    }
  }
  const analytics = dictGet(training, 'analytics', null)
  if (isDict(analytics) && truthy(dictGet(analytics, 'enabled', false))) {
    throw new ConfigFieldError(
      'model.training.analytics.enabled is not supported by the legacy port (omission, see legacy/README.md)',
    )
  }
  const name = dictGet(training, 'optimizer', 'adam')
  if (typeof name !== 'string') throw new ConfigFieldError(`strategy field model.training.optimizer must be a string`)
  const gradientClip = numberGet(training, 'gradient_clip', 0, 'model.training.gradient_clip')
  let optimizer: OptimizerConfig
  switch (name.toLowerCase()) {
    case 'adam':
      optimizer = adamConfig(
        learningRate,
        numberGet(training, 'weight_decay', 0.0001, 'model.training.weight_decay'),
        Math.max(gradientClip, 0),
      )
      break
    case 'sgd':
    case 'rmsprop':
      throw new ConfigFieldError(
        `model.training.optimizer '${name}' is not supported by the legacy port (omission, see legacy/README.md)`,
      )
    default:
      optimizer = adamConfig(learningRate, 0, Math.max(gradientClip, 0))
  }
  return { learningRate, batchSize, epochs, progressUpdateFrequency, optimizer }
}
