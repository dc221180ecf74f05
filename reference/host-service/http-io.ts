/**
 * HTTP plumbing of the training host service on `node:http`: the JSON error type every handler throws
 * (`{error, detail, fields?}` with a 4xx status for client mistakes), a size-limited JSON body reader, and
 * JSON responses. Part of the hardening of docs/architecture.md §5 / issue 10.1.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'

/** One field-level validation message of a 422. */
export interface FieldProblem {
  /** Dotted path in the request body, e.g. `data_configuration.symbols[1]`. */
  readonly field: string
  readonly message: string
}

/** The body of every error response. */
export interface ErrorBody {
  /** Machine-readable code, e.g. `validation_error`, `not_found`, `too_many_sessions`. */
  readonly error: string
  /** One human-readable line. */
  readonly detail: string
  readonly fields?: readonly FieldProblem[]
}

/** An error answered with `status` and an {@link ErrorBody}. */
export class HttpError extends Error {
  override readonly name = 'HttpError'

  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
    readonly fields: readonly FieldProblem[] = [],
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(detail)
  }

  /** The response body. */
  body(): ErrorBody {
    return this.fields.length > 0
      ? { error: this.code, detail: this.message, fields: this.fields }
      : { error: this.code, detail: this.message }
  }
}

/** Largest accepted request body. @default 1 MiB — a strategy YAML is at most 256 KiB (the loader's limit). */
export const MAX_BODY_BYTES = 1024 * 1024

/**
 * Reads and parses a JSON request body.
 *
 * @throws HttpError 415 for a declared content-type that is not JSON, 413 once more than `limit` bytes arrive
 *   (reading stops there), 400 for an empty body or
 *   malformed JSON
 */
export async function readJsonBody(request: IncomingMessage, limit: number = MAX_BODY_BYTES): Promise<unknown> {
  const type = request.headers['content-type']
  if (type !== undefined && !isJsonMediaType(type)) {
    throw new HttpError(
      415,
      'unsupported_media_type',
      `content-type ${type.slice(0, 80)} is not JSON; send application/json`,
    )
  }
  const declared = Number(request.headers['content-length'])
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit)
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > limit) throw tooLarge(limit)
    chunks.push(chunk)
  }
  const text = Buffer.concat(chunks).toString('utf8')
  if (text.trim() === '') throw new HttpError(400, 'malformed_json', 'request body is empty; expected a JSON object')
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new HttpError(400, 'malformed_json', `request body is not valid JSON: ${(error as Error).message}`)
  }
}

/** `application/json` or a `+json` type, parameters (charset) ignored. */
function isJsonMediaType(header: string): boolean {
  const media = header.split(';')[0]!.trim().toLowerCase()
  return media === 'application/json' || /^[a-z]+\/[a-z0-9.+-]+\+json$/.test(media)
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, 'payload_too_large', `request body exceeds the ${limit}-byte limit`, [], {
    connection: 'close',
  })
}

/** Writes `payload` as JSON (`null` for non-finite numbers, as `JSON.stringify` does). */
export function sendJson(
  response: ServerResponse,
  status: number,
  payload: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  const body = JSON.stringify(payload)
  response.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  })
  response.end(body)
}
