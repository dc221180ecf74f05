/**
 * Optional bearer-token check of the host service (issue 10.1): when a token is configured, every endpoint
 * but `GET /health` requires `Authorization: Bearer <token>`; the comparison is constant-time.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { HttpError } from './http-io.ts'

/** Environment variable read when `--token` is not given. */
export const TOKEN_ENV_VAR = 'KTRDR_HOST_TOKEN'

/** The one unauthenticated route: liveness probes must work without credentials. */
const PUBLIC_PATHS: ReadonlySet<string> = new Set(['/health'])

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest()
}

/**
 * Throws 401 unless `path` is public, no token is configured, or the request carries the token.
 */
export function checkBearerToken(request: IncomingMessage, path: string, token: string | null): void {
  if (token === null || PUBLIC_PATHS.has(path)) return
  const header = request.headers.authorization ?? ''
  const match = /^Bearer\s+(.+)$/i.exec(header.trim())
  if (!match || !timingSafeEqual(digest(match[1]!), digest(token))) {
    throw new HttpError(401, 'unauthorized', 'missing or invalid bearer token', [], { 'www-authenticate': 'Bearer' })
  }
}
