/**
 * `ProgressBridge`: turns pipeline phases and the trainer's batch / epoch metrics into one stream of progress
 * updates with a monotonic percentage, following the old `TrainingProgressBridge` (docs/legacy-behaviour.md §9.1):
 * batch updates throttled by a stride (first update, batch 1, the last two batches of an epoch, every
 * `stride`-th batch, the final batch), percentage = items / total batches, phases keep the last percentage,
 * completion is 100 %. Unlike the old bridge it never raises on a cancelled token, so `cancelled` is always emitted.
 */
import type { BatchProgress, EpochProgress } from '../model/train-loop.ts'
import type { PipelinePhase } from '../pipeline/types.ts'
import type { StrategyConfig } from '../strategy/types.ts'

/** Every phase an update can carry, in order of a run. @public */
export type ProgressPhase = 'initializing' | PipelinePhase | 'completed' | 'cancelled' | 'failed'

/** One progress update. @public */
export interface ProgressUpdate {
  readonly phase: ProgressPhase
  /** What produced it: a phase change, a (throttled) batch, an epoch end, or the end of the run. */
  readonly kind: 'phase' | 'batch' | 'epoch' | 'terminal'
  /** 0–100, never decreasing within a run. */
  readonly percentage: number
  readonly message: string
  /** Batches done (the old `items_processed`). */
  readonly itemsProcessed: number
  /** Total batches of the run, once known. */
  readonly itemsTotal: number | null
  /** 1-based epoch of a batch / epoch update. */
  readonly epoch: number | null
  readonly totalEpochs: number | null
  /** 1-based batch of a batch update. */
  readonly batch: number | null
  readonly batchesPerEpoch: number | null
  readonly metrics: BatchProgress | EpochProgress | null
}

/** Bridge options. */
export interface ProgressBridgeOptions {
  /** Receives every emitted update. */
  readonly onUpdate: (update: ProgressUpdate) => void
  /** Epochs of the run, when known up front (else set by `setPlan` or the first metrics). */
  readonly totalEpochs?: number | null
  /** `model.training.progress.batch_stride`. @default 10 */
  readonly batchStride?: number
}

/** The old bridge's default batch stride (§9.1). */
export const DEFAULT_BATCH_STRIDE = 10

/**
 * The strategy's `model.training.progress.batch_stride` (validated by the loader as an integer ≥ 1), or the old
 * default 10 when absent.
 */
export function batchStrideOf(strategy: StrategyConfig): number {
  return strategy.model.training.progressBatchStride ?? DEFAULT_BATCH_STRIDE
}

/**
 * Progress state of one run.
 */
export class ProgressBridge {
  private readonly onUpdate: (update: ProgressUpdate) => void
  private totalEpochs: number | null
  private batchStride: number
  private totalBatches: number | null = null
  private batchesPerEpoch: number | null = null
  private percentage = 0
  private items = 0
  private emittedBatch = false
  private finished = false

  constructor(options: ProgressBridgeOptions) {
    this.onUpdate = options.onUpdate
    this.totalEpochs = options.totalEpochs ?? null
    this.batchStride = Math.max(1, options.batchStride ?? DEFAULT_BATCH_STRIDE)
  }

  /** Sets the run's epochs and stride once the strategy is known. */
  setPlan(plan: { totalEpochs: number; batchStride?: number }): void {
    this.totalEpochs = plan.totalEpochs
    if (plan.batchStride !== undefined) this.batchStride = Math.max(1, plan.batchStride)
  }

  /** A phase change; keeps the last percentage. */
  onPhase(phase: Exclude<ProgressPhase, 'completed' | 'cancelled' | 'failed'>, message: string): void {
    this.emit(phase, 'phase', message, null, null, null)
  }

  /** A batch end (throttled). */
  onBatch(progress: BatchProgress): void {
    this.learn(progress.total_epochs, progress.total_batches_per_epoch)
    if (progress.total_batches > 0) this.totalBatches = progress.total_batches
    const epoch = progress.epoch + 1
    const batch = progress.batch + 1
    const bpe = progress.total_batches_per_epoch
    const items = Math.min(Math.max(progress.completed_batches + 1, 0), this.totalBatches ?? Infinity)
    const emit =
      !this.emittedBatch ||
      batch === 1 ||
      batch === bpe - 1 ||
      batch === bpe ||
      (this.totalBatches !== null && items >= this.totalBatches) ||
      batch % this.batchStride === 0
    if (!emit) return
    this.emittedBatch = true
    this.items = items
    this.emit(
      'training',
      'batch',
      `Epoch ${epoch}/${progress.total_epochs} · Batch ${batch}/${bpe}`,
      progress,
      epoch,
      batch,
    )
  }

  /** An epoch end. */
  onEpoch(progress: EpochProgress): void {
    this.learn(progress.total_epochs, null)
    const epoch = progress.epoch + 1
    if (this.batchesPerEpoch !== null) this.items = epoch * this.batchesPerEpoch
    this.emit('training', 'epoch', `Epoch ${epoch}/${progress.total_epochs}`, progress, epoch, null)
  }

  /** The run completed: 100 %. */
  onComplete(message = 'Training complete'): void {
    this.items = this.totalBatches ?? Math.max(this.items, this.totalEpochs ?? 0)
    this.percentage = 100
    this.terminal('completed', message)
  }

  /** The run was cancelled (emitted — the old runner swallowed this phase). */
  onCancelled(message = 'Training cancelled'): void {
    this.terminal('cancelled', message)
  }

  /** The run failed. */
  onFailed(message: string): void {
    this.terminal('failed', message)
  }

  private learn(totalEpochs: number, batchesPerEpoch: number | null): void {
    this.totalEpochs ??= totalEpochs
    if (batchesPerEpoch !== null) this.batchesPerEpoch = batchesPerEpoch
  }

  private terminal(phase: 'completed' | 'cancelled' | 'failed', message: string): void {
    if (this.finished) return
    this.finished = true
    this.emit(phase, 'terminal', message, null, null, null)
  }

  private emit(
    phase: ProgressPhase,
    kind: ProgressUpdate['kind'],
    message: string,
    metrics: BatchProgress | EpochProgress | null,
    epoch: number | null,
    batch: number | null,
  ): void {
    if (kind === 'batch' || kind === 'epoch') {
      const raw =
        this.totalBatches !== null && this.totalBatches > 0
          ? (this.items / this.totalBatches) * 100
          : ((epoch ?? 0) / Math.max(this.totalEpochs ?? 1, 1)) * 100
      this.percentage = Math.max(this.percentage, Math.min(100, Math.max(0, raw)))
    }
    this.onUpdate({
      phase,
      kind,
      percentage: this.percentage,
      message,
      itemsProcessed: this.items,
      itemsTotal: this.totalBatches,
      epoch,
      totalEpochs: this.totalEpochs,
      batch,
      batchesPerEpoch: this.batchesPerEpoch,
      metrics,
    })
  }
}
