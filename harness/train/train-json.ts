/**
 * The machine output of one training run (`ktrdr-train train --json`, `runTrain`): path, device, seed, model
 * path and reference, weights digest, test metrics, per-epoch history, early stopping, feature importance and
 * timings, in the same shape for every path, plus the one-line epoch summary the command prints while it trains.
 */
import type { TrainJson as HostTrainJson, TrainingHistory } from '../../reference/host-service/client/train-via-host.ts'
import type { EpochRecord, TestMetrics } from '../../reference/runtime/probes.ts'
import type { ModelRef } from '../../reference/storage/model-storage.ts'
import type { TrainPath } from './run-train.ts'

/** One epoch of `training_history`; the old host reports no learning rate. @public */
export type HistoryRecord = Omit<EpochRecord, 'learning_rate'> & { readonly learning_rate?: number }

/** The machine output of one training run. @public */
export interface TrainJson {
  readonly path: TrainPath
  readonly device: string
  readonly seed: number
  readonly model_path: string | null
  /**
   * The saved version in the refactored store (local_new, host_new): load it with `ModelStorage.load`. null on the
   * paths whose store returns no reference (local_old, host_old, ktrdr_py) or when nothing was saved.
   */
  readonly model: ModelRef | null
  readonly weights_sha256: string | null
  readonly metrics: TestMetrics
  readonly training_history: readonly HistoryRecord[]
  /**
   * Whether `model.training.early_stopping` ended training: always false on the old host (which ignores it), null
   * on ktrdr_py (KTRDR's result does not say).
   */
  readonly stopped_early: boolean | null
  /** The 0-based epoch at which early stopping triggered (the history's last); null when it did not. */
  readonly stopped_epoch: number | null
  readonly feature_importance: Readonly<Record<string, number>> | null
  /** Milliseconds per stage (local paths) or per client step (host paths), plus a total. */
  readonly timings: Readonly<Record<string, number>>
  readonly per_symbol_metrics?: unknown
  readonly warnings?: readonly string[]
  /** Host paths: the states, percentages and endpoints the client saw. */
  readonly protocol?: HostTrainJson['protocol']
}

/** The figures of one epoch the progress line shows. */
export type EpochFigures = Pick<EpochRecord, 'epoch' | 'train_loss' | 'train_accuracy' | 'val_loss' | 'val_accuracy'>

/** `epoch 3/10 train_loss=… train_acc=… [val_loss=… val_acc=…]` (epoch 0-based in, 1-based out). */
export function epochLine(e: EpochFigures, total: number): string {
  const val =
    e.val_loss === null ? '' : ` val_loss=${e.val_loss.toFixed(4)} val_acc=${(e.val_accuracy ?? 0).toFixed(4)}`
  return `epoch ${e.epoch + 1}/${total} train_loss=${e.train_loss.toFixed(4)} train_acc=${e.train_accuracy.toFixed(4)}${val}`
}

/** A host's per-epoch history lists as one record per epoch (with the learning rate when the host reports it). */
export function historyRecords(history: TrainingHistory): HistoryRecord[] {
  return history.train_loss.map((trainLoss, epoch) => {
    const rate = history.learning_rate?.[epoch]
    return {
      epoch,
      train_loss: trainLoss,
      train_accuracy: history.train_accuracy[epoch] ?? Number.NaN,
      val_loss: history.val_loss?.[epoch] ?? null,
      val_accuracy: history.val_accuracy?.[epoch] ?? null,
      ...(rate === undefined ? {} : { learning_rate: rate }),
    }
  })
}
