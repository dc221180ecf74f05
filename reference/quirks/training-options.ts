/**
 * Quirk effects of `model.training`'s optimiser, scheduler, early-stopping and analytics settings
 * (docs/legacy-behaviour.md §6.2): the default weight decay, an unknown optimiser or scheduler type, the keys of
 * `lr_scheduler` and `early_stopping` the old trainer did not read, early stopping that can never trigger, and
 * analytics files that are not written.
 */
import { KNOWN_OPTIMIZERS } from '../model/architecture.ts'
import { DEFAULT_VALIDATION_SPLIT } from '../pipeline/split.ts'
import { EARLY_STOPPING_KEYS, LR_SCHEDULER_KEYS } from '../strategy/training-options.ts'
import type { StrategyConfig } from '../strategy/types.ts'
import type { QuirkEffect } from './detect.ts'
import type { QuirkId } from './registry.ts'
import { valueAt } from './strategy-keys.ts'

const OPTIMIZER_NAMES: Readonly<Record<string, string>> = { adam: 'Adam', sgd: 'SGD', rmsprop: 'RMSprop' }

/** The keys of the mapping at `path` (none when it is not a mapping). */
function keysAt(raw: unknown, path: string): string[] {
  const value = valueAt(raw, path)
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.keys(value) : []
}

/**
 * The training-option effects for `strategy`, one entry per quirk id.
 *
 * @internal
 */
export function trainingOptionEffects(strategy: StrategyConfig): QuirkEffect[] {
  const training = strategy.model.training
  const raw = strategy.raw
  const effects: QuirkEffect[] = []
  const add = (id: QuirkId, details: string[]): void => {
    if (details.length > 0) effects.push({ id, message: `${id}: ${details.join('; ')}` })
  }
  const optimizer = training.optimizer.toLowerCase()
  const known = (KNOWN_OPTIMIZERS as readonly string[]).includes(optimizer)
  add(
    'Q-ADAM-WEIGHT-DECAY',
    known && training.weightDecay === null
      ? [`${OPTIMIZER_NAMES[optimizer]} runs with weight_decay 1e-4 (none given)`]
      : [],
  )
  add(
    'Q-OPTIMIZER-UNKNOWN-ADAM',
    known
      ? []
      : [
          `optimizer '${training.optimizer}' trains as Adam without weight decay`,
          ...(training.weightDecay === null ? [] : [`weight_decay ${training.weightDecay} is not read`]),
          ...(training.momentum === null ? [] : [`momentum ${training.momentum} is not read`]),
        ],
  )
  const schedulerKeys = keysAt(raw, 'model.training.lr_scheduler')
  const scheduler = training.lrScheduler
  add(
    'Q-LR-SCHEDULER-UNKNOWN-TYPE',
    scheduler === null && schedulerKeys.length > 0
      ? [`lr_scheduler type ${JSON.stringify(valueAt(raw, 'model.training.lr_scheduler.type'))} gives no scheduler`]
      : [],
  )
  add(
    'Q-LR-SCHEDULER-KEYS-IGNORED',
    scheduler === null
      ? []
      : schedulerKeys
          .filter((key) => key !== 'type' && !LR_SCHEDULER_KEYS[scheduler.type].includes(key))
          .map((key) => `lr_scheduler.${key} is not read by the ${scheduler.type} scheduler`),
  )
  const stopping = training.earlyStopping
  add(
    'Q-EARLY-STOPPING-KEYS-IGNORED',
    stopping === null
      ? []
      : keysAt(raw, 'model.training.early_stopping')
          .filter((key) => !(EARLY_STOPPING_KEYS as readonly string[]).includes(key))
          .map((key) =>
            key === 'min_delta'
              ? 'early_stopping.min_delta is not read (it is fixed at 1e-4)'
              : `early_stopping.${key} is not read (early stopping is on)`,
          ),
  )
  add('Q-EARLY-STOPPING-NO-SCORE', stopping === null ? [] : neverScores(strategy, stopping.monitor))
  add(
    'Q-ANALYTICS-NOT-WRITTEN',
    valueAt(raw, 'model.training.analytics.enabled') === true ? ['no training_analytics/ files are written'] : [],
  )
  return effects
}

/** Why early stopping can never trigger for this strategy, if it cannot. */
function neverScores(strategy: StrategyConfig, monitor: string): string[] {
  if (monitor !== 'val_loss' && monitor !== 'val_accuracy') {
    return [`early_stopping.monitor '${monitor}' gives no score, so early stopping never triggers`]
  }
  const split = strategy.dataSplit
  const validation =
    split === null ? (strategy.model.training.validationSplit ?? DEFAULT_VALIDATION_SPLIT) : split.validation
  return validation === 0 ? ['no validation split, so early stopping never triggers'] : []
}
