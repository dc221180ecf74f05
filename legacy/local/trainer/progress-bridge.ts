/**
 * The old `TrainingProgressBridge` (docs/legacy-behaviour.md §9.1), local half: translates the trainer's phase / batch /
 * epoch / completion events into progress updates — batch updates throttled, percentages from items (batches)
 * processed, the `Epoch e/E · Batch b/bpe` messages — and raises `CancellationError` from every method but
 * `onCancellation` once the token is set. (`on_remote_snapshot` belongs to the host path and is not ported.)
 */
import { CancellationError, type LegacyCancellationToken } from './cancellation.ts'
import { dictGet, isDict } from './config-dict.ts'
import type { LegacyTrainingContext } from './training-context.ts'

/** One emitted update: the old `update_progress_callback` payload, with the context kept apart. */
export interface LegacyProgressUpdate {
  /** Epoch-ish coarse step, 0…total_epochs. */
  readonly step: number
  readonly message: string
  readonly items_processed: number
  /** The manager's `total_items` (total batches) when known. */
  readonly total_items: number | null
  readonly percentage: number
  /** `phase` | `batch` | `epoch` | `completed`. */
  readonly phase: string
  /** `{phase, …}` as emitted (phase_name, epoch_index, batch_number, batch_metrics, …). */
  readonly context: Readonly<Record<string, unknown>>
}

/** Trainer metrics as the bridge reads them (`metrics.get(...)`). */
export type BridgeMetrics = Readonly<Record<string, unknown>>

const U00B7 = '\u00b7'

function num(metrics: BridgeMetrics, key: string): number | null {
  const v = dictGet(metrics as Record<string, unknown>, key, null)
  return typeof v === 'number' ? v : null
}

/** Python `str.title()` (after `_` → space), for default phase messages. */
function titleCase(text: string): string {
  return text.replace(/[A-Za-z]+/g, (w) => w[0]!.toUpperCase() + w.slice(1).toLowerCase())
}

/** Constructor arguments of {@link TrainingProgressBridge}. */
export interface ProgressBridgeOptions {
  readonly context: LegacyTrainingContext
  readonly onUpdate: (update: LegacyProgressUpdate) => void
  readonly cancellationToken: LegacyCancellationToken | null
  /** Overrides `model.training.progress.batch_stride`. @default 10 */
  readonly batchUpdateStride?: number | null
}

/** Progress translation of the old local path. */
export class TrainingProgressBridge {
  private totalEpochs: number
  private totalBatches: number | null
  private readonly batchStride: number
  private lastEpochStep = 0
  private lastPercentage = 0
  private lastItemsProcessed = 0
  private lastEmittedGlobalBatch: number | null = null

  constructor(private readonly options: ProgressBridgeOptions) {
    const { context } = options
    this.totalEpochs = Math.max(context.total_epochs, 1)
    this.totalBatches = context.total_batches
    const progress = dictGet(context.training_config, 'progress', {})
    const configured = options.batchUpdateStride || (isDict(progress) ? dictGet(progress, 'batch_stride', null) : null)
    const stride = typeof configured === 'number' && Number.isFinite(configured) ? Math.trunc(configured) : 10
    this.batchStride = Math.max(stride, 1)
  }

  private checkCancelled(): void {
    if (this.options.cancellationToken?.isCancelled()) throw new CancellationError('Training operation cancelled')
  }

  /** A coarse update for a phase; keeps the last percentage and items. */
  onPhase(phaseName: string, message: string | null = null): void {
    this.checkCancelled()
    const context: Record<string, unknown> = { phase_name: phaseName }
    if (this.options.context.session_id) context.host_session_id = this.options.context.session_id
    this.emit(
      this.lastEpochStep,
      this.lastPercentage,
      message || titleCase(phaseName.replace(/_/g, ' ')),
      this.lastItemsProcessed,
      'phase',
      context,
    )
  }

  /** A cancellation update, emitted even when the token is set. */
  onCancellation(message: string | null = null, extra: Record<string, unknown> | null = null): void {
    const context: Record<string, unknown> = { phase_name: 'cancelled', ...(extra ?? {}) }
    if (this.options.context.session_id && !('host_session_id' in context)) {
      context.host_session_id = this.options.context.session_id
    }
    this.emit(
      this.lastEpochStep,
      this.lastPercentage,
      message || 'Training cancelled',
      this.lastItemsProcessed,
      'phase',
      context,
    )
  }

