import { readdirSync, readFileSync } from 'node:fs'
import { connect } from 'node:net'
import { networkInterfaces } from 'node:os'
import { join, resolve } from 'node:path'
import { test } from '@japa/runner'
import { badRequestCorpus, type BadRequestCase } from '../../harness/reliability/bad-requests.ts'
import { rawRequest, type RawResponse } from '../../harness/reliability/raw-http.ts'
import {
  createWorkspace,
  RELIABILITY_STRATEGY_YAML,
  startNewHost,
  type Workspace,
} from '../../harness/reliability/workspace.ts'
import { newStartBody } from '../../reference/host-service/client/start-bodies.ts'
import type { HostProcess } from '../../reference/host-service/process.ts'

const TOKEN = 'reliability-token'
const AUTH = { authorization: `Bearer ${TOKEN}` }
const REQUESTS_DIR = resolve(import.meta.dirname, '../fixtures/bad-input/requests')
/** A valid body whose symbol has no data file: were a case wrongly accepted, its session would fail at once. */
const VALID_BODY = newStartBody(RELIABILITY_STRATEGY_YAML, {
  symbols: ['NODATA'],
  timeframes: ['1h'],
  startDate: '2024-01-01',
  endDate: '2024-02-01',
  seed: 1,
  epochs: 1,
})

/** Why a reply breaks the contract (4xx, the expected status, JSON `{error, detail}`), or null. */
function violation(c: BadRequestCase, r: RawResponse): string | null {
  if (r.timedOut || r.status === 0) return `no answer (${r.error})`
  if (r.status < 400 || r.status > 499) return `status ${r.status}: ${r.text.slice(0, 160)}`
  if (c.expect && !c.expect.includes(r.status)) return `status ${r.status}, expected ${c.expect.join('/')}`
  const body = r.json as { error?: unknown; detail?: unknown } | undefined
  if (typeof body?.error !== 'string' || typeof body.detail !== 'string') {
    return `status ${r.status} without a JSON {error, detail} body: ${JSON.stringify(r.text.slice(0, 80))}`
  }
  if (body.detail.includes('\n')) return 'detail is not one line'
  return null
}

test.group('reliability: the new host answers a bad-input corpus with 4xx JSON and stays healthy', (group) => {
  let workspace: Workspace
  let host: HostProcess & { log(): string }
  group.setup(async () => {
    workspace = createWorkspace('rel-bad-requests')
    host = await startNewHost(workspace, { token: TOKEN, maxSessions: 2 })
    return async () => {
      await host.stop()
      workspace.remove()
    }
  })

  test('≥ 150 malformed, hostile or unauthorised requests: each a 4xx {error, detail}, no hang, no session', async ({
    assert,
  }) => {
    const fixtureBodies = Object.fromEntries(
      readdirSync(REQUESTS_DIR).map((name) => [name, readFileSync(join(REQUESTS_DIR, name), 'utf8')]),
    )
    const corpus = badRequestCorpus({ token: TOKEN, validStartBody: VALID_BODY, fixtureBodies })
    assert.isAtLeast(corpus.length, 150)
    assert.equal(new Set(corpus.map((c) => c.name)).size, corpus.length, 'case names are unique')
    const problems: string[] = []
    let slowest = { name: '', ms: 0 }
    for (const c of corpus) {
      const reply = await rawRequest(host.url, c, 5000)
      const problem = violation(c, reply)
      if (problem) problems.push(`${c.name} → ${problem}`)
      if (reply.elapsedMs > slowest.ms) slowest = { name: c.name, ms: reply.elapsedMs }
    }
    console.log(
      `bad-input corpus: ${corpus.length} cases, ${problems.length} violations, slowest ${slowest.ms.toFixed(0)} ms (${slowest.name})`,
    )
    const health = await rawRequest(host.url, { method: 'GET', path: '/health' })
    const sessions = await rawRequest(host.url, { method: 'GET', path: '/training/sessions', headers: AUTH })
    assert.deepEqual(problems, [])
    assert.equal(health.status, 200, 'the host still answers /health')
    assert.equal((sessions.json as { total_sessions: number }).total_sessions, 0, 'no bad request started a session')
    assert.notInclude(host.log(), 'internal error')
  }).timeout(60_000)

  test('a burst of 64 concurrent bad requests: all 4xx, then /health answers', async ({ assert }) => {
    const corpus = badRequestCorpus({ token: TOKEN, validStartBody: VALID_BODY }).filter(
      (c) => !c.name.startsWith('content type:') && !c.name.startsWith('size: a 20 KB'),
    )
    const burst = Array.from({ length: 64 }, (_, i) => corpus[(i * 37) % corpus.length]!)
    const replies = await Promise.all(burst.map((c) => rawRequest(host.url, c, 10_000)))
    assert.deepEqual(
      replies.map((r, i) => violation(burst[i]!, r)).filter((v) => v !== null),
      [],
    )
    assert.equal((await rawRequest(host.url, { method: 'GET', path: '/health' })).status, 200)
  }).timeout(30_000)

  test('with --token every endpoint but /health answers 401 without or with a wrong bearer token', async ({
    assert,
  }) => {
    const endpoints: Array<[string, string, string?]> = [
      ['GET', '/'],
      ['GET', '/health/'],
      ['GET', '/health/detailed'],
      ['POST', '/training/start', JSON.stringify(VALID_BODY)],
      ['POST', '/training/stop', '{"session_id":"x"}'],
      ['GET', '/training/status/x'],
      ['GET', '/training/result/x'],
      ['GET', '/training/sessions'],
      ['DELETE', '/training/sessions/x'],
      ['POST', '/training/evaluate', '{}'],
      ['GET', '/no-such-route'],
    ]
    const seen: string[] = []
    for (const [method, path, body] of endpoints) {
      for (const headers of [{}, { authorization: 'Bearer not-the-token' }] as Array<Record<string, string>>) {
        const r = await rawRequest(host.url, {
          method,
          path,
          headers: { 'content-type': 'application/json', ...headers },
          ...(body === undefined ? {} : { body }),
        })
        seen.push(`${method} ${path} ${r.status} ${(r.json as { error?: string } | undefined)?.error}`)
        assert.equal(r.headers['www-authenticate'], 'Bearer')
      }
    }
    assert.deepEqual(
      seen,
      endpoints.flatMap(([m, p]) => [`${m} ${p} 401 unauthorized`, `${m} ${p} 401 unauthorized`]),
    )
    assert.equal((await rawRequest(host.url, { method: 'GET', path: '/health' })).status, 200)
    assert.equal((await rawRequest(host.url, { method: 'GET', path: '/health/', headers: AUTH })).status, 200)
  })

  test('the host listens on 127.0.0.1 by default and not on other interfaces', async ({ assert }) => {
    const url = new URL(host.url)
    assert.equal(url.hostname, '127.0.0.1', 'the "listening" line names the loopback address')
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((i) => i !== undefined && i.family === 'IPv4' && !i.internal)
      .map((i) => i!.address)
    for (const address of others) {
      const outcome = await new Promise<string>((done) => {
        const socket = connect({ host: address, port: Number(url.port) })
        socket.setTimeout(2000, () => {
          socket.destroy()
          done('timeout')
        })
        socket.once('connect', () => {
          socket.destroy()
          done('connected')
        })
        socket.once('error', (error: NodeJS.ErrnoException) => done(error.code ?? error.message))
      })
      assert.notEqual(outcome, 'connected', `port ${url.port} must not be reachable on ${address}`)
    }
  })
})
