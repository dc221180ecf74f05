/**
 * The training loop of the old `ModelTrainer.train_multi_symbol` (docs/legacy-behaviour.md §6.2; §14 step 5):
 * per epoch a cancellation check, the batch plan, one optimiser step per batch with a progress hook every
 * `progress_update_frequency` batches, a full-batch validation pass with the validation symbol indices, a history
 * record with the epoch's learning rate, then the learning-rate schedule, then early stopping — which ends training
 * before that epoch's progress hook (quirk Q-EARLY-STOP-NO-EPOCH-PROGRESS) — and the epoch hook. The old "restore
 * best model" restored the final weights (quirk Q-BEST-RESTORE-NOOP), so nothing is restored here.
 */
import { throwIfCancelled } from '../pipeline/errors.ts'
import type { EpochRecord } from '../runtime/probes.ts'
import type { SeededRng } from '../runtime/rng.ts'
import type { RuntimeModel, TrainingRuntime } from '../runtime/training-runtime.ts'
import type { EarlyStoppingSpec, LrSchedulerSpec } from '../strategy/types.ts'
import { createBatchPlanner } from './batch-plan.ts'
import type { CreatedModel } from './create-model.ts'
import { gatherRows, type LabelledRows } from './dataset.ts'
import { EarlyStopping } from './early-stopping.ts'
import { createLearningRateSchedule } from './lr-schedule.ts'
import { classificationReport } from './metrics.ts'
import { summarizeHistory, type TrainingMetricsSummary } from './training-summary.ts'

/** Batch progress, as the old trainer's batch callback metrics (§9.1). @public */
export interface BatchProgress {
  readonly epoch: number
  readonly total_epochs: number
  /** 0-based batch index within the epoch. */
  readonly batch: number
  readonly total_batches_per_epoch: number
  readonly completed_batches: number
  readonly total_batches: number
  /** Running mean loss of the epoch so far. */
  readonly train_loss: number
  readonly train_accuracy: number
  readonly progress_type: 'batch'
}

/** Epoch progress, as the old trainer's epoch callback metrics (§9.1). @public */
export interface EpochProgress {
  readonly epoch: number
  readonly total_epochs: number
  readonly train_loss: number
  readonly train_accuracy: number
  readonly val_loss: number | null
  readonly val_accuracy: number | null
  readonly progress_type: 'epoch'
}

/**
 * Progress hooks and the cancellation check of a training run. A hook may return a promise: the loop awaits it
 * before the next batch (so a host can yield to its event loop). Hook errors propagate (the old trainer printed
 * and swallowed them; cancellation here goes through `isCancelled`, never through a hook).
 */
export interface TrainingHooks {
  onBatch?(progress: BatchProgress): void | Promise<void>
  onEpoch?(progress: EpochProgress): void | Promise<void>
  /** Checked at every epoch start and batch start; true → `TrainingCancelledError`. */
  isCancelled?(): boolean
}

/** Hyper-parameters the loop needs. */
export interface TrainingSettings {
  readonly epochs: number
  readonly batchSize: number
  /** The first epoch's learning rate (the optimiser's); the schedule changes it after each epoch. */
  readonly learningRate: number
  readonly numSymbols: number
  /** @default null (a constant learning rate) */
  readonly lrScheduler?: LrSchedulerSpec | null
  /** @default null (every epoch runs) */
  readonly earlyStopping?: EarlyStoppingSpec | null
  /** `onBatch` runs for batches whose index is a multiple of this. @default 1 */
  readonly progressUpdateFrequency?: number
}

/** The loop's outcome: the §6.2 summary, the per-epoch history and the model to evaluate. */
export interface TrainingOutcome {
  readonly summary: TrainingMetricsSummary
  readonly history: readonly EpochRecord[]
  /** 0-based epoch after which early stopping ended training (its record is the last); null when it did not. */
  readonly stoppedEpoch: number | null
  /** The trained model; after a first-batch NaN, a model with the initial weights (the old loop never stepped). */
  readonly model: RuntimeModel
}

/** Summary message when the first batch of the first epoch yields a NaN loss (§6.2 step 4). */
export const NAN_LOSS_ERROR = 'NaN loss detected in multi-symbol training'

/**
 * Trains `created.model` in place on `train`, validating on `validation` after each epoch. A NaN loss on the very
 * first batch stops training with the `{ error }` summary (the old trainer's early return; the caller still
 * evaluates and saves, as the old StrategyTrainer did).
 *
 * @param runtime - the runtime `created` lives on (to rebuild the initial model after a first-batch NaN)
 * @param clock - injected wall clock; epoch durations (the summary's `training_time`) are measured with it
 * @throws TrainingCancelledError at an epoch or batch start once `hooks.isCancelled()` is true
 * @throws Error when an epoch has no training batch (the old ZeroDivisionError)
 */
