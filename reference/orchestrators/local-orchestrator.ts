/**
 * `LocalTrainingOrchestrator`: runs the training pipeline in a `worker_threads` worker (the analogue of the old
 * `asyncio.to_thread`, docs/legacy-behaviour.md §1.2, §9.1), streams its progress through a `ProgressBridge`, and
 * cancels through a shared-memory `CancellationToken` the worker reads at its checkpoints (before each symbol,
 * each epoch start, each batch start, before saving).
 *
 * Intended difference from the old `LocalTrainingRunner`: a cancelled run emits the `cancelled` phase (the old
 * runner's `on_phase("cancelled")` raised again on the set token, so that phase was never seen). A cancelled run
 * saves nothing: the pipeline checks the token before saving and the model store never exposes a partial version.
 */
import { Worker } from 'node:worker_threads'
import { TrainingCancelledError } from '../pipeline/errors.ts'
import type { PipelineResult } from '../pipeline/types.ts'
import { moduleEntry, runsFromSource, tsxWorkerBootstrap } from '../runtime/module-entry.ts'
import { CancellationToken } from './cancellation-token.ts'
import type { TrainingRequest } from '../pipeline/request.ts'
import type { ParentAck, WorkerInput, WorkerMessage } from './local-messages.ts'
import { ProgressBridge, type ProgressUpdate } from './progress-bridge.ts'

/** Orchestrator options. @public */
export interface LocalTrainingOrchestratorOptions {
  /** Receives every progress update (phases, throttled batches, epochs, the terminal phase). */
  readonly onProgress?: (update: ProgressUpdate) => void
  /** Receives pipeline warnings as they are raised. */
  readonly onWarning?: (message: string) => void
  /** A token shared with the caller; a fresh one when omitted. */
  readonly token?: CancellationToken
  /**
   * Lockstep progress: the worker waits at every batch and epoch end until this thread has handled the update,
   * so a `cancel()` made inside `onProgress` stops the run at its next checkpoint, whatever the machine's speed
   * (the old in-thread callback semantics, docs/legacy-behaviour.md §9.1). Costs one message round trip per batch.
   * @default false (the worker never waits for this thread)
   */
  readonly lockstep?: boolean
}

/** A run's failure inside the worker, with the original error name. @public */
export class LocalTrainingError extends Error {
  constructor(
    readonly errorName: string,
    message: string,
  ) {
    super(message)
    this.name = 'LocalTrainingError'
  }
}

/** The worker entry, `.ts` from source or `.js` compiled. */
const WORKER_ENTRY = moduleEntry(import.meta.url, './local-training-worker')

/**
 * Runs local trainings in a worker thread.
 *
 * @example
 * const orchestrator = new LocalTrainingOrchestrator({ onProgress: (u) => console.error(u.percentage, u.message) })
 * const result = await orchestrator.run({ strategy: { path: 'strategies/neuro_mean_reversion.yaml' },
 *   dataDir: 'data', symbols: ['AAPL'], timeframes: ['1h'], seed: 42, modelsDir: 'models' })
 * @public
 */
export class LocalTrainingOrchestrator {
  /** The token `cancel()` sets; share it to cancel from elsewhere. */
  readonly token: CancellationToken
  private readonly options: LocalTrainingOrchestratorOptions

  constructor(options: LocalTrainingOrchestratorOptions = {}) {
    this.options = options
    this.token = options.token ?? new CancellationToken()
  }

  /** Requests cancellation; the worker stops at its next checkpoint (within one batch). */
  cancel(): void {
    this.token.cancel()
  }

  /**
   * Trains in a worker and resolves to the pipeline result.
   *
   * @throws TrainingCancelledError when cancelled (after emitting `cancelled`)
   * @throws LocalTrainingError when the pipeline failed in the worker (after emitting `failed`)
   */
  run(request: TrainingRequest): Promise<PipelineResult> {
    const bridge = new ProgressBridge({
      onUpdate: (update) => this.options.onProgress?.(update),
      totalEpochs: request.epochs ?? null,
    })
    bridge.onPhase('initializing', 'Preparing training environment')
    if (this.token.isCancelled()) {
      bridge.onCancelled('Training cancelled before start')
      return Promise.reject(new TrainingCancelledError('before start'))
    }
    const lockstep = this.options.lockstep ?? false
    const input: WorkerInput = { request, cancelBuffer: this.token.buffer, lockstep }
    const worker = runsFromSource(WORKER_ENTRY.href)
      ? new Worker(tsxWorkerBootstrap(WORKER_ENTRY), { eval: true, workerData: input })
      : new Worker(WORKER_ENTRY, { workerData: input })
    const ack = (): void => {
      if (lockstep) worker.postMessage({ type: 'ack' } satisfies ParentAck)
    }
    return new Promise<PipelineResult>((resolve, reject) => {
      let settled = false
      const finish = (outcome: () => void): void => {
        if (settled) return
        settled = true
        outcome()
        void worker.terminate()
      }
      worker.on('message', (message: WorkerMessage) => {
        switch (message.type) {
          case 'plan':
            bridge.setPlan({ totalEpochs: message.totalEpochs, batchStride: message.batchStride })
            break
          case 'phase':
            bridge.onPhase(message.phase, message.message)
            break
          case 'batch':
            bridge.onBatch(message.progress)
            ack()
            break
          case 'epoch':
            bridge.onEpoch(message.progress)
            ack()
            break
          case 'warning':
            this.options.onWarning?.(message.message)
            break
          case 'result':
            finish(() => {
              bridge.onComplete()
              resolve(message.result)
            })
            break
          case 'cancelled':
            finish(() => {
              bridge.onCancelled(`Training cancelled (${message.where})`)
              reject(new TrainingCancelledError(message.where))
            })
            break
          case 'failed':
            finish(() => {
              bridge.onFailed(`${message.name}: ${message.message}`)
              reject(new LocalTrainingError(message.name, message.message))
            })
            break
        }
      })
      worker.on('error', (error) =>
        finish(() => {
          bridge.onFailed(`worker error: ${error.message}`)
          reject(new LocalTrainingError(error.name, error.message))
        }),
      )
      worker.on('exit', (code) =>
        finish(() => {
          bridge.onFailed(`worker exited with code ${code} before reporting a result`)
          reject(new LocalTrainingError('WorkerExit', `worker exited with code ${code} before reporting a result`))
        }),
      )
    })
  }
}
