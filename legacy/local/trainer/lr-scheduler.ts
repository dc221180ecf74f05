/**
 * The old `ModelTrainer._create_scheduler` and the three torch 1.13 schedulers it could build
 * (docs/legacy-behaviour.md §6.2): `StepLR(step_size, gamma)`, `ExponentialLR(gamma)` and
 * `ReduceLROnPlateau(mode "min", factor, patience)` with torch's other defaults (threshold 1e-4 relative,
 * cooldown 0, min_lr 0, eps 1e-8). Each is stepped once per epoch, after the history record; the plateau
 * scheduler on the validation loss, or on the training loss when there is no validation set.
 */
import { ConfigFieldError, dictGet, isDict, truthy, type ConfigDict } from './config-dict.ts'

/** What `lr_scheduler` built: its type and the numbers it read with `dict.get` defaults. */
export type LegacySchedulerConfig =
  | { readonly type: 'step'; readonly stepSize: number; readonly gamma: number }
  | { readonly type: 'exponential'; readonly gamma: number }
  | { readonly type: 'reduce_on_plateau'; readonly factor: number; readonly patience: number }

/** A scheduler's state over one training run. */
export interface LegacyLrScheduler {
  /**
   * One `scheduler.step(...)` at the end of an epoch.
   * @param learningRate - the optimiser's current `param_groups[0]["lr"]`
   * @param metric - `val_loss if val_loss is not None else avg_train_loss` (read by the plateau scheduler only)
   * @returns the learning rate of the next epoch
   */
  step(learningRate: number, metric: number): number
}

function numberField(d: ConfigDict, key: string, fallback: number): number {
  const value = dictGet(d, key, fallback)
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ConfigFieldError(
      `strategy field model.training.lr_scheduler.${key} must be a number, got ${JSON.stringify(value)}`,
    )
  }
  return value
}

/**
 * `_create_scheduler`: none when `lr_scheduler` is absent or falsy; `type` (default `step`, lower-cased) picks the
 * scheduler; an unknown type gives none.
 *
 * @throws ConfigFieldError when `lr_scheduler` is not a mapping (the old AttributeError on `.get`), `type` is not
 *   a string, a number is not a number, or `factor` ≥ 1 (torch's "Factor should be < 1.0.")
 */
export function readSchedulerConfig(training: ConfigDict): LegacySchedulerConfig | null {
  const config = dictGet(training, 'lr_scheduler', null)
  if (!truthy(config)) return null
  if (!isDict(config)) {
    throw new ConfigFieldError(
      `AttributeError: model.training.lr_scheduler must be a mapping, got ${JSON.stringify(config)}`,
    )
  }
  const type = dictGet(config, 'type', 'step')
  if (typeof type !== 'string') {
    throw new ConfigFieldError(
      `strategy field model.training.lr_scheduler.type must be a string, got ${JSON.stringify(type)}`,
    )
  }
  switch (type.toLowerCase()) {
    case 'step':
      return { type: 'step', stepSize: numberField(config, 'step_size', 30), gamma: numberField(config, 'gamma', 0.1) }
    case 'exponential':
      return { type: 'exponential', gamma: numberField(config, 'gamma', 0.95) }
    case 'reduce_on_plateau': {
      const factor = numberField(config, 'factor', 0.5)
      if (factor >= 1) throw new ConfigFieldError('ValueError: Factor should be < 1.0. (model.training.lr_scheduler)')
      return { type: 'reduce_on_plateau', factor, patience: numberField(config, 'patience', 5) }
    }
    default:
      return null
  }
}

/** Python's `a % b` (the sign of the divisor); a zero divisor raises as Python does. */
function pythonModulo(a: number, b: number): number {
  if (b === 0) throw new Error('ZeroDivisionError: integer division or modulo by zero (lr_scheduler.step_size 0)')
  const r = a % b
  return r !== 0 && r < 0 !== b < 0 ? r + b : r
}

/** A fresh scheduler for one run (the constructor's initial `step()` is the `last_epoch = 0` state). */
export function createLrScheduler(config: LegacySchedulerConfig): LegacyLrScheduler {
  switch (config.type) {
    case 'step': {
      let lastEpoch = 0
      return {
        step(learningRate) {
          lastEpoch += 1
          return pythonModulo(lastEpoch, config.stepSize) !== 0 ? learningRate : learningRate * config.gamma
        },
      }
    }
    case 'exponential':
      return {
        step(learningRate) {
          return learningRate * config.gamma
        },
      }
    case 'reduce_on_plateau': {
      let best = Number.POSITIVE_INFINITY
      let badEpochs = 0
      return {
        step(learningRate, metric) {
          // is_better (mode min, threshold_mode rel): a < best · (1 − threshold)
          if (metric < best * (1 - 1e-4)) {
            best = metric
            badEpochs = 0
          } else badEpochs += 1
          if (badEpochs <= config.patience) return learningRate
          badEpochs = 0
          const reduced = Math.max(learningRate * config.factor, 0)
          return learningRate - reduced > 1e-8 ? reduced : learningRate
        },
      }
    }
  }
}
