/**
 * `HostTrainingClient`: the HTTP client of a training host, old or new (docs/legacy-behaviour.md §9.3, the old
 * `TrainingAdapter`; docs/architecture.md §5). Every request carries a timeout (`AbortSignal.timeout`) and, when
 * configured, a bearer token. Non-2xx answers become `HostRequestError`s that keep the host's message — the old
 * backend lost it (§13).
 */
import type { ModelRef } from '../../storage/model-storage.ts'

/** The progress object both hosts return (§9.2); the new host adds `phase`. */
export interface HostProgress {
  readonly epoch?: number
  readonly total_epochs?: number
  readonly batch?: number
  readonly total_batches?: number
  readonly progress_percent?: number
  readonly items_processed?: number
  readonly items_total?: number | null
  readonly message?: string
  readonly current_item?: string
  readonly phase?: string
}

/** `GET /training/status/{id}` of either host. @public */
export interface HostStatusResponse {
  readonly session_id: string
  readonly status: string
  readonly progress: HostProgress
  /** Metric history lists (per batch on the old host, per epoch on the new one). */
  readonly metrics: Readonly<Record<string, readonly unknown[]>>
  readonly error: string | null
  readonly start_time?: string
  readonly last_updated?: string
}

/** `POST /training/start`. */
export interface HostStartResponse {
  readonly session_id: string
  readonly status: string
  readonly message: string
}

/** `POST /training/stop`. */
export interface HostStopResponse {
  readonly session_id: string
  readonly status: string
  readonly message: string
}

/** `GET /training/result/{id}` (new host only). @public */
export interface HostResultResponse {
  readonly session_id: string
  readonly status: string
  readonly training_metrics: Record<string, unknown>
  readonly test_metrics: {
    readonly test_accuracy: number
    readonly test_loss: number
    readonly precision: number
    readonly recall: number
    readonly f1_score: number
  }
  readonly feature_importance: Record<string, number>
  readonly per_symbol_metrics: Record<string, unknown>
  readonly artifacts: {
    readonly model_path: string | null
    readonly model: ModelRef | null
    readonly weights_sha256: string
  }
  readonly model_info: Record<string, unknown>
  readonly data_summary: Record<string, unknown>
  readonly device?: string
  readonly timings?: Record<string, number>
  readonly warnings?: readonly string[]
  /** One record per epoch with its learning rate (this project's host; absent from other hosts). */
  readonly training_history?: ReadonlyArray<{ readonly learning_rate?: number }>
  readonly stopped_early?: boolean
  readonly stopped_epoch?: number | null
}

/** Client options. @public */
export interface HostClientOptions {
  /** `http://127.0.0.1:5002` */
  readonly baseUrl: string
  readonly token?: string | null
  /** Per-request timeout. @default 30_000 (the old adapter's httpx timeout) */
  readonly timeoutMs?: number
}

/** A host answered with a non-2xx status, or the request failed / timed out (`status` null). @public */
export class HostRequestError extends Error {
  override readonly name = 'HostRequestError'

  constructor(
    /** e.g. `GET /training/status/{id}` */
    readonly endpoint: string,
    readonly status: number | null,
    /** The host's error text (`detail`), or the transport error. */
    readonly detail: string,
    readonly body: unknown = null,
  ) {
    super(`${endpoint}: ${status === null ? 'request failed' : `HTTP ${status}`}: ${detail}`)
  }
}

/** Client of one host. @public */
export class HostTrainingClient {
  readonly baseUrl: string
  private readonly token: string | null
  private readonly timeoutMs: number
  /** Endpoint templates used so far, in first-use order (for protocol reports). */
  readonly endpointsUsed: string[] = []

  constructor(options: HostClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '')
    this.token = options.token ?? null
    this.timeoutMs = options.timeoutMs ?? 30_000
  }

  /** `GET /health`. */
  health(): Promise<Record<string, unknown>> {
    return this.request('GET', '/health', '/health')
  }

  /** `POST /training/start` with an old- or new-style body. */
  start(body: unknown): Promise<HostStartResponse> {
    return this.request('POST', '/training/start', '/training/start', body)
  }

  status(sessionId: string): Promise<HostStatusResponse> {
    return this.request('GET', `/training/status/${encodeURIComponent(sessionId)}`, '/training/status/{id}')
  }

  stop(sessionId: string): Promise<HostStopResponse> {
    return this.request('POST', '/training/stop', '/training/stop', { session_id: sessionId, save_checkpoint: true })
  }

  result(sessionId: string): Promise<HostResultResponse> {
    return this.request('GET', `/training/result/${encodeURIComponent(sessionId)}`, '/training/result/{id}')
  }

  private async request<T>(method: string, path: string, template: string, body?: unknown): Promise<T> {
    const endpoint = `${method} ${template}`
    if (!this.endpointsUsed.includes(endpoint)) this.endpointsUsed.push(endpoint)
    const headers: Record<string, string> = { accept: 'application/json' }
    if (body !== undefined) headers['content-type'] = 'application/json'
    if (this.token !== null) headers.authorization = `Bearer ${this.token}`
    let response: Response
    let text: string
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      })
      text = await response.text()
    } catch (error) {
      const reason =
        (error as Error).name === 'TimeoutError' ? `no answer within ${this.timeoutMs} ms` : (error as Error).message
      throw new HostRequestError(endpoint, null, reason)
    }
    let parsed: unknown = text
    try {
      parsed = JSON.parse(text)
    } catch {
      // a non-JSON body (the old host's plain "Internal Server Error") stays text
    }
    if (!response.ok) throw new HostRequestError(endpoint, response.status, errorText(parsed), parsed)
    return parsed as T
  }
}

/** The message of an error body: `detail` (a string, or FastAPI's list of problems) or the raw text. */
function errorText(body: unknown): string {
  if (typeof body === 'string') return body.trim() || '(empty body)'
  const detail = (body as { detail?: unknown } | null)?.detail
  if (typeof detail === 'string') return detail
  if (Array.isArray(detail)) {
    return detail.map((d: { loc?: unknown[]; msg?: string }) => `${(d.loc ?? []).join('.')}: ${d.msg ?? ''}`).join('; ')
  }
  return JSON.stringify(body)
}