export async function trainModel(
  created: CreatedModel,
  runtime: TrainingRuntime,
  train: LabelledRows,
  validation: LabelledRows,
  settings: TrainingSettings,
  rng: SeededRng,
  clock: () => Date,
  hooks: TrainingHooks = {},
): Promise<TrainingOutcome> {
  const { epochs } = settings
  const { model } = created
  const planner = createBatchPlanner(train, settings.batchSize, settings.numSymbols)
  const bpe = planner.batchesPerEpoch
  const history: EpochRecord[] = []
  const schedule = settings.lrScheduler ? createLearningRateSchedule(settings.lrScheduler) : null
  const stopping = settings.earlyStopping ? new EarlyStopping(settings.earlyStopping) : null
  const frequency = settings.progressUpdateFrequency ?? 1
  let learningRate = settings.learningRate
  let stoppedEpoch: number | null = null
  let trainingTime = 0
  for (let epoch = 0; epoch < epochs; epoch++) {
    throwIfCancelled(hooks.isCancelled, `epoch ${epoch} start`)
    const started = clock().getTime()
    const batches = planner.startEpoch(rng)
    let runningLoss = 0
    let correct = 0
    let seen = 0
    for (let b = 0; b < bpe; b++) {
      throwIfCancelled(hooks.isCancelled, `epoch ${epoch} batch ${b} start`)
      const batch = gatherRows(train, batches.nextBatch(b))
      const step = model.trainStep(
        { x: batch.features, y: batch.labels, symbols: batch.symbolIndices, rows: batch.rows },
        rng,
      )
      if (epoch === 0 && b === 0 && Number.isNaN(step.loss)) {
        model.dispose()
        const initial = runtime.createModel(created.spec, created.initialWeights, created.optimizer)
        return { summary: { error: NAN_LOSS_ERROR }, history, stoppedEpoch: null, model: initial }
      }
      runningLoss += step.loss * batch.rows
      correct += step.correct
      seen += batch.rows
      if (b % frequency !== 0) continue
      const pending = hooks.onBatch?.({
        epoch,
        total_epochs: epochs,
        batch: b,
        total_batches_per_epoch: bpe,
        completed_batches: epoch * bpe + b,
        total_batches: epochs * bpe,
        train_loss: runningLoss / seen,
        train_accuracy: correct / seen,
        progress_type: 'batch',
      })
      if (pending) await pending
    }
    if (seen === 0) {
      throw new Error(
        `no training batch in epoch ${epoch}: ${train.rows} training rows, batch size ${settings.batchSize}, ` +
          `${settings.numSymbols} symbols`,
      )
    }
    const record = epochRecord(model, validation, epoch, runningLoss / seen, correct / seen, learningRate)
    history.push(record)
    trainingTime += (clock().getTime() - started) / 1000
    if (schedule) {
      learningRate = schedule.next(learningRate, record.val_loss ?? record.train_loss)
      model.setLearningRate(learningRate)
    }
    if (stopping?.shouldStop(record)) {
      stoppedEpoch = epoch
      break
    }
    await hooks.onEpoch?.({
      epoch,
      total_epochs: epochs,
      train_loss: record.train_loss,
      train_accuracy: record.train_accuracy,
      val_loss: record.val_loss,
      val_accuracy: record.val_accuracy,
      progress_type: 'epoch',
    })
  }
  return { summary: summarizeHistory(history, trainingTime), history, stoppedEpoch, model }
}

function epochRecord(
  model: RuntimeModel,
  validation: LabelledRows,
  epoch: number,
  trainLoss: number,
  trainAccuracy: number,
  learningRate: number,
): EpochRecord {
  if (validation.rows === 0) {
    return {
      epoch,
      train_loss: trainLoss,
      train_accuracy: trainAccuracy,
      val_loss: null,
      val_accuracy: null,
      learning_rate: learningRate,
    }
  }
  const logits = model.predictLogits(validation.features, validation.rows, validation.symbolIndices)
  const report = classificationReport(logits, validation.labels, validation.rows)
  return {
    epoch,
    train_loss: trainLoss,
    train_accuracy: trainAccuracy,
    val_loss: report.loss,
    val_accuracy: report.accuracy,
    learning_rate: learningRate,
  }
}
