/**
 * The old host's HTTP server on `node:http` (docs/legacy-behaviour.md §9.2, §13): FastAPI/Starlette routing
 * semantics (404 `{"detail":"Not Found"}`, 405 with `Allow`, 307 trailing-slash redirects), every service
 * error as 500 `{"detail": "<prefix>: <reason>"}`, 422 pydantic bodies, and Starlette's JSON encoder, which
 * refuses NaN (a plain-text 500).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { randomUUID } from 'node:crypto'
import { fusedRuntime } from '../../reference/runtime/fused-runtime.ts'
import type { TrainingRuntime } from '../../reference/runtime/training-runtime.ts'
import { basicHealth, CpuPercentMeter, detailedHealth, rootInfo, slashHealth } from './health.ts'
import { pythonUtcIsoformat } from './python-compat.ts'
import {
  decodeBody,
  parseEvaluationRequest,
  parseStartRequest,
  parseStopRequest,
  RequestValidationError,
} from './request-validation.ts'
import { LegacyTrainingService } from './training-service.ts'

/** Start-up options of the old host (the CLI `host serve --impl old`). */
export interface LegacyHostOptions {
  /** Where `<SYMBOL>_<TF>.csv` files are read. */
  readonly dataDir: string
  /** Sleep after every batch. @default 100 (the original `asyncio.sleep(0.1)`) */
  readonly batchDelayMs?: number
  /** Sleep after every epoch. @default 500 (the original `asyncio.sleep(0.5)`) */
  readonly epochDelayMs?: number
  /** Seed of sessions whose request carries no `training_configuration.seed`. @default 42 */
  readonly seed?: number
  /** Clock of the one-year data window (epoch ms). @default Date.now */
  readonly now?: () => number
  /** Clock of the timestamps in responses. @default Date.now */
  readonly wallClock?: () => number
  /** @default fusedRuntime */
  readonly runtime?: TrainingRuntime
  /** Log sink. @default no logging */
  readonly log?: (line: string) => void
}

/** A running old host: the HTTP server plus the service behind it. */
export interface LegacyHost {
  readonly server: Server
  readonly service: LegacyTrainingService
  /** The FastAPI shutdown hook: stops running sessions and drops them (call after `server.close()`). */
  shutdown(): Promise<void>
}

/** The HTTP error FastAPI's `HTTPException` handler renders as `{"detail": ...}`. */
class HttpException extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(detail)
  }
}

type Handler = (params: string[], request: IncomingMessage, body: Buffer) => Promise<unknown> | unknown

interface Route {
  readonly method: string
  readonly pattern: RegExp
  readonly handler: Handler
}

