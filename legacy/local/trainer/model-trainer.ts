/**
 * The old `ModelTrainer.train_multi_symbol` loop (docs/legacy-behaviour.md §6.2, §14 step 5 and 9): epochs of
 * mini-batches through the runtime, per-epoch full-batch validation with the validation symbol indices, history
 * (with the epoch's learning rate), then the learning-rate scheduler, then early stopping (which breaks before the
 * epoch callback), the no-op "restore best", the first-batch NaN early return, progress callbacks whose exceptions
 * are swallowed, and cancellation checks at every epoch and batch start.
 */
import { crossEntropy } from '../../../reference/runtime/cross-entropy.ts'
import type { EpochRecord } from '../../../reference/runtime/probes.ts'
import type { SeededRng } from '../../../reference/runtime/rng.ts'
import type {
  MlpSpec,
  ParamTensor,
  RuntimeModel,
  TrainingRuntime,
} from '../../../reference/runtime/training-runtime.ts'
import { raiseIfCancelled, type LegacyCancellationToken } from './cancellation.ts'
import { createTrainLoader } from './batch-loader.ts'
import { gatherRows, type LabelledRows } from './dataset.ts'
import { LegacyEarlyStopping } from './early-stopping.ts'
import { createLrScheduler } from './lr-scheduler.ts'
import type { ModelTrainerSettings } from './trainer-settings.ts'

/** Batch callback payload of `train_multi_symbol`. */
export interface BatchProgressMetrics {
  readonly epoch: number
  readonly total_epochs: number
  readonly batch: number
  readonly total_batches_per_epoch: number
  readonly completed_batches: number
  readonly total_batches: number
  readonly train_loss: number
  readonly train_accuracy: number
  readonly progress_type: 'batch'
  readonly multi_symbol: true
}

/** Epoch callback payload of `train_multi_symbol` (no batch counts, unlike `train()`). */
export interface EpochProgressMetrics {
  readonly epoch: number
  readonly total_epochs: number
  readonly train_loss: number
  readonly train_accuracy: number
  readonly val_loss: number | null
  readonly val_accuracy: number | null
  readonly progress_type: 'epoch'
  readonly multi_symbol: true
}

/** The old `progress_callback(epoch, total_epochs, metrics)`. */
export type TrainerProgressCallback = (
  epoch: number,
  totalEpochs: number,
  metrics: BatchProgressMetrics | EpochProgressMetrics,
) => void

/** `_create_training_summary()`, or the early-return error dicts. */
export type TrainingSummary =
  | { readonly error: string }
  | {
      readonly epochs_trained: number
      readonly final_train_loss: number
      readonly final_train_accuracy: number
      readonly best_train_accuracy: number
      /** Seconds: the sum of epoch durations measured with the injected clock. */
      readonly training_time: number
      readonly history: {
        readonly train_loss: number[]
        readonly train_accuracy: number[]
        readonly val_loss?: number[]
        readonly val_accuracy?: number[]
      }
      readonly final_val_loss?: number
      readonly final_val_accuracy?: number
      readonly best_val_accuracy?: number
    }

/** What the loop hands back: the summary, the per-epoch records, and the model to evaluate. */
export interface TrainingOutcome {
  readonly summary: TrainingSummary
  readonly history: readonly EpochRecord[]
  /** 0-based epoch at which early stopping broke the loop (the old "Early stopping triggered" line); null if none. */
  readonly stoppedEpoch: number | null
  /** The trained model (after a first-batch NaN: the untouched initial weights, as the old loop never stepped). */
  readonly model: RuntimeModel
}

/** Constructor arguments of {@link ModelTrainer}. */
export interface ModelTrainerOptions {
  readonly settings: ModelTrainerSettings
  readonly runtime: TrainingRuntime
  readonly progressCallback: TrainerProgressCallback | null
  readonly cancellationToken: LegacyCancellationToken | null
  /** Wall clock for epoch durations. */
  readonly clock: () => Date
  /** Where the old `print()` lines go: swallowed callback failures, the early-stopping line. */
  readonly warn: (message: string) => void
}

