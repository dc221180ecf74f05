/**
 * Raw HTTP requests for the reliability tests (issue 10): `node:http` with a fresh connection per request, the
 * path sent byte for byte (no URL normalisation, so `/../` and `%2F` reach the server as written), any header or
 * body, and a hard time limit — a request that gets no answer in time resolves as `timedOut` instead of hanging.
 */
import { request as httpRequest } from 'node:http'

/** One request. */
export interface RawRequest {
  readonly method: string
  /** Sent as-is in the request line, e.g. `/training/status/..%2Fx`. */
  readonly path: string
  readonly headers?: Readonly<Record<string, string>>
  /** Written as-is; a string is sent as UTF-8. */
  readonly body?: string | Buffer
  /** Send the body with `Transfer-Encoding: chunked` instead of a `Content-Length`. @default false */
  readonly chunked?: boolean
}

/** What came back. */
export interface RawResponse {
  /** The status code; 0 when no response arrived (transport error or time-out). */
  readonly status: number
  readonly headers: Readonly<Record<string, string | string[] | undefined>>
  readonly text: string
  /** The body parsed as JSON, or undefined when it is not JSON. */
  readonly json: unknown
  readonly elapsedMs: number
  readonly timedOut: boolean
  /** The transport error, if the exchange failed before a full response. */
  readonly error: string | null
}

/**
 * Sends one request to `baseUrl` (`http://host:port`) and resolves with whatever came back within `timeoutMs`;
 * never rejects.
 */
export function rawRequest(baseUrl: string, req: RawRequest, timeoutMs = 5000): Promise<RawResponse> {
  const url = new URL(baseUrl)
  const started = performance.now()
  return new Promise((resolve) => {
    let settled = false
    let status = 0
    let headers: RawResponse['headers'] = {}
    const chunks: Buffer[] = []
    const finish = (error: string | null, timedOut = false): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      const text = Buffer.concat(chunks).toString('utf8')
      let json: unknown
      try {
        json = JSON.parse(text)
      } catch {
        json = undefined
      }
      resolve({ status, headers, text, json, elapsedMs: performance.now() - started, timedOut, error })
      client.destroy()
    }
    const body = req.body === undefined ? undefined : Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body)
    const headersOut: Record<string, string> = { ...req.headers }
    if (body !== undefined && !req.chunked && !hasHeader(headersOut, 'content-length')) {
      headersOut['content-length'] = String(body.length)
    }
    const client = httpRequest(
      { host: url.hostname, port: url.port, method: req.method, path: req.path, headers: headersOut, agent: false },
      (response) => {
        status = response.statusCode ?? 0
        headers = response.headers
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () => finish(null))
        response.on('error', (error) => finish(error.message))
        response.on('close', () => finish(null))
      },
    )
    const timer = setTimeout(() => finish(`no answer within ${timeoutMs} ms`, true), timeoutMs)
    client.on('error', (error) => {
      // The server may answer (413) and close while the body is still being written: keep that answer.
      if (status !== 0) return
      finish(error.message)
    })
    if (body !== undefined) client.write(body)
    client.end()
  })
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name)
}
