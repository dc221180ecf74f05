/**
 * `TrainingService` of the old host, frozen (docs/legacy-behaviour.md §9.2, §13): the session table, the
 * one-concurrent-session limit, session lifecycle (initializing → initialized → running → completed | stopped |
 * failed, `cancelled` overwritten by `stopped`), the blocking stop (≤ 30 s), clean-up and the 60-minute
 * periodic purge. Every failure is a plain `Error` whose message the HTTP layer prefixes into a 500.
 */
import { randomUUID } from 'node:crypto'
import os from 'node:os'
import { setTimeout as delay } from 'node:timers/promises'
import { memoryPercent } from './health.ts'
import { SeededRng } from '../../reference/runtime/rng.ts'
import {
  LegacyTaskCancelledError,
  runPlaceholderTraining,
  type PlaceholderEnvironment,
} from './placeholder-training.ts'
import { pythonUtcIsoformat } from './python-compat.ts'
import { LegacyTrainingSession, type LegacyProgressDict, type LegacySessionConfig } from './session.ts'

/** Start-up options of the old service. */
export interface LegacyServiceOptions {
  readonly environment: PlaceholderEnvironment
  /** Seed of a session whose `training_configuration.seed` is absent. @default 42 */
  readonly defaultSeed: number
  /** Clock of `start_time` / `last_updated` / timestamps (epoch ms). */
  readonly wallClock: () => number
  /** `get_training_service()` was called without arguments. @default 1 */
  readonly maxConcurrentSessions?: number
  /** @default 60 */
  readonly sessionTimeoutMinutes?: number
}

/** `resource_usage` of a CPU-only session (GPU manager absent, memory manager and optimizer present). */
export interface LegacyResourceUsage {
  gpu_allocated: boolean
  memory_monitoring: boolean
  performance_optimization: boolean
  system_memory: { process_mb: number; system_percent: number; system_total_mb: number }
}

/** `get_session_status(id)`. */
export interface LegacySessionStatusInfo {
  session_id: string
  status: string
  progress: LegacyProgressDict
  metrics: { current: Record<string, unknown[]>; best: Record<string, unknown> }
  resource_usage: LegacyResourceUsage
  start_time: string
  last_updated: string
  error: string | null
}

/** One entry of `list_sessions()`. */
export interface LegacySessionSummary {
  session_id: string
  status: string
  start_time: string
  last_updated: string
  progress: LegacyProgressDict
  gpu_allocated: boolean
  error: string | null
}

/** How long `/training/stop` waits for the task, and `cleanup()` on shutdown. */
const STOP_WAIT_MS = 30_000
const CLEANUP_WAIT_MS = 10_000
const PERIODIC_CLEANUP_MS = 60_000

/** The old host's session manager. */
export class LegacyTrainingService {
  private readonly sessions = new Map<string, LegacyTrainingSession>()
  private readonly maxConcurrentSessions: number
  private readonly sessionTimeoutMs: number
  private cleanupTimer: NodeJS.Timeout | null = null

  constructor(private readonly options: LegacyServiceOptions) {
    this.maxConcurrentSessions = options.maxConcurrentSessions ?? 1
    this.sessionTimeoutMs = (options.sessionTimeoutMinutes ?? 60) * 60_000
  }

  /** Sessions in `running` or `initializing` (the `initialized` window is not counted, as in the old code). */
  activeSessionCount(): number {
    return [...this.sessions.values()].filter((s) => s.status === 'running' || s.status === 'initializing').length
  }

  /**
   * `create_session`: checks the limit and the id, creates the session, and starts its training task.
   * @throws Error "Maximum concurrent sessions (1) reached" / "Session <id> already exists"
   */
  createSession(config: LegacySessionConfig, sessionId: string | null): string {
    if (this.activeSessionCount() >= this.maxConcurrentSessions) {
      throw new Error(`Maximum concurrent sessions (${this.maxConcurrentSessions}) reached`)
    }
    const id = sessionId ?? randomUUID()
    if (this.sessions.has(id)) throw new Error(`Session ${id} already exists`)
    const session = new LegacyTrainingSession(id, config, this.options.wallClock)
    session.status = 'initialized'
    this.sessions.set(id, session)
    this.cleanupTimer ??= setInterval(() => void this.periodicCleanup(), PERIODIC_CLEANUP_MS).unref()
    session.task = this.runTrainingSession(session).finally(() => {
      session.taskDone = true
    })
    return id
  }

  /**
   * `stop_session`: sets the stop flag and waits for the task (≤ 30 s; then the task is cancelled and the status
   * forced to `stopped`).
   * @throws Error "Session <id> not found" / "Session <id> is not running (status: <s>)"
   */
  async stopSession(sessionId: string): Promise<void> {
    const session = this.requireSession(sessionId)
    if (session.status !== 'running' && session.status !== 'initializing') {
      throw new Error(`Session ${sessionId} is not running (status: ${session.status})`)
    }
    session.stopRequested = true
    this.options.environment.log(`Stop flag set for session ${sessionId}`)
    if (session.task && !(await settlesWithin(session.task, STOP_WAIT_MS))) {
      session.taskCancelled = true
      session.status = 'stopped'
    }
  }