/** Mean cross-entropy and argmax accuracy of a full-batch eval forward (BRIEF numeric conventions). */
export function lossAndAccuracy(
  logits: Float32Array,
  labels: Int32Array,
  rows: number,
): { loss: number; accuracy: number } {
  const r = crossEntropy(logits, labels, rows, 3)
  return { loss: r.loss, accuracy: r.correct / rows }
}

/** The multi-symbol training loop of the old ModelTrainer. */
export class ModelTrainer {
  constructor(private readonly options: ModelTrainerOptions) {}

  private checkCancelled(): void {
    raiseIfCancelled(this.options.cancellationToken, 'Training cancelled by user request')
  }

  /** Calls the progress callback inside the old try/except: any exception (cancellation included) is swallowed. */
  private notify(
    epoch: number,
    totalEpochs: number,
    metrics: BatchProgressMetrics | EpochProgressMetrics,
    what: string,
  ) {
    const callback = this.options.progressCallback
    if (!callback) return
    try {
      this.checkCancelled()
      callback(epoch, totalEpochs, metrics)
    } catch (error) {
      this.options.warn(`Warning: Multi-symbol ${what} progress callback failed: ${(error as Error).message}`)
    }
  }

  /**
   * Trains `initialParams` of `spec` on `train`, validating on `validation` each epoch.
   * @param numSymbols - S: one symbol → shuffled DataLoader, two or more → balanced sampler.
   */
  trainMultiSymbol(
    spec: MlpSpec,
    initialParams: readonly ParamTensor[],
    train: LabelledRows,
    validation: LabelledRows,
    numSymbols: number,
    rng: SeededRng,
  ): TrainingOutcome {
    const { settings, runtime, clock } = this.options
    const epochs = settings.epochs
    const loader = createTrainLoader(train.symbolIndices, numSymbols, settings.batchSize)
    let model = runtime.createModel(spec, copyParams(initialParams), settings.optimizer)
    const scheduler = settings.lrScheduler ? createLrScheduler(settings.lrScheduler) : null
    const earlyStopping = settings.earlyStopping ? new LegacyEarlyStopping(settings.earlyStopping) : null
    let learningRate = settings.learningRate
    let stoppedEpoch: number | null = null
    const totalBatchesPerEpoch = loader.batchesPerEpoch
    const totalBatches = epochs * totalBatchesPerEpoch
    const history: Array<EpochRecord & { duration: number }> = []
    let bestValAccuracy = 0

    for (let epoch = 0; epoch < epochs; epoch++) {
      this.checkCancelled()
      const start = clock().getTime()
      let trainLoss = 0
      let trainCorrect = 0
      let trainTotal = 0
      let batchIdx = 0
      for (const picks of loader.epoch(rng)) {
        this.checkCancelled()
        const batch = gatherRows(train, picks)
        const step = model.trainStep(
          { x: batch.features, y: batch.labels, symbols: batch.symbolIndices, rows: batch.rows },
          rng,
        )
        if (epoch === 0 && batchIdx === 0 && Number.isNaN(step.loss)) {
          model.dispose()
          model = runtime.createModel(spec, copyParams(initialParams), settings.optimizer)
          return {
            summary: { error: 'NaN loss detected in multi-symbol training' },
            history: [],
            stoppedEpoch: null,
            model,
          }
        }
        trainLoss += step.loss * batch.rows
        trainTotal += batch.rows
        trainCorrect += step.correct
        if (batchIdx % settings.progressUpdateFrequency === 0) {
          this.notify(
            epoch,
            epochs,
            {
              epoch,
              total_epochs: epochs,
              batch: batchIdx,
              total_batches_per_epoch: totalBatchesPerEpoch,
              completed_batches: epoch * totalBatchesPerEpoch + batchIdx,
              total_batches: totalBatches,
              train_loss: trainLoss / Math.max(trainTotal, 1),
              train_accuracy: trainCorrect / Math.max(trainTotal, 1),
              progress_type: 'batch',
              multi_symbol: true,
            },
            'batch',
          )
        }
        batchIdx++
      }
      if (trainTotal === 0) {
        throw new Error(
          `ZeroDivisionError: float division by zero (no training batch in epoch ${epoch}: ` +
            `${train.rows} training rows, batch size ${settings.batchSize}, ${numSymbols} symbols)`,
        )
      }
      const avgTrainLoss = trainLoss / trainTotal
      const trainAccuracy = trainCorrect / trainTotal

      let valLoss: number | null = null
      let valAccuracy: number | null = null
      if (validation.rows > 0) {
        const logits = model.predictLogits(validation.features, validation.rows, validation.symbolIndices)
        const scored = lossAndAccuracy(logits, validation.labels, validation.rows)
        valLoss = scored.loss
        valAccuracy = scored.accuracy
        // "Save best model": a shallow state_dict copy aliasing the live tensors, so the final
        // `load_state_dict(best)` restores the last epoch (Q-BEST-RESTORE-NOOP). Only the accuracy is kept.
        if (valAccuracy > bestValAccuracy) bestValAccuracy = valAccuracy
      }
      const duration = (clock().getTime() - start) / 1000
      history.push({
        epoch,
        train_loss: avgTrainLoss,
        train_accuracy: trainAccuracy,
        val_loss: valLoss,
        val_accuracy: valAccuracy,
        learning_rate: learningRate,
        duration,
      })
      if (scheduler) {
        learningRate = scheduler.step(learningRate, valLoss !== null ? valLoss : avgTrainLoss)
        model.setLearningRate(learningRate)
      }
      if (earlyStopping?.check({ val_loss: valLoss, val_accuracy: valAccuracy })) {
        this.options.warn(`Early stopping triggered at epoch ${epoch}`)
        stoppedEpoch = epoch
        break
      }
      this.notify(
        epoch,
        epochs,
        {
          epoch,
          total_epochs: epochs,
          train_loss: avgTrainLoss,
          train_accuracy: trainAccuracy,
          val_loss: valLoss,
          val_accuracy: valAccuracy,
          progress_type: 'epoch',
          multi_symbol: true,
        },
        'epoch',
      )
    }
    const records = history.map(({ duration: _duration, ...record }) => record)
    return { summary: trainingSummary(history, bestValAccuracy), history: records, stoppedEpoch, model }
  }
}

