/**
 * The host's session table: creates sessions with server-issued ids (`crypto.randomUUID()`), enforces the
 * concurrency limit (429 when exceeded), finds sessions (404 when unknown) and forgets finished sessions after a
 * retention period, as the old host's periodic clean-up did (docs/legacy-behaviour.md §9.2: 60 minutes).
 */
import { randomUUID } from 'node:crypto'
import {
  HostTrainingOrchestrator,
  type HostSessionServices,
  type HostTrainingJob,
} from '../orchestrators/host-training-orchestrator.ts'
import { HttpError } from './http-io.ts'

/** Registry options. */
export interface SessionRegistryOptions {
  /** Sessions allowed to be initializing or running at once. @default 2 */
  readonly maxSessions: number
  /** Finished sessions are dropped this long after their last update. @default 3_600_000 (60 min) */
  readonly retentionMs?: number
}

const PURGE_INTERVAL_MS = 60_000

/** All sessions of one host process. */
export class SessionRegistry {
  private readonly sessions = new Map<string, HostTrainingOrchestrator>()
  /** Set by `stopAll`: a host that is shutting down takes no new sessions. */
  private closing = false
  private readonly retentionMs: number
  private readonly purgeTimer: NodeJS.Timeout

  constructor(
    private readonly services: HostSessionServices,
    private readonly options: SessionRegistryOptions,
  ) {
    this.retentionMs = options.retentionMs ?? 3_600_000
    this.purgeTimer = setInterval(() => this.purge(), PURGE_INTERVAL_MS).unref()
  }

  /** Sessions currently initializing or running. */
  activeCount(): number {
    return [...this.sessions.values()].filter((s) => s.active).length
  }

  /**
   * Creates a session for `job` (its id is issued here) and starts its run.
   *
   * @throws HttpError 429 when `maxSessions` sessions are already active, 503 while the host shuts down
   */
  start(job: Omit<HostTrainingJob, 'sessionId'>): HostTrainingOrchestrator {
    if (this.closing) {
      throw new HttpError(503, 'shutting_down', 'the host is shutting down and accepts no new training sessions')
    }
    if (this.activeCount() >= this.options.maxSessions) {
      throw new HttpError(
        429,
        'too_many_sessions',
        `${this.options.maxSessions} training sessions are already active (the host's --max-sessions limit); retry later`,
        [],
        { 'retry-after': '5' },
      )
    }
    const session = new HostTrainingOrchestrator({ ...job, sessionId: randomUUID() }, this.services)
    this.sessions.set(session.sessionId, session)
    void session.run()
    return session
  }

  /** @throws HttpError 404 for an unknown id */
  get(sessionId: string): HostTrainingOrchestrator {
    const session = this.sessions.get(sessionId)
    if (!session) throw new HttpError(404, 'session_not_found', `Session ${sessionId} not found`)
    return session
  }

  /** Every session, in creation order. */
  list(): HostTrainingOrchestrator[] {
    return [...this.sessions.values()]
  }

  /**
   * Forgets a finished session.
   *
   * @throws HttpError 404 unknown, 409 still active
   */
  remove(sessionId: string): void {
    const session = this.get(sessionId)
    if (session.active) {
      throw new HttpError(
        409,
        'session_active',
        `Session ${sessionId} is ${session.status}; stop it before deleting it`,
      )
    }
    this.sessions.delete(sessionId)
  }

  /** Stops every active session and waits (at most `waitMs`) for all runs to end. */
  async stopAll(waitMs: number): Promise<void> {
    this.closing = true
    clearInterval(this.purgeTimer)
    const sessions = this.list()
    for (const session of sessions) session.requestStop()
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, waitMs)
    })
    await Promise.race([Promise.all(sessions.map((s) => s.finished())), timeout])
    clearTimeout(timer)
  }

  private purge(): void {
    const cutoff = Date.now() - this.retentionMs
    for (const [id, session] of this.sessions) {
      if (!session.active && session.lastUpdated.getTime() < cutoff) this.sessions.delete(id)
    }
  }
}
