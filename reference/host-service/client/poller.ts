/**
 * Polling a host session until it ends, as the old backend's `HostSessionManager.poll_session` did
 * (docs/legacy-behaviour.md §9.3): check cancellation, `GET /training/status/{id}` (up to `maxRetries` consecutive
 * failures), map the snapshot to a progress update like `on_remote_snapshot`, stop on a terminal state, sleep
 * the interval (times the back-off factor, capped). A cancellation sends `POST /training/stop` once.
 */
import { HostRequestError, type HostStatusResponse, type HostTrainingClient } from './host-client.ts'

/** One progress update for the caller (phase, percentage, message — the old bridge's emission). @public */
export interface HostProgressUpdate {
  /** `host_polling`, the host's `progress.phase` when it sends one, else `remote_snapshot`; `completed` at the end. */
  readonly phase: string
  readonly percentage: number
  readonly message: string
  readonly epoch: number
  readonly totalEpochs: number
  readonly itemsProcessed: number
  readonly itemsTotal: number | null
  readonly hostStatus: string
  readonly sessionId: string
}

/** Anything with an `isCancelled()` check (e.g. the local orchestrator's cancellation token). */
export interface CancellationCheck {
  isCancelled(): boolean
}

/** Polling options. */
export interface PollOptions {
  /** First sleep between polls. @default 300 (the old backend's constant 0.3 s) */
  readonly intervalMs?: number
  /** Interval multiplier after each poll. @default 1 (constant, as the old backend configured it) */
  readonly backoffFactor?: number
  /** @default 10_000 */
  readonly maxIntervalMs?: number
  /** Consecutive failed polls tolerated before giving up. @default 3 */
  readonly maxRetries?: number
  readonly onProgress?: (update: HostProgressUpdate) => void
  /** Every raw snapshot, before mapping. */
  readonly onSnapshot?: (snapshot: HostStatusResponse) => void
  readonly cancellation?: CancellationCheck
}

/** The run ended `stopped` / `cancelled`, or was cancelled by the caller (then a stop was sent). @public */
export class HostTrainingCancelledError extends Error {
  override readonly name = 'HostTrainingCancelledError'
  constructor(
    readonly sessionId: string,
    readonly hostStatus: string,
  ) {
    super(`host session ${sessionId} cancelled (host status: ${hostStatus})`)
  }
}

/** The run ended `failed`. @public */
export class HostTrainingFailedError extends Error {
  override readonly name = 'HostTrainingFailedError'
  constructor(
    readonly sessionId: string,
    readonly hostError: string,
  ) {
    super(`host session ${sessionId} failed: ${hostError}`)
  }
}

const CANCELLED_STATES = new Set(['stopped', 'cancelled'])

/**
 * Polls until the session completes and resolves with the final snapshot.
 *
 * @throws HostTrainingCancelledError, HostTrainingFailedError, or the last HostRequestError after too many
 *   consecutive failed polls
 */
export async function pollSession(
  client: HostTrainingClient,
  sessionId: string,
  options: PollOptions = {},
): Promise<HostStatusResponse> {
  const maxInterval = options.maxIntervalMs ?? 10_000
  const backoff = options.backoffFactor ?? 1
  const maxRetries = options.maxRetries ?? 3
  let interval = options.intervalMs ?? 300
  let retries = 0
  const mapper = new SnapshotMapper(sessionId)
  options.onProgress?.(mapper.phase('host_polling', `Polling host session ${sessionId}`))
  for (;;) {
    if (options.cancellation?.isCancelled()) {
      await client.stop(sessionId).catch((error: unknown) => {
        if (!(error instanceof HostRequestError)) throw error
      })
      throw new HostTrainingCancelledError(sessionId, 'cancel requested')
    }
    let snapshot: HostStatusResponse
    try {
      snapshot = await client.status(sessionId)
      retries = 0
    } catch (error) {
      if (!(error instanceof HostRequestError) || ++retries > maxRetries) throw error
      await sleep(interval)
      interval = Math.min(maxInterval, interval * backoff)
      continue
    }
    options.onSnapshot?.(snapshot)
    options.onProgress?.(mapper.map(snapshot))
    const status = String(snapshot.status ?? '').toLowerCase()
    if (status === 'completed') {
      options.onProgress?.(mapper.phase('completed', `Remote training session ${sessionId} completed`, 100))
      return snapshot
    }
    if (CANCELLED_STATES.has(status)) throw new HostTrainingCancelledError(sessionId, status)
    if (status === 'failed') throw new HostTrainingFailedError(sessionId, snapshot.error ?? 'Remote training failed')
    await sleep(interval)
    interval = Math.min(maxInterval, interval * backoff)
  }
}

/** `on_remote_snapshot` (§9.3): keeps the largest epoch total and the latest batch total across snapshots. */
class SnapshotMapper {
  private totalEpochs = 0
  private totalItems: number | null = null
  private lastPercentage = 0
  private lastItems = 0
  private lastEpoch = 0
  private hostStatus = 'unknown'

  constructor(private readonly sessionId: string) {}

  map(snapshot: HostStatusResponse): HostProgressUpdate {
    const p = snapshot.progress ?? {}
    this.hostStatus = String(snapshot.status ?? '').toLowerCase()
    const epoch = typeof p.epoch === 'number' && p.epoch >= 0 ? p.epoch : this.lastEpoch
    if (typeof p.total_epochs === 'number' && p.total_epochs > 0)
      this.totalEpochs = Math.max(this.totalEpochs, p.total_epochs)
    const itemsTotal = p.items_total || p.total_batches
    if (typeof itemsTotal === 'number' && itemsTotal > 0) this.totalItems = itemsTotal
    const rawItems = p.items_processed ?? p.batch
    const items =
      typeof rawItems === 'number'
        ? Math.max(0, this.totalItems === null ? rawItems : Math.min(rawItems, this.totalItems))
        : this.lastItems
    let percentage = p.progress_percent
    if (typeof percentage !== 'number') {
      if (typeof rawItems === 'number' && this.totalItems) percentage = (rawItems / this.totalItems) * 100
      else if (epoch && this.totalEpochs) percentage = (epoch / this.totalEpochs) * 100
      else percentage = this.lastPercentage
    }
    const message =
      p.message ||
      (epoch && this.totalEpochs && items && this.totalItems
        ? `Epoch ${epoch}/${this.totalEpochs} \u00b7 Batch ${items}/${this.totalItems}`
        : epoch && this.totalEpochs
          ? `Epoch ${epoch}/${this.totalEpochs}`
          : 'Polling host session')
    this.lastEpoch = epoch
    this.lastItems = items
    this.lastPercentage = percentage
    return this.update(p.phase ?? 'remote_snapshot', percentage, message)
  }

  phase(phase: string, message: string, percentage = this.lastPercentage): HostProgressUpdate {
    if (phase === 'completed' && this.totalItems !== null) this.lastItems = this.totalItems
    this.lastPercentage = percentage
    return this.update(phase, percentage, message)
  }

  private update(phase: string, percentage: number, message: string): HostProgressUpdate {
    return {
      phase,
      percentage,
      message,
      epoch: this.lastEpoch,
      totalEpochs: this.totalEpochs,
      itemsProcessed: this.lastItems,
      itemsTotal: this.totalItems,
      hostStatus: this.hostStatus,
      sessionId: this.sessionId,
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