/** Fresh copies of parameter tensors, so no runtime can alias (and train) the caller's initial weights. */
function copyParams(params: readonly ParamTensor[]): ParamTensor[] {
  return params.map((p) => ({ name: p.name, shape: [...p.shape], values: p.values.slice() }))
}

/** `_create_training_summary()` (§6.2); validation keys only when validation ran. */
function trainingSummary(
  history: ReadonlyArray<EpochRecord & { duration: number }>,
  bestValAccuracy: number,
): TrainingSummary {
  if (history.length === 0) return { error: 'No training history available' }
  const trainLosses = history.map((h) => h.train_loss)
  const trainAccuracies = history.map((h) => h.train_accuracy)
  const valLosses = history.flatMap((h) => (h.val_loss === null ? [] : [h.val_loss]))
  const valAccuracies = history.flatMap((h) => (h.val_accuracy === null ? [] : [h.val_accuracy]))
  const base = {
    epochs_trained: history.length,
    final_train_loss: trainLosses[trainLosses.length - 1]!,
    final_train_accuracy: trainAccuracies[trainAccuracies.length - 1]!,
    best_train_accuracy: Math.max(...trainAccuracies),
    training_time: history.reduce((s, h) => s + h.duration, 0),
  }
  if (valLosses.length === 0) return { ...base, history: { train_loss: trainLosses, train_accuracy: trainAccuracies } }
  return {
    ...base,
    history: {
      train_loss: trainLosses,
      train_accuracy: trainAccuracies,
      val_loss: valLosses,
      val_accuracy: valAccuracies,
    },
    final_val_loss: valLosses[valLosses.length - 1]!,
    final_val_accuracy: valAccuracies[valAccuracies.length - 1]!,
    best_val_accuracy: bestValAccuracy,
  }
}
