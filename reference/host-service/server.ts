/**
 * The new training host service on `node:http` (docs/architecture.md §5 "Host"; docs/legacy-behaviour.md §9.2 for the API it
 * keeps). Old clients keep working — same paths, request and status fields, state names, progress dict — and the
 * service adds `GET /training/result/{id}`, N concurrent sessions, real training through the pipeline with the
 * model saved to the shared `ModelStorage`, and hardening (issue 10.1): loopback by default, optional bearer
 * token, a 1 MiB body limit, validated symbols and timeframes, server-issued ids, a per-session time limit.
 * Client mistakes get 4xx JSON `{error, detail}`; nothing a client sends can crash the process.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import os from 'node:os'
import { resolve } from 'node:path'
import { CsvDataSource } from '../data/csv-source.ts'
import { hostDeviceInfo, type HostTrainingOrchestrator } from '../orchestrators/host-training-orchestrator.ts'
import type { DeviceSelection } from '../runtime/device-manager.ts'
import { ModelStorage } from '../storage/model-storage.ts'
import { SHIPPED_STRATEGIES_DIR } from '../strategy/shipped.ts'
import { checkBearerToken } from './auth.ts'
import { HttpError, readJsonBody, sendJson } from './http-io.ts'
import { SessionRegistry } from './session-registry.ts'
import { parseStartRequest } from './start-request.ts'
import { resolveStrategy } from './strategy-resolution.ts'

/** Start-up options of the new host (the CLI `host serve --impl new`). @public */
export interface HostServiceOptions {
  /** The shared model store's base directory. */
  readonly modelsDir: string
  /** Where `<SYMBOL>_<TF>.csv` files are read. */
  readonly dataDir: string
  /** Where `strategy_config` names are resolved. @default the shipped strategies ({@link SHIPPED_STRATEGIES_DIR}) */
  readonly strategiesDir?: string
  /** Write each completed session's stage probes to `<probesDir>/<session_id>.json`. @default none */
  readonly probesDir?: string | null
  /** Concurrent sessions. @default 2 */
  readonly maxSessions?: number
  /** Bearer token required on every endpoint but `/health`; null disables the check. @default null */
  readonly token?: string | null
  /** Per-session run time limit. @default 3_600_000 (1 h) */
  readonly sessionTimeLimitMs?: number
  /** Seed of requests without `training_configuration.seed`. @default 42 */
  readonly seed?: number
  /**
   * The device every session trains on, as the DeviceManager selected it (the CLI's `host serve --device`); its
   * name and the reason it was chosen appear in `/health`, `/`, every status and every result.
   */
  readonly device: DeviceSelection
  /** @default no logging */
  readonly log?: (line: string) => void
}

/** A running new host. @public */
export interface HostService {
  readonly server: Server
  readonly registry: SessionRegistry
  /** Stops every active session (they end `stopped`, saving nothing) and waits for them, at most `waitMs`. */
  shutdown(waitMs?: number): Promise<void>
}

const DEFAULT_SHUTDOWN_WAIT_MS = 30_000

type Handler = (request: IncomingMessage, params: string[]) => Promise<RouteReply> | RouteReply

/** A handler's answer: the payload, and a status other than 200 when needed. */
interface RouteReply {
  readonly status?: number
  readonly body: unknown
}

interface Route {
  readonly method: string
  readonly pattern: RegExp
  readonly handler: Handler
}

/**
 * Creates (but does not start) the new host.
 *
 * @public
 */
