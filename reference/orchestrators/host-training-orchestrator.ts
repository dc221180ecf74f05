/**
 * `HostTrainingOrchestrator`: one training session inside the host service (docs/architecture.md §5 "Host";
 * docs/legacy-behaviour.md §9.2 for the session contract, §11.2 for the refactor it replaces). It owns the session's
 * status transitions (initializing → running → completed | stopped | failed), feeds the old progress dict from the
 * pipeline hooks, turns the stop flag and the per-session time limit into the pipeline's cancellation check, and
 * keeps the result. The run happens on the host's event loop: the batch hook resolves on `setImmediate`, so
 * `/training/status` and `/training/stop` are served between batches.
 *
 * Intended differences from the 4d43ca11 host orchestrator: a stopped run ends as `stopped` (not `failed`),
 * the run is not moved to a thread pool, and the progress dict keeps the old field meanings (§9.2).
 */
import { writeFileAtomic } from '../data/atomic-write.ts'
import type { MarketDataSource } from '../data/types.ts'
import { join } from 'node:path'
import { TrainingCancelledError } from '../pipeline/errors.ts'
import { assemblePipelineRequest, type AssembledPipelineRequest } from '../pipeline/request.ts'
import { runTrainingPipeline } from '../pipeline/run.ts'
import type { PipelinePhase, PipelineRequest, PipelineResult } from '../pipeline/types.ts'
import type { BatchProgress, EpochProgress } from '../model/train-loop.ts'
import type { DeviceInfo, DeviceSelection } from '../runtime/device-manager.ts'
import type { TrainingProbes } from '../runtime/probes.ts'
import { stringifyWithTypedArrays } from '../runtime/typed-json.ts'
import type { ModelStorage } from '../storage/model-storage.ts'

/** Session states; `cancelled` of the old host never appears (a stop ends as `stopped`). @public */
export type HostSessionStatus = 'initializing' | 'running' | 'completed' | 'stopped' | 'failed'

/** What one session trains: the pipeline request's run fields (null dates → the pipeline's defaults). @public */
export interface HostTrainingJob
  extends Pick<PipelineRequest, 'strategy' | 'symbols' | 'timeframes' | 'startDate' | 'endDate' | 'seed'> {
  readonly sessionId: string
  /** Overrides `model.training.epochs`; null keeps the strategy's. */
  readonly epochs: number | null
}

/** The host-wide services a session uses. @public */
export interface HostSessionServices {
  readonly dataSource: MarketDataSource
  /** The shared model store; a completed session's model is saved there. */
  readonly storage: ModelStorage
  /** The host's device (chosen once, by the DeviceManager, at start-up); every session trains on its runtime. */
  readonly device: DeviceSelection
  /** A run still going after this long is cancelled and ends `failed`. @default 3_600_000 (1 h) */
  readonly timeLimitMs: number
  /** When set, a completed session's stage probes go to `<probesDir>/<session_id>.json`. */
  readonly probesDir: string | null
  /** @default () => new Date() */
  readonly clock?: () => Date
  readonly log?: (line: string) => void
}

/**
 * The host's device in its JSON answers (`device_info` of `/health`, every status and every result): which device
 * trains, what was asked for and why this one was chosen, and the devices skipped on the way.
 *
 * @public
 */
export interface HostDeviceInfo {
  readonly device: DeviceInfo['device']
  readonly requested: DeviceInfo['requested']
  readonly reason: string
  readonly backend: string
  readonly versions: DeviceInfo['versions']
  readonly gpu: DeviceInfo['gpu'] | null
  readonly fallbacks_tried: DeviceInfo['fallbacksTried']
}

/** {@link HostDeviceInfo} of a DeviceManager selection. */
export function hostDeviceInfo(info: DeviceInfo): HostDeviceInfo {
  return {
    device: info.device,
    requested: info.requested,
    reason: info.reason,
    backend: info.backend,
    versions: info.versions,
    gpu: info.gpu ?? null,
    fallbacks_tried: info.fallbacksTried,
  }
}

/** The old `progress` object (§9.2), plus the current pipeline `phase`. */
export interface HostProgressDict {
  readonly epoch: number
  readonly total_epochs: number
  /** 1-based batch within the current epoch. */
  readonly batch: number
  /** Batches per epoch. */
  readonly total_batches: number
  readonly progress_percent: number
  /** Batches done over the whole run. */
  readonly items_processed: number
  /** Batches of the whole run (epochs × batches per epoch); null before training starts. */
  readonly items_total: number | null
  readonly message: string
  readonly current_item: string
  readonly phase: PipelinePhase | 'initializing' | 'completed' | 'stopped' | 'failed'
}