/** Creates (but does not start) the old host's server. */
export function createLegacyHost(options: LegacyHostOptions): LegacyHost {
  const wallClock = options.wallClock ?? Date.now
  const log = options.log ?? (() => undefined)
  const service = new LegacyTrainingService({
    environment: {
      dataDir: options.dataDir,
      batchDelayMs: options.batchDelayMs ?? 100,
      epochDelayMs: options.epochDelayMs ?? 500,
      now: options.now ?? Date.now,
      runtime: options.runtime ?? fusedRuntime,
      log,
    },
    defaultSeed: options.seed ?? 42,
    wallClock,
  })
  const cpu = new CpuPercentMeter()

  const serviceCall = async <T>(prefix: string, call: () => T | Promise<T>): Promise<T> => {
    try {
      return await call()
    } catch (error) {
      throw new HttpException(500, `${prefix}: ${(error as Error).message}`)
    }
  }

  const routes: Route[] = [
    {
      method: 'POST',
      pattern: /^\/training\/start$/,
      handler: async (_p, request, raw) => {
        const body = parseStartRequest(decodeBody(raw, request.headers['content-type']))
        const started = await serviceCall('Failed to start training', () => {
          const config = {
            model_config: body.model_configuration,
            training_config: body.training_configuration,
            data_config: body.data_configuration,
            gpu_config: body.gpu_configuration ?? {},
          }
          const sessionId = service.createSession(config, body.session_id)
          const status = service.getSessionStatus(sessionId)
          log(`Training session ${sessionId} started successfully`)
          return { sessionId, gpuAllocated: status.resource_usage.gpu_allocated }
        })
        return {
          session_id: started.sessionId,
          status: 'started',
          message: `Training session ${started.sessionId} started successfully`,
          gpu_allocated: started.gpuAllocated,
          estimated_duration_minutes: optionalFloat(body.training_configuration.estimated_duration_minutes),
        }
      },
    },
    {
      method: 'POST',
      pattern: /^\/training\/stop$/,
      handler: async (_p, request, raw) => {
        const body = parseStopRequest(decodeBody(raw, request.headers['content-type']))
        await serviceCall('Failed to stop training', () => service.stopSession(body.session_id))
        return {
          session_id: body.session_id,
          status: 'stopped',
          message: `Training session ${body.session_id} stopped successfully`,
          checkpoint_saved: body.save_checkpoint,
        }
      },
    },
    {
      method: 'GET',
      pattern: /^\/training\/status\/([^/]+)$/,
      handler: ([id]) =>
        serviceCall('Failed to get training status', () => {
          const info = service.getSessionStatus(id!)
          return {
            session_id: id,
            status: info.status,
            progress: info.progress,
            metrics: info.metrics.current,
            gpu_usage: info.resource_usage,
            start_time: info.start_time,
            last_updated: info.last_updated,
            error: info.error,
          }
        }),
    },
    {
      method: 'GET',
      pattern: /^\/training\/sessions$/,
      handler: () =>
        serviceCall('Failed to list sessions', () => {
          const sessions = service.listSessions()
          return { total_sessions: sessions.length, sessions, timestamp: pythonUtcIsoformat(wallClock()) }
        }),
    },
    {
      method: 'POST',
      pattern: /^\/training\/evaluate$/,
      handler: (_p, request, raw) => {
        parseEvaluationRequest(decodeBody(raw, request.headers['content-type']))
        const start = wallClock()
        const end = wallClock()
        return {
          evaluation_id: randomUUID(),
          results: { accuracy: 0.85, loss: 0.23, f1_score: 0.82 },
          gpu_used: false,
          evaluation_time_seconds: (end - start) / 1000,
          timestamp: pythonUtcIsoformat(end),
        }
      },
    },
    {
      method: 'DELETE',
      pattern: /^\/training\/sessions\/([^/]+)$/,
      handler: async ([id]) => {
        await serviceCall('Failed to cleanup session', () => service.cleanupSession(id!))
        return { session_id: id, status: 'cleaned_up', message: `Session ${id} cleaned up successfully` }
      },
    },
    { method: 'GET', pattern: /^\/health\/$/, handler: () => slashHealth(wallClock(), cpu) },
    { method: 'GET', pattern: /^\/health\/detailed$/, handler: () => detailedHealth(wallClock()) },
    { method: 'GET', pattern: /^\/$/, handler: () => rootInfo(wallClock()) },
    { method: 'GET', pattern: /^\/health$/, handler: () => basicHealth(wallClock()) },
  ]

  const server = createServer((request, response) => {
    void handle(routes, request, response).catch((error: Error) => {
      log(`Unhandled error: ${error.stack ?? error.message}`)
      if (!response.headersSent) sendText(response, 500, 'Internal Server Error')
    })
  })
  return { server, service, shutdown: () => service.shutdown() }
}

async function handle(routes: readonly Route[], request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost')
  let path: string
  try {
    path = decodeURIComponent(url.pathname)
  } catch {
    path = url.pathname
  }
  const method = request.method ?? 'GET'
  const raw = await readBody(request)
  const candidates = routes.filter((r) => r.pattern.test(path))
  const route = candidates.find((r) => r.method === method)
  try {
    if (!route) {
      if (candidates.length > 0) {
        throw new HttpException(405, 'Method Not Allowed', { allow: candidates.map((r) => r.method).join(', ') })
      }
      const toggled = path.endsWith('/') ? path.slice(0, -1) : `${path}/`
      if (path !== '/' && routes.some((r) => r.pattern.test(toggled))) {
        response.writeHead(307, { location: `http://${request.headers.host ?? 'localhost'}${toggled}${url.search}` })
        response.end()
        return
      }
      throw new HttpException(404, 'Not Found')
    }
    const params = route.pattern.exec(path)!.slice(1)
    sendJson(response, 200, await route.handler(params, request, raw))
  } catch (error) {
    if (error instanceof RequestValidationError) sendJson(response, 422, { detail: error.errors })
    else if (error instanceof HttpException) sendJson(response, error.status, { detail: error.detail }, error.headers)
    else throw error
  }
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => resolve(Buffer.concat(chunks)))
    request.on('error', reject)
  })
}

/** Starlette's `JSONResponse` (`allow_nan=False`): a NaN or infinity anywhere makes the response a plain 500. */
function sendJson(
  response: ServerResponse,
  status: number,
  payload: unknown,
  headers: Record<string, string> = {},
): void {
  if (!allFinite(payload)) {
    sendText(response, 500, 'Internal Server Error')
    return
  }
  const body = JSON.stringify(payload)
  response.writeHead(status, {
    ...headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  })
  response.end(body)
}

function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text) })
  response.end(text)
}

function allFinite(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value)
  if (Array.isArray(value)) return value.every(allFinite)
  if (value !== null && typeof value === 'object') return Object.values(value).every(allFinite)
  return true
}

/** The response model's `Optional[float]`: numbers and numeric strings pass, anything else fails the response. */
function optionalFloat(value: unknown): number | null {
  if (value === undefined || value === null) return null
  if (typeof value === 'number') return value
  if (typeof value === 'boolean') return value ? 1 : 0
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value)
  throw new Error('response validation failed: estimated_duration_minutes is not a float')
}
