/**
 * `TrainingSession` of the old host, frozen (docs/legacy-behaviour.md §9.2, §13): its state, the monotonic progress
 * bookkeeping of `update_progress` and the dict `get_progress_dict` returns, quirks included — `batch` is the
 * largest batch index ever seen (never reset per epoch), the message caps the cumulative count at the per-epoch
 * total, and every metric value (the device string too) is appended to a history list.
 */
import { pythonTypeName } from './python-compat.ts'

/** Every status the old session can hold; clients only ever see running, completed, stopped and failed. */
export type LegacySessionStatus =
  | 'initializing'
  | 'initialized'
  | 'running'
  | 'completed'
  | 'cancelled'
  | 'stopped'
  | 'failed'

/** A metric value as the training loop reports it (numbers, and the device name). */
export type MetricValue = number | string

/** The request remapped as the old endpoint did: `{model_config, training_config, data_config, gpu_config}`. */
export interface LegacySessionConfig {
  readonly model_config: Record<string, unknown>
  readonly training_config: Record<string, unknown>
  readonly data_config: Record<string, unknown>
  readonly gpu_config: Record<string, unknown>
}

/** The `progress` object of `/training/status` and `/training/sessions` (§9.2). */
export interface LegacyProgressDict {
  epoch: number
  total_epochs: unknown
  batch: number
  total_batches: number
  progress_percent: number
  items_processed: number
  items_total: number | null
  message: string
  current_item: string
}

/** One old-host training session. Times are epoch milliseconds from the injected wall clock. */
export class LegacyTrainingSession {
  status: LegacySessionStatus = 'initializing'
  readonly startTime: number
  lastUpdated: number
  currentEpoch = 0
  currentBatch = 0
  /** `training_config.get("epochs", 100)`: any JSON value the client sent. */
  readonly totalEpochs: unknown
  totalBatches = 0
  itemsProcessed = 0
  message = 'Initializing'
  currentItem = ''
  readonly metrics: Record<string, MetricValue[]> = {}
  readonly bestMetrics: Record<string, MetricValue> = {}
  stopRequested = false
  error: string | null = null
  /** The training task; settles when the run has ended (any way). */
  task: Promise<void> | null = null
  taskDone = false
  /** Set when `/training/stop` gave up waiting (the asyncio `task.cancel()`): the loop aborts at its next await. */
  taskCancelled = false

  constructor(
    readonly sessionId: string,
    readonly config: LegacySessionConfig,
    private readonly wallClock: () => number,
  ) {
    this.startTime = wallClock()
    this.lastUpdated = this.startTime
    this.totalEpochs = 'epochs' in config.training_config ? config.training_config.epochs : 100
  }

  /** `update_progress(epoch, batch, metrics)` of the old session, line for line (§9.2). */
  updateProgress(epoch: number, batch: number, metrics: Record<string, MetricValue>): void {
    const isEpochSummary = Object.keys(metrics).some((key) => key.startsWith('epoch_'))
    const epochIndex = Math.max(isEpochSummary ? epoch : epoch + 1, 1)
    this.currentEpoch = Math.max(this.currentEpoch, epochIndex)
    this.currentBatch = Math.max(this.currentBatch, batch)
    this.lastUpdated = this.wallClock()

    const candidate = truthy(metrics.total_batches) ? metrics.total_batches : metrics.total_batches_per_epoch
    if (typeof candidate === 'number' && Math.trunc(candidate) > 0) {
      this.totalBatches = Math.max(this.totalBatches, Math.trunc(candidate))
    }
    if (this.currentBatch && this.currentBatch > this.totalBatches) this.totalBatches = this.currentBatch

    const completed =
      typeof metrics.completed_batches === 'number' ? Math.trunc(metrics.completed_batches) : this.currentBatch
    if (this.totalBatches && this.currentEpoch > 0) {
      const cumulative = (this.currentEpoch - 1) * this.totalBatches + completed
      this.itemsProcessed = Math.max(this.itemsProcessed, cumulative)
    } else {
      this.itemsProcessed = Math.max(this.itemsProcessed, completed)
    }

    const parts: string[] = []
    if (truthy(this.totalEpochs)) {
      parts.push(`Epoch ${Math.min(this.currentEpoch, this.epochsAsNumber())}/${pythonStr(this.totalEpochs)}`)
    } else {
      parts.push(`Epoch ${this.currentEpoch}`)
    }
    if (this.totalBatches) {
      parts.push(`Batch ${Math.min(this.itemsProcessed, this.totalBatches)}/${this.totalBatches}`)
    }
    this.message = parts.join(' \u00b7 ')
    this.currentItem = parts[parts.length - 1]!

    for (const [key, value] of Object.entries(metrics)) {
      ;(this.metrics[key] ??= []).push(value)
      const best = this.bestMetrics[key]
      const better = key.toLowerCase().includes('loss')
        ? best === undefined || value < best
        : best === undefined || value > best
      if (better) this.bestMetrics[key] = value
    }
  }

  /** `get_progress_dict()` (§9.2): percentages from items when a batch total is known, else from epochs. */
  getProgressDict(): LegacyProgressDict {
    const epochs = this.epochsAsNumber()
    const itemsTotal = this.totalBatches && truthy(this.totalEpochs) ? this.totalBatches * epochs : null
    let percent: number
    if (itemsTotal) percent = itemsTotal > 0 ? (this.itemsProcessed / itemsTotal) * 100 : 0
    else percent = epochs > 0 ? (this.currentEpoch / epochs) * 100 : 0
    percent = Math.max(0, Math.min(percent, 100))
    return {
      epoch: this.currentEpoch,
      total_epochs: this.totalEpochs,
      batch: this.currentBatch,
      total_batches: this.totalBatches,
      progress_percent: percent,
      items_processed: this.itemsProcessed,
      items_total: itemsTotal,
      message: this.message,
      current_item: this.currentItem || this.message,
    }
  }

  /**
   * `total_epochs` in arithmetic: numbers and booleans as Python uses them; any other JSON value raises the
   * `TypeError` Python's comparison would (the endpoints turn it into a 500).
   */
  private epochsAsNumber(): number {
    if (typeof this.totalEpochs === 'number') return this.totalEpochs
    if (typeof this.totalEpochs === 'boolean') return this.totalEpochs ? 1 : 0
    throw new TypeError(`'>' not supported between instances of '${pythonTypeName(this.totalEpochs)}' and 'int'`)
  }
}

/** Python truthiness of a JSON value. */
function truthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '') return false
  if (Array.isArray(value)) return value.length > 0
  if (typeof value === 'object') return Object.keys(value).length > 0
  return true
}

/** `str(value)` for the numbers and booleans an epoch count can be. */
function pythonStr(value: unknown): string {
  if (typeof value === 'boolean') return value ? 'True' : 'False'
  return String(value)
}