/** `GET /training/status/{id}`: the old response fields. @public */
export interface HostStatusSnapshot {
  readonly session_id: string
  readonly status: HostSessionStatus
  readonly progress: HostProgressDict
  /** Per-epoch history lists (`train_loss`, `train_accuracy`, `val_loss`, `val_accuracy`). */
  readonly metrics: Readonly<Record<string, ReadonlyArray<number | null>>>
  /** `gpu_allocated` is true when the host trains on `cuda`. */
  readonly gpu_usage: { readonly gpu_allocated: boolean; readonly device: string }
  /** The host's device and why it was chosen (an addition to the old fields). */
  readonly device_info: HostDeviceInfo
  readonly start_time: string
  readonly last_updated: string
  readonly error: string | null
}

/** `GET /training/result/{id}` of a completed session. @public */
export interface HostResultPayload {
  readonly session_id: string
  readonly status: 'completed'
  readonly training_metrics: PipelineResult['training_metrics']
  readonly test_metrics: PipelineResult['test_metrics']
  readonly feature_importance: PipelineResult['feature_importance']
  readonly per_symbol_metrics: PipelineResult['per_symbol_metrics']
  /** `model`: the saved version's reference (an addition: load it with `ModelStorage.load`). */
  readonly artifacts: {
    readonly model_path: string | null
    readonly model: PipelineResult['model']
    readonly weights_sha256: string
  }
  readonly model_info: PipelineResult['model_info']
  readonly data_summary: PipelineResult['data_summary']
  readonly device: string
  /** The host's device and why it was chosen. */
  readonly device_info: HostDeviceInfo
  readonly timings: PipelineResult['timings']
  readonly warnings: readonly string[]
  /** One record per epoch, with its learning rate (the summary's history lists carry none). */
  readonly training_history: TrainingProbes['history']
  readonly stopped_early: boolean
  readonly stopped_epoch: number | null
}

/** Runs and tracks one host training session. @public */
export class HostTrainingOrchestrator {
  private state: HostSessionStatus = 'initializing'
  private failure: string | null = null
  private stopFlag = false
  private timedOut = false
  private result: (Omit<PipelineResult, 'probes'> & { readonly history: TrainingProbes['history'] }) | null = null
  private readonly startedAt: Date
  private updatedAt: Date
  private readonly clock: () => Date
  private readonly request: AssembledPipelineRequest
  private progress: Omit<HostProgressDict, 'total_epochs' | 'current_item'>
  private readonly history: Record<
    'train_loss' | 'train_accuracy' | 'val_loss' | 'val_accuracy',
    Array<number | null>
  > = { train_loss: [], train_accuracy: [], val_loss: [], val_accuracy: [] }
  private finishedPromise: Promise<void> | null = null

  constructor(
    readonly job: HostTrainingJob,
    private readonly services: HostSessionServices,
  ) {
    this.clock = services.clock ?? (() => new Date())
    this.startedAt = this.clock()
    this.updatedAt = this.startedAt
    const log = services.log ?? (() => undefined)
    this.request = assemblePipelineRequest(job, {
      dataSource: services.dataSource,
      storage: services.storage,
      runtime: services.device.runtime,
      clock: this.clock,
      warn: (message) => log(`session ${job.sessionId}: warning: ${message}`),
    })
    this.progress = {
      epoch: 0,
      batch: 0,
      total_batches: 0,
      progress_percent: 0,
      items_processed: 0,
      items_total: null,
      message: 'Initializing',
      phase: 'initializing',
    }
  }

  get sessionId(): string {
    return this.job.sessionId
  }

  get status(): HostSessionStatus {
    return this.state
  }

  /** True while the session counts against the concurrency limit. */
  get active(): boolean {
    return this.state === 'initializing' || this.state === 'running'
  }

  /** When the session last changed (for the registry's retention). */
  get lastUpdated(): Date {
    return this.updatedAt
  }

  /**
   * Starts the run (once) and resolves when it has ended, whatever the outcome; never rejects.
   */
  run(): Promise<void> {
    this.finishedPromise ??= this.execute()
    return this.finishedPromise
  }

  /** Resolves when the run has ended (immediately if it never started). */
  finished(): Promise<void> {
    return this.finishedPromise ?? Promise.resolve()
  }

  /** True once the model is being written: past the last cancellation point, so a stop can no longer take. */
  get saving(): boolean {
    return this.progress.phase === 'saving'
  }

  /**
   * Asks the run to stop at its next cancellation point.
   *
   * @returns false when the session has already ended or is saving its model (too late to stop: a stop that
   *   was accepted always ends `stopped`, as on the old host)
   */
  requestStop(): boolean {
    if (!this.active || this.saving) return false
    this.stopFlag = true
    this.touch()
    return true
  }

