/**
 * Fixed HTTP probes of a host's protocol beyond one training run (docs/legacy-behaviour.md §9.2, §13): status codes of
 * requests the old host answered with 500 (unknown session, stop of an unknown session), a malformed start, the
 * result route the new host added, the field names of a status snapshot, and — on a session that is running —
 * what a second start does (the old host allowed one session) and what a stop does. Each probe is one plain
 * `fetch`, so the codes are what any client would see.
 *
 * No outcome depends on machine speed: the running-session probe trains {@link LONG_RUN_EPOCHS} epochs, which no
 * host finishes before the probe's stop arrives (the old host sleeps after every batch, so its run lasts at least
 * epochs × batches × the batch delay), and a probe that cannot reach the state it needs throws instead of
 * reporting a different outcome. Every session a probe starts is stopped before it returns.
 */

/** @default 'harness-unknown-session' — an id no session ever gets. */
export const UNKNOWN_SESSION = 'harness-unknown-session'

/** @default 100_000 — the new host's largest epoch count (its start validation); hours of training on either host. */
export const LONG_RUN_EPOCHS = 100_000

/** @default 120_000 ms — how long a probe waits for a session to start running or to end after a stop. */
export const PROBE_STATE_LIMIT_MS = 120_000

/** @default 20 ms */
export const PROBE_POLL_MS = 20

/** States in which a session has not ended yet. */
const LIVE_STATES = new Set(['initializing', 'initialized', 'pending', 'queued', 'running', 'stopping'])

/** True while a session in `state` has not ended. */
export function isLiveState(state: string): boolean {
  return LIVE_STATES.has(state)
}

async function statusOf(url: string, init?: RequestInit): Promise<number> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) })
  await response.arrayBuffer()
  return response.status
}

async function json(url: string, init?: RequestInit): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) })
  const text = await response.text()
  let body: unknown = null
  try {
    body = JSON.parse(text)
  } catch {
    body = text
  }
  return { status: response.status, body }
}

const post = (body: string): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body })

/** Status codes of the fixed error probes, plus `result_route` for a finished session's `/training/result`. */
export async function probeErrorStatus(hostUrl: string, finishedSessionId: string): Promise<Record<string, number>> {
  return {
    status_unknown_session: await statusOf(`${hostUrl}/training/status/${UNKNOWN_SESSION}`),
    stop_unknown_session: await statusOf(
      `${hostUrl}/training/stop`,
      post(JSON.stringify({ session_id: UNKNOWN_SESSION })),
    ),
    start_malformed_json: await statusOf(`${hostUrl}/training/start`, post('{')),
    result_route: await statusOf(`${hostUrl}/training/result/${finishedSessionId}`),
  }
}

/** Top-level and `progress` field names of a status snapshot (what an old client parses). */
export async function snapshotFields(hostUrl: string, sessionId: string): Promise<string[]> {
  const { body } = await json(`${hostUrl}/training/status/${sessionId}`)
  if (typeof body !== 'object' || body === null) return []
  const top = Object.keys(body)
  const progress = (body as { progress?: unknown }).progress
  const inner =
    typeof progress === 'object' && progress !== null ? Object.keys(progress).map((k) => `progress.${k}`) : []
  return [...top, ...inner].sort()
}

/** The session's `status` field. */
export async function sessionState(hostUrl: string, id: string): Promise<string> {
  const { body } = await json(`${hostUrl}/training/status/${id}`)
  return String((body as { status?: unknown } | null)?.status ?? 'unknown')
}

/** Polls until `done(state)` or the limit; resolves with the state, throws at the limit. */
async function waitForState(
  hostUrl: string,
  id: string,
  done: (state: string) => boolean,
  what: string,
  limitMs: number,
): Promise<string> {
  const deadline = Date.now() + limitMs
  for (;;) {
    const state = await sessionState(hostUrl, id)
    if (done(state)) return state
    if (Date.now() > deadline) throw new Error(`host session ${id}: not ${what} after ${limitMs / 1000} s (${state})`)
    await new Promise((r) => setTimeout(r, PROBE_POLL_MS))
  }
}

/**
 * Stops session `id` and waits until it has ended; resolves with its final state (`stopped` when the stop took
 * effect). A session that has already ended is left as it is.
 *
 * @throws Error when the host refuses the stop of a live session or the session is still live at the limit
 */
export async function stopSession(hostUrl: string, id: string, limitMs = PROBE_STATE_LIMIT_MS): Promise<string> {
  const before = await sessionState(hostUrl, id)
  if (!LIVE_STATES.has(before)) return before
  const code = await statusOf(
    `${hostUrl}/training/stop`,
    post(JSON.stringify({ session_id: id, save_checkpoint: false })),
  )
  if (code !== 200 && code !== 202) {
    const now = await sessionState(hostUrl, id)
    if (LIVE_STATES.has(now)) throw new Error(`host session ${id}: stop answered HTTP ${code} while it was ${now}`)
    return now
  }
  return waitForState(hostUrl, id, (s) => !LIVE_STATES.has(s), 'ended', limitMs)
}

/** What a host does with a session that is running. */
export interface RunningSessionProbe {
  /** HTTP status of a second start while the first session runs (the old host allowed one session: 500). */
  readonly startWhileRunning: number
  /** The session's state after a stop request (`stopped` on both hosts). */
  readonly stopOutcome: string
}

/**
 * Starts a {@link LONG_RUN_EPOCHS}-epoch session with `body`, waits until it runs, asks for a second session with
 * the same body (stopping it if the host accepts), then stops the first and waits for its end.
 *
 * @param onSession - receives every session id the probe starts, before anything can fail
 * @throws Error when the first start is refused, the session ends before the stop (the run was not long
 *   enough), or a state is not reached within `limitMs`
 */
export async function probeRunningSession(
  hostUrl: string,
  body: unknown,
  onSession: (id: string) => void,
  limitMs = PROBE_STATE_LIMIT_MS,
): Promise<RunningSessionProbe> {
  const start = async (): Promise<{ status: number; id: string | null }> => {
    const answer = await json(`${hostUrl}/training/start`, post(JSON.stringify(body)))
    const id = (answer.body as { session_id?: unknown } | null)?.session_id
    if (typeof id === 'string') onSession(id)
    return { status: answer.status, id: typeof id === 'string' ? id : null }
  }
  const first = await start()
  if (first.status !== 200 || first.id === null) {
    throw new Error(`running-session probe: the host refused the start (HTTP ${first.status})`)
  }
  const running = await waitForState(
    hostUrl,
    first.id,
    (s) => s === 'running' || !LIVE_STATES.has(s),
    'running',
    limitMs,
  )
  if (running !== 'running') {
    throw new Error(`running-session probe: session ${first.id} ended (${running}) before it could be stopped`)
  }
  const second = await start()
  if (second.id !== null) await stopSession(hostUrl, second.id, limitMs)
  const current = await sessionState(hostUrl, first.id)
  if (current !== 'running') {
    throw new Error(`running-session probe: session ${first.id} ended (${current}) before it could be stopped`)
  }
  return { startWhileRunning: second.status, stopOutcome: await stopSession(hostUrl, first.id, limitMs) }
}