export function createHostService(options: HostServiceOptions): HostService {
  const log = options.log ?? (() => undefined)
  const { device } = options
  const strategiesDir = resolve(options.strategiesDir ?? SHIPPED_STRATEGIES_DIR)
  const defaultSeed = options.seed ?? 42
  const token = options.token ?? null
  const startedAt = Date.now()
  const registry = new SessionRegistry(
    {
      dataSource: new CsvDataSource(options.dataDir),
      storage: new ModelStorage(options.modelsDir, { runtime: device.runtime }),
      device,
      timeLimitMs: options.sessionTimeLimitMs ?? 3_600_000,
      probesDir: options.probesDir ?? null,
      log,
    },
    { maxSessions: options.maxSessions ?? 2 },
  )

  const routes: Route[] = [
    { method: 'GET', pattern: /^\/$/, handler: () => ({ body: info(device) }) },
    { method: 'GET', pattern: /^\/health\/?$/, handler: () => ({ body: health(device, registry, startedAt) }) },
    { method: 'GET', pattern: /^\/health\/detailed$/, handler: () => ({ body: health(device, registry, startedAt) }) },
    {
      method: 'POST',
      pattern: /^\/training\/start$/,
      handler: async (request) => {
        const parsed = parseStartRequest(await readJsonBody(request))
        const strategy = resolveStrategy(parsed.strategySource, strategiesDir)
        const session = registry.start({
          strategy,
          symbols: parsed.symbols,
          timeframes: parsed.timeframes,
          startDate: parsed.startDate,
          endDate: parsed.endDate,
          seed: parsed.seed ?? defaultSeed,
          epochs: parsed.epochs,
        })
        log(`session ${session.sessionId}: started (${strategy.name}, ${parsed.symbols.join(',')})`)
        return {
          body: {
            session_id: session.sessionId,
            status: 'started',
            message: `Training session ${session.sessionId} started successfully`,
            gpu_allocated: device.device === 'cuda',
            estimated_duration_minutes: null,
          },
        }
      },
    },
    {
      method: 'POST',
      pattern: /^\/training\/stop$/,
      handler: async (request) => {
        const session = registry.get(readSessionId(await readJsonBody(request)))
        if (!session.requestStop()) {
          throw new HttpError(
            409,
            'session_not_running',
            session.saving
              ? `Session ${session.sessionId} is saving its model and can no longer be stopped`
              : `Session ${session.sessionId} is not running (status: ${session.status})`,
          )
        }
        return {
          status: 202,
          body: {
            session_id: session.sessionId,
            status: 'stopping',
            message: `Stop requested for session ${session.sessionId}; it ends as "stopped" at its next batch`,
            checkpoint_saved: false,
          },
        }
      },
    },
    {
      method: 'GET',
      pattern: /^\/training\/status\/([^/]+)$/,
      handler: (_r, [id]) => ({ body: registry.get(id!).snapshot() }),
    },
    {
      method: 'GET',
      pattern: /^\/training\/result\/([^/]+)$/,
      handler: (_r, [id]) => {
        const session = registry.get(id!)
        const result = session.resultPayload()
        if (!result) {
          throw new HttpError(409, 'result_not_ready', `Session ${id} has no result (status: ${session.status})`)
        }
        return { body: result }
      },
    },
    {
      method: 'GET',
      pattern: /^\/training\/sessions$/,
      handler: () => ({
        body: {
          total_sessions: registry.list().length,
          sessions: registry.list().map(summary),
          timestamp: new Date().toISOString(),
        },
      }),
    },
    {
      method: 'DELETE',
      pattern: /^\/training\/sessions\/([^/]+)$/,
      handler: (_r, [id]) => {
        registry.remove(id!)
        return { body: { session_id: id, status: 'cleaned_up', message: `Session ${id} cleaned up successfully` } }
      },
    },
    {
      method: 'POST',
      pattern: /^\/training\/evaluate$/,
      handler: () => {
        throw new HttpError(
          410,
          'gone',
          'model evaluation is not offered by this host (the old endpoint returned fixed mock numbers)',
        )
      },
    },
  ]

  const server = createServer((request, response) => {
    handle(routes, token, request, response).catch((error: unknown) => {
      log(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
      if (!response.headersSent)
        sendJson(response, 500, { error: 'internal_error', detail: 'internal error; see the host log' })
      else response.destroy()
    })
  })
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy()
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW'
    const body = JSON.stringify({
      error: tooLarge ? 'headers_too_large' : 'bad_request',
      detail: tooLarge
        ? 'request headers exceed the server limit'
        : `malformed HTTP request (${error.code ?? 'parse error'})`,
    })
    const status = tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request'
    socket.end(
      `HTTP/1.1 ${status}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    )
  })
  return {
    server,
    registry,
    shutdown: (waitMs = DEFAULT_SHUTDOWN_WAIT_MS) => registry.stopAll(waitMs),
  }
}

async function handle(
  routes: readonly Route[],
  token: string | null,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  try {
    const path = (request.url ?? '/').split('?')[0]!
    checkBearerToken(request, path, token)
    const candidates = routes.filter((r) => r.pattern.test(path))
    const route = candidates.find((r) => r.method === request.method)
    if (!route) {
      if (candidates.length === 0) throw new HttpError(404, 'not_found', `no route ${request.method} ${path}`)
      const allow = candidates.map((r) => r.method).join(', ')
      throw new HttpError(
        405,
        'method_not_allowed',
        `${request.method} is not allowed on ${path} (allowed: ${allow})`,
        [],
        {
          allow,
        },
      )
    }
    const params = route.pattern
      .exec(path)!
      .slice(1)
      .map((part) => decodePathPart(part, path))
    const reply = await route.handler(request, params)
    sendJson(response, reply.status ?? 200, reply.body)
  } catch (error) {
    if (!(error instanceof HttpError)) throw error
    sendJson(response, error.status, error.body(), error.headers)
    if (error.headers.connection === 'close') request.resume()
  }
}

function decodePathPart(part: string, path: string): string {
  try {
    return decodeURIComponent(part)
  } catch {
    throw new HttpError(400, 'bad_path', `malformed percent-encoding in ${path}`)
  }
}

function readSessionId(body: unknown): string {
  const id = body !== null && typeof body === 'object' ? (body as Record<string, unknown>).session_id : undefined
  if (typeof id !== 'string' || id === '') {
    throw new HttpError(422, 'validation_error', 'session_id: required (a string)', [
      { field: 'session_id', message: 'required (a string)' },
    ])
  }
  return id
}

function summary(session: HostTrainingOrchestrator): Record<string, unknown> {
  const s = session.snapshot()
  return {
    session_id: s.session_id,
    status: s.status,
    start_time: s.start_time,
    last_updated: s.last_updated,
    progress: s.progress,
    gpu_allocated: false,
    error: s.error,
  }
}

function info(device: DeviceSelection): Record<string, unknown> {
  return {
    service: 'Training Host Service',
    version: '2.0.0',
    status: 'running',
    timestamp: new Date().toISOString(),
    gpu_available: device.device === 'cuda',
    device: device.device,
    device_info: hostDeviceInfo(device.info),
  }
}

function health(device: DeviceSelection, registry: SessionRegistry, startedAt: number): Record<string, unknown> {
  return {
    healthy: true,
    service: 'training-host',
    timestamp: new Date().toISOString(),
    status: 'operational',
    device: device.device,
    device_info: hostDeviceInfo(device.info),
    active_training_sessions: registry.activeCount(),
    uptime_seconds: (Date.now() - startedAt) / 1000,
    system_memory_total_mb: os.totalmem() / 1024 ** 2,
  }
}