  /** The status response. */
  snapshot(): HostStatusSnapshot {
    const p = this.progress
    return {
      session_id: this.sessionId,
      status: this.state,
      progress: {
        epoch: p.epoch,
        total_epochs: this.request.epochs,
        batch: p.batch,
        total_batches: p.total_batches,
        progress_percent: p.progress_percent,
        items_processed: p.items_processed,
        items_total: p.items_total,
        message: p.message,
        current_item: p.message,
        phase: p.phase,
      },
      metrics: this.history,
      gpu_usage: { gpu_allocated: this.services.device.device === 'cuda', device: this.services.device.device },
      device_info: hostDeviceInfo(this.services.device.info),
      start_time: this.startedAt.toISOString(),
      last_updated: this.updatedAt.toISOString(),
      error: this.failure,
    }
  }

  /** The result of a completed session, or null before completion. */
  resultPayload(): HostResultPayload | null {
    const r = this.result
    if (this.state !== 'completed' || !r) return null
    return {
      session_id: this.sessionId,
      status: 'completed',
      training_metrics: r.training_metrics,
      test_metrics: r.test_metrics,
      feature_importance: r.feature_importance,
      per_symbol_metrics: r.per_symbol_metrics,
      artifacts: { model_path: r.model_path, model: r.model, weights_sha256: r.weights_sha256 },
      model_info: r.model_info,
      data_summary: r.data_summary,
      device: r.device,
      device_info: hostDeviceInfo(this.services.device.info),
      timings: r.timings,
      warnings: r.warnings,
      training_history: r.history,
      stopped_early: r.stopped_early,
      stopped_epoch: r.stopped_epoch,
    }
  }

  private async execute(): Promise<void> {
    const log = this.services.log ?? (() => undefined)
    const limit = setTimeout(() => {
      this.timedOut = true
    }, this.services.timeLimitMs)
    limit.unref()
    try {
      await new Promise<void>((resolve) => setImmediate(resolve))
      if (this.stopFlag) throw new TrainingCancelledError('before start')
      this.state = 'running'
      this.touch()
      const { job, services } = this
      const { probes, ...result } = await runTrainingPipeline(this.request, {
        onPhase: (phase, message) => this.setProgress({ phase, message }),
        onBatch: (p) => this.onBatch(p),
        onEpoch: (p) => this.onEpoch(p),
        isCancelled: () => this.stopFlag || this.timedOut,
      })
      if (services.probesDir !== null) {
        writeFileAtomic(join(services.probesDir, `${job.sessionId}.json`), stringifyWithTypedArrays(probes))
      }
      this.result = { ...result, history: probes.history }
      this.finish('completed', null, 'Training completed')
      this.setProgress({ progress_percent: 100 })
    } catch (error) {
      if (error instanceof TrainingCancelledError && !this.timedOut) {
        this.finish('stopped', null, `Training stopped (${error.where})`)
      } else if (error instanceof TrainingCancelledError) {
        const seconds = this.services.timeLimitMs / 1000
        this.finish('failed', `session time limit of ${seconds} s exceeded (${error.where})`, 'Training failed')
      } else {
        this.finish('failed', error instanceof Error ? error.message : String(error), 'Training failed')
      }
    } finally {
      clearTimeout(limit)
      log(`session ${this.sessionId}: ${this.state}${this.failure ? `: ${this.failure}` : ''}`)
    }
  }

  private onBatch(p: BatchProgress): Promise<void> {
    const epoch = p.epoch + 1
    const batch = p.batch + 1
    const items = p.completed_batches + 1
    this.setProgress({
      phase: 'training',
      epoch,
      batch,
      total_batches: p.total_batches_per_epoch,
      items_processed: items,
      items_total: p.total_batches,
      progress_percent: p.total_batches > 0 ? Math.min(100, (items / p.total_batches) * 100) : 0,
      message: `Epoch ${epoch}/${p.total_epochs} \u00b7 Batch ${batch}/${p.total_batches_per_epoch}`,
    })
    return new Promise((resolve) => setImmediate(resolve))
  }

  private onEpoch(p: EpochProgress): Promise<void> {
    this.history.train_loss.push(p.train_loss)
    this.history.train_accuracy.push(p.train_accuracy)
    this.history.val_loss.push(p.val_loss)
    this.history.val_accuracy.push(p.val_accuracy)
    const bpe = this.progress.total_batches
    const items = (p.epoch + 1) * bpe
    this.setProgress({
      epoch: p.epoch + 1,
      items_processed: Math.max(this.progress.items_processed, items),
      message: `Epoch ${p.epoch + 1}/${p.total_epochs} \u00b7 Batch ${bpe}/${bpe}`,
    })
    return new Promise((resolve) => setImmediate(resolve))
  }

  private finish(status: 'completed' | 'stopped' | 'failed', error: string | null, message: string): void {
    this.state = status
    this.failure = error
    this.setProgress({ phase: status, message })
  }

  private setProgress(changes: Partial<Omit<HostProgressDict, 'total_epochs' | 'current_item'>>): void {
    this.progress = { ...this.progress, ...changes }
    this.touch()
  }

  private touch(): void {
    this.updatedAt = this.clock()
  }
}