  /** Progress of a finished epoch (0-based `epoch`). */
  onEpoch(epoch: number, totalEpochs: number | null = null, metrics: BridgeMetrics = {}): void {
    this.checkCancelled()
    const epochIndex = Math.max(1, epoch + 1)
    if (totalEpochs !== null) this.totalEpochs = Math.max(totalEpochs, this.totalEpochs)
    this.totalBatches = num(metrics, 'total_batches') || this.totalBatches || this.deriveTotalBatches(metrics)
    let completed = num(metrics, 'completed_batches')
    if (completed === null) {
      const perEpoch = num(metrics, 'total_batches_per_epoch')
      if (perEpoch !== null) completed = epochIndex * perEpoch
    }
    const items = this.clampItems(completed)
    this.emit(
      epochIndex,
      this.derivePercentage(items, epochIndex),
      `Epoch ${epochIndex}/${this.totalEpochs}`,
      items,
      'epoch',
      {
        epoch_index: epochIndex,
        total_epochs: this.totalEpochs,
        epoch_metrics: metrics,
      },
    )
  }

  /** Throttled progress of a batch (0-based `epoch` and `batch`). */
  onBatch(epoch: number, batch: number, totalBatches: number | null = null, metrics: BridgeMetrics = {}): void {
    this.checkCancelled()
    const epochIndex = Math.max(1, epoch + 1)
    const batchNumber = Math.max(1, batch + 1)
    const perEpoch = totalBatches || num(metrics, 'total_batches_per_epoch')
    const overall = num(metrics, 'total_batches') || this.totalBatches || this.deriveTotalBatches(metrics)
    this.totalBatches = overall
    let completed = num(metrics, 'completed_batches')
    if (completed === null) {
      completed = perEpoch !== null ? (epochIndex - 1) * perEpoch + (batchNumber - 1) : batchNumber - 1
    }
    const items = this.clampItems(completed + 1)
    if (!this.shouldEmitBatch(items, batchNumber, perEpoch, overall)) return
    const totalDisplay = perEpoch || '?'
    const displayBatchIndex = perEpoch && perEpoch > 1 && batchNumber === perEpoch - 1 ? batchNumber : batch
    this.emit(
      this.estimateStep(items),
      this.derivePercentage(items, epochIndex),
      `Epoch ${epochIndex}/${this.totalEpochs} ${U00B7} Batch ${batchNumber}/${totalDisplay}`,
      items,
      'batch',
      {
        epoch_index: epochIndex,
        total_epochs: this.totalEpochs,
        batch_index: displayBatchIndex,
        batch_number: batchNumber,
        batch_total_per_epoch: perEpoch,
        current_item: `Epoch ${epochIndex} ${U00B7} Batch ${batchNumber}/${totalDisplay}`,
        batch_metrics: metrics,
      },
    )
  }

  /** The terminal 100 % update. */
  onComplete(message = 'Training complete'): void {
    this.checkCancelled()
    const items = this.totalBatches !== null ? this.totalBatches : Math.max(this.lastItemsProcessed, this.totalEpochs)
    this.emit(this.totalEpochs, 100, message, items, 'completed', {})
  }

  private deriveTotalBatches(metrics: BridgeMetrics): number | null {
    const perEpoch = num(metrics, 'total_batches_per_epoch')
    return perEpoch !== null ? perEpoch * this.totalEpochs : null
  }

  private clampItems(value: number | null): number {
    if (value === null) return this.lastItemsProcessed
    if (this.totalBatches !== null) return Math.max(0, Math.min(value, this.totalBatches))
    return Math.max(0, value)
  }

  private estimateStep(items: number): number {
    if (this.totalBatches) {
      const ratio = items / Math.max(this.totalBatches, 1)
      return Math.min(this.totalEpochs, Math.floor(ratio * this.totalEpochs))
    }
    return this.lastEpochStep
  }

  private derivePercentage(items: number, epochIndex: number): number {
    const percentage = this.totalBatches
      ? (items / Math.max(1, this.totalBatches)) * 100
      : (epochIndex / Math.max(1, this.totalEpochs)) * 100
    return Math.max(0, Math.min(percentage, 100))
  }

  /** Emit on the first batch update ever, batch 1, bpe − 1, bpe, the last overall batch, or every stride. */
  private shouldEmitBatch(
    items: number,
    batchNumber: number,
    perEpoch: number | null,
    overall: number | null,
  ): boolean {
    const emit =
      this.lastEmittedGlobalBatch === null ||
      batchNumber === 1 ||
      (!!perEpoch && perEpoch > 1 && batchNumber === perEpoch - 1) ||
      (!!perEpoch && batchNumber === perEpoch) ||
      (!!overall && items >= overall) ||
      batchNumber % this.batchStride === 0
    if (emit) this.lastEmittedGlobalBatch = items
    return emit
  }

  private emit(
    step: number,
    percentage: number,
    message: string,
    items: number,
    phase: string,
    context: Record<string, unknown>,
  ): void {
    this.lastEpochStep = Math.max(0, Math.min(step, this.totalEpochs))
    this.lastPercentage = Math.max(0, Math.min(percentage, 100))
    this.lastItemsProcessed = Math.max(0, items)
    this.options.onUpdate({
      step: this.lastEpochStep,
      message,
      items_processed: this.lastItemsProcessed,
      total_items: this.totalBatches,
      percentage: this.lastPercentage,
      phase,
      context: { phase, ...context },
    })
  }
}
