/**
 * Fixed HTTP probes of a host's protocol beyond one training run (docs/legacy-behaviour.md §9.2, §13): status codes of
 * requests the old host answered with 500 (unknown session, stop of an unknown session), a malformed start, the
 * result route the new host added, the field names of a status snapshot, and what a stop request does to a
 * running session. Each probe is one plain `fetch`, so the codes are what any client would see.
 */

/** @default 'harness-unknown-session' — an id no session ever gets. */
export const UNKNOWN_SESSION = 'harness-unknown-session'

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

/**
 * Starts a session with `body`, waits until it reports `running`, POSTs a stop, and polls until a terminal
 * state: that state is the stop outcome (`stopped` on the old host). Returns `start <code>` when the start is
 * refused, `no-stop: <state>` when the run ended before it could be stopped.
 */
export async function probeStop(hostUrl: string, body: unknown, pollMs = 20, limitMs = 60_000): Promise<string> {
  const started = await json(`${hostUrl}/training/start`, post(JSON.stringify(body)))
  const id = (started.body as { session_id?: unknown } | null)?.session_id
  if (started.status !== 200 || typeof id !== 'string') return `start ${started.status}`
  const deadline = Date.now() + limitMs
  const state = async (): Promise<string> =>
    String(((await json(`${hostUrl}/training/status/${id}`)).body as { status?: unknown } | null)?.status ?? 'unknown')
  let current = await state()
  while (
    current !== 'running' &&
    ['initializing', 'initialized', 'pending', 'queued'].includes(current) &&
    Date.now() < deadline
  ) {
    await new Promise((r) => setTimeout(r, pollMs))
    current = await state()
  }
  if (current !== 'running') return `no-stop: ${current}`
  await statusOf(`${hostUrl}/training/stop`, post(JSON.stringify({ session_id: id, save_checkpoint: false })))
  while (['running', 'initializing', 'initialized', 'stopping'].includes(current) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, pollMs))
    current = await state()
  }
  return current
}