  /** `get_session_status(id)`. @throws Error "Session <id> not found" (and a TypeError for a non-numeric epochs) */
  getSessionStatus(sessionId: string): LegacySessionStatusInfo {
    const session = this.requireSession(sessionId)
    return {
      session_id: sessionId,
      status: session.status,
      progress: session.getProgressDict(),
      metrics: { current: session.metrics, best: session.bestMetrics },
      resource_usage: resourceUsage(),
      start_time: pythonUtcIsoformat(session.startTime),
      last_updated: pythonUtcIsoformat(session.lastUpdated),
      error: session.error,
    }
  }

  /** `list_sessions()`, in creation order. */
  listSessions(): LegacySessionSummary[] {
    return [...this.sessions.values()].map((session) => ({
      session_id: session.sessionId,
      status: session.status,
      start_time: pythonUtcIsoformat(session.startTime),
      last_updated: pythonUtcIsoformat(session.lastUpdated),
      progress: session.getProgressDict(),
      gpu_allocated: false,
      error: session.error,
    }))
  }

  /**
   * `cleanup_session(id)`: any status but `running` may be removed.
   * @throws Error "Session <id> not found" / "Cannot cleanup running session <id>"
   */
  async cleanupSession(sessionId: string): Promise<void> {
    const session = this.requireSession(sessionId)
    if (session.status === 'running') throw new Error(`Cannot cleanup running session ${sessionId}`)
    if (session.task && !session.taskDone) {
      session.stopRequested = true
      if (!(await settlesWithin(session.task, CLEANUP_WAIT_MS))) session.taskCancelled = true
    }
    this.sessions.delete(sessionId)
  }

  /** `shutdown()`: stops the purge, stops running sessions and removes every session. */
  async shutdown(): Promise<void> {
    if (this.cleanupTimer) clearInterval(this.cleanupTimer)
    for (const [id, session] of [...this.sessions]) {
      try {
        if (session.status === 'running') await this.stopSession(id)
        await this.cleanupSession(id)
      } catch (error) {
        this.options.environment.log(`Error cleaning up session ${id} during shutdown: ${(error as Error).message}`)
      }
    }
  }

  private requireSession(sessionId: string): LegacyTrainingSession {
    const session = this.sessions.get(sessionId)
    if (!session) throw new Error(`Session ${sessionId} not found`)
    return session
  }

  /** `_run_training_session`: the wrapper that overwrites `cancelled` with `stopped` and records failures. */
  private async runTrainingSession(session: LegacyTrainingSession): Promise<void> {
    session.status = 'running'
    session.lastUpdated = this.options.wallClock()
    try {
      await new Promise<void>((resolve) => setImmediate(resolve))
      const seed = session.config.training_config.seed
      const rng = new SeededRng(typeof seed === 'number' && Number.isInteger(seed) ? seed : this.options.defaultSeed)
      await runPlaceholderTraining(session, this.options.environment, rng)
      session.status = session.stopRequested ? 'stopped' : 'completed'
    } catch (error) {
      if (!(error instanceof LegacyTaskCancelledError)) {
        session.error = (error as Error).message
        session.status = 'failed'
        this.options.environment.log(`Training failed for session ${session.sessionId}: ${session.error}`)
      }
    } finally {
      session.lastUpdated = this.options.wallClock()
    }
  }

  /** `_periodic_cleanup`: removes finished sessions not updated for `session_timeout_minutes`. */
  private async periodicCleanup(): Promise<void> {
    const now = this.options.wallClock()
    for (const [id, session] of [...this.sessions]) {
      const finished = session.status === 'completed' || session.status === 'failed' || session.status === 'stopped'
      if (finished && now - session.lastUpdated > this.sessionTimeoutMs) {
        await this.cleanupSession(id).catch((error: Error) => this.options.environment.log(error.message))
      }
    }
  }
}

/** Resolves true when `task` settles within `ms`, false on timeout. */
async function settlesWithin(task: Promise<void>, ms: number): Promise<boolean> {
  const abort = new AbortController()
  const timeout = delay(ms, false, { signal: abort.signal }).catch(() => false)
  const settled = await Promise.race([task.then(() => true), timeout])
  abort.abort()
  return settled
}

function resourceUsage(): LegacyResourceUsage {
  return {
    gpu_allocated: false,
    memory_monitoring: true,
    performance_optimization: true,
    system_memory: {
      process_mb: process.memoryUsage().rss / 1024 ** 2,
      system_percent: memoryPercent(),
      system_total_mb: os.totalmem() / 1024 ** 2,
    },
  }
}
