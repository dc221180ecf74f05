/**
 * Early stopping of `model.training.early_stopping` (docs/legacy-behaviour.md §6.2), as the old `EarlyStopping`
 * callback: the score is −val_loss (none when val_loss is missing or exactly 0, the old truthiness test) or
 * val_accuracy (none when missing), and no score for any other monitor; an epoch improves when its score is at
 * least the best so far + 1e-4 (the fixed min_delta); training stops once `patience` epochs in a row have not
 * improved. An epoch without a score changes nothing.
 */
import type { EpochRecord } from '../runtime/probes.ts'
import type { EarlyStoppingSpec } from '../strategy/types.ts'

/** The old callback's fixed `min_delta`. */
export const EARLY_STOPPING_MIN_DELTA = 1e-4

/** The state of early stopping over one run. */
export class EarlyStopping {
  private best: number | null = null
  private epochsWithoutImprovement = 0

  constructor(private readonly spec: EarlyStoppingSpec) {}

  /** Records one epoch; true when training must stop after it. */
  shouldStop(record: EpochRecord): boolean {
    const score = this.score(record)
    if (score === null) return false
    if (this.best !== null && score < this.best + EARLY_STOPPING_MIN_DELTA) {
      return ++this.epochsWithoutImprovement >= this.spec.patience
    }
    this.best = score
    this.epochsWithoutImprovement = 0
    return false
  }

  private score(record: EpochRecord): number | null {
    switch (this.spec.monitor) {
      case 'val_loss':
        return record.val_loss === null || record.val_loss === 0 ? null : -record.val_loss
      case 'val_accuracy':
        return record.val_accuracy
      default:
        return null
    }
  }
}
