/**
 * Learning-rate schedules of `model.training.lr_scheduler` (docs/legacy-behaviour.md §6.2), with torch 1.13's
 * semantics: StepLR (× gamma every `step_size` epochs), ExponentialLR (× gamma every epoch) and ReduceLROnPlateau
 * (mode min, threshold 1e-4 relative, cooldown 0, min_lr 0, eps 1e-8: × factor once the monitored value has not
 * improved for more than `patience` epochs). Stepped once at the end of every epoch, after its history record.
 */
import type { LrSchedulerSpec } from '../strategy/types.ts'

/** A schedule's state over one training run. */
export interface LearningRateSchedule {
  /**
   * The end-of-epoch step.
   * @param learningRate - the rate the epoch trained with
   * @param monitored - the validation loss, or the training loss without validation (plateau only)
   * @returns the rate of the next epoch
   */
  next(learningRate: number, monitored: number): number
}

/** ReduceLROnPlateau's fixed settings (torch's defaults, which the old trainer never changed). */
const PLATEAU_THRESHOLD = 1e-4
const PLATEAU_MIN_LR = 0
const PLATEAU_EPS = 1e-8

/**
 * A fresh schedule for `spec`.
 */
export function createLearningRateSchedule(spec: LrSchedulerSpec): LearningRateSchedule {
  switch (spec.type) {
    case 'step': {
      let epoch = 0
      return { next: (lr) => (++epoch % spec.stepSize === 0 ? lr * spec.gamma : lr) }
    }
    case 'exponential':
      return { next: (lr) => lr * spec.gamma }
    case 'reduce_on_plateau': {
      let best = Number.POSITIVE_INFINITY
      let badEpochs = 0
      return {
        next(lr, monitored) {
          if (monitored < best * (1 - PLATEAU_THRESHOLD)) {
            best = monitored
            badEpochs = 0
          } else if (++badEpochs > spec.patience) {
            badEpochs = 0
            const reduced = Math.max(lr * spec.factor, PLATEAU_MIN_LR)
            if (lr - reduced > PLATEAU_EPS) return reduced
          }
          return lr
        },
      }
    }
  }
}
