/**
 * What the old ModelTrainer read from `model.training` (docs/legacy-behaviour.md §6.2), with its `dict.get`
 * defaults: the hyper-parameters, the optimiser of `_create_optimizer`, the learning-rate scheduler and early
 * stopping. Training analytics, an omission of this port (listed in legacy/README.md), fails loudly here instead of
 * training differently.
 */
import {
  adamConfig,
  rmspropConfig,
  sgdConfig,
  type OptimizerConfig,
} from '../../../reference/runtime/training-runtime.ts'
import { ConfigFieldError, dictGet, isDict, numberGet, truthy, type ConfigDict } from './config-dict.ts'
import { readEarlyStoppingConfig, type LegacyEarlyStoppingConfig } from './early-stopping.ts'
import { readSchedulerConfig, type LegacySchedulerConfig } from './lr-scheduler.ts'

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
  /** `lr_scheduler`; null when absent, falsy or of an unknown type. */
  readonly lrScheduler: LegacySchedulerConfig | null
  /** `early_stopping`; null when absent or falsy. */
  readonly earlyStopping: LegacyEarlyStoppingConfig | null
}

function positiveInteger(value: number, field: string): number {
  if (!Number.isInteger(value) || value < 1)
    throw new ConfigFieldError(`strategy field ${field} must be a positive integer`)
  return value
}

/** torch's constructor checks (`Invalid learning rate: …`, …): a negative value is a ValueError. */
function nonNegative(value: number, what: string): number {
  if (value < 0) throw new ConfigFieldError(`ValueError: Invalid ${what}: ${value} (model.training)`)
  return value
}

/**
 * `_create_optimizer` (name lower-cased): `adam` → Adam(lr, weight_decay = get('weight_decay', 1e-4)); `sgd` →
 * SGD(lr, momentum = get('momentum', 0.9), weight_decay = get('weight_decay', 1e-4)); `rmsprop` → RMSprop(lr,
 * weight_decay = get('weight_decay', 1e-4)); any other name → Adam(lr) without weight decay. Weight decay is
 * PyTorch's L2 on the gradient; `gradient_clip` > 0 clips the global gradient norm before each step.
 */
function readOptimizer(training: ConfigDict, learningRate: number): OptimizerConfig {
  const name = dictGet(training, 'optimizer', 'adam')
  if (typeof name !== 'string') throw new ConfigFieldError(`strategy field model.training.optimizer must be a string`)
  const gradientClip = Math.max(numberGet(training, 'gradient_clip', 0, 'model.training.gradient_clip'), 0)
  const lr = nonNegative(learningRate, 'learning rate')
  const weightDecay = (): number =>
    nonNegative(numberGet(training, 'weight_decay', 0.0001, 'model.training.weight_decay'), 'weight_decay value')
  switch (name.toLowerCase()) {
    case 'adam':
      return adamConfig(lr, weightDecay(), gradientClip)
    case 'sgd': {
      const momentum = nonNegative(numberGet(training, 'momentum', 0.9, 'model.training.momentum'), 'momentum value')
      return sgdConfig(lr, momentum, weightDecay(), gradientClip)
    }
    case 'rmsprop':
      return rmspropConfig(lr, weightDecay(), gradientClip)
    default:
      return adamConfig(lr, 0, gradientClip)
  }
}

/** Reads `model.training` the way ModelTrainer did. */
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
  const analytics = dictGet(training, 'analytics', null)
  if (isDict(analytics) && truthy(dictGet(analytics, 'enabled', false))) {
    throw new ConfigFieldError(
      'model.training.analytics.enabled is not supported by the legacy port (omission, see legacy/README.md)',
    )
  }
  return {
    learningRate,
    batchSize,
    epochs,
    progressUpdateFrequency,
    optimizer: readOptimizer(training, learningRate),
    lrScheduler: readSchedulerConfig(training),
    earlyStopping: readEarlyStoppingConfig(training),
  }
}
