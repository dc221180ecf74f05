/**
 * The ModelTrainer summary the old trainer returned and saved as `metrics.json` (docs/legacy-behaviour.md §6.2
 * "Return"), built from the epoch history.
 */
import type { EpochRecord } from '../runtime/probes.ts'

/** The §6.2 summary of a completed training. @public */
export interface TrainingSummary {
  readonly epochs_trained: number
  readonly final_train_loss: number
  readonly final_train_accuracy: number
  readonly best_train_accuracy: number
  /** Seconds: the sum of epoch durations measured with the injected clock. */
  readonly training_time: number
  /** Per-epoch lists; the validation lists only when validation ran. */
  readonly history: {
    readonly train_loss: readonly number[]
    readonly train_accuracy: readonly number[]
    readonly val_loss?: readonly number[]
    readonly val_accuracy?: readonly number[]
  }
  /** Present when validation ran. */
  readonly final_val_loss?: number
  readonly final_val_accuracy?: number
  readonly best_val_accuracy?: number
}

/** What the old trainer returned instead of a summary (NaN first loss, or no history). @public */
export interface TrainingFailureSummary {
  readonly error: string
}

/** Either summary. @public */
export type TrainingMetricsSummary = TrainingSummary | TrainingFailureSummary

/** Message of the old trainer's empty-history summary. */
export const NO_HISTORY_ERROR = 'No training history available'

/**
 * Builds the §6.2 summary (`_create_training_summary`); an empty history gives
 * `{ error: 'No training history available' }`. Validation keys appear only when validation ran.
 *
 * @param trainingTimeSeconds - sum of the epoch durations
 */
export function summarizeHistory(history: readonly EpochRecord[], trainingTimeSeconds: number): TrainingMetricsSummary {
  const last = history[history.length - 1]
  if (!last) return { error: NO_HISTORY_ERROR }
  const trainLoss = history.map((h) => h.train_loss)
  const trainAccuracy = history.map((h) => h.train_accuracy)
  const base = {
    epochs_trained: history.length,
    final_train_loss: last.train_loss,
    final_train_accuracy: last.train_accuracy,
    best_train_accuracy: Math.max(...trainAccuracy),
    training_time: trainingTimeSeconds,
  }
  const valLoss = history.flatMap((h) => (h.val_loss === null ? [] : [h.val_loss]))
  const valAccuracy = history.flatMap((h) => (h.val_accuracy === null ? [] : [h.val_accuracy]))
  if (valLoss.length === 0) return { ...base, history: { train_loss: trainLoss, train_accuracy: trainAccuracy } }
  return {
    ...base,
    history: { train_loss: trainLoss, train_accuracy: trainAccuracy, val_loss: valLoss, val_accuracy: valAccuracy },
    final_val_loss: valLoss[valLoss.length - 1]!,
    final_val_accuracy: valAccuracy[valAccuracy.length - 1]!,
    best_val_accuracy: Math.max(0, ...valAccuracy),
  }
}

/** True when `summary` is the failure form. */
export function isTrainingFailure(summary: TrainingMetricsSummary): summary is TrainingFailureSummary {
  return 'error' in summary
}
