import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { test } from '@japa/runner'
import { writeSyntheticDataset } from '../../../reference/data/synthetic.ts'
import { newStartBody } from '../../../reference/host-service/client/start-bodies.ts'
import { startHostProcess, type HostProcess } from '../../../reference/host-service/process.ts'

const TOKEN = 'test-token-123'
const STRATEGY_YAML = readFileSync(
  resolve(import.meta.dirname, '../../../strategies/neuro_mean_reversion.yaml'),
  'utf8',
)
const RUN = { symbols: ['AAPL'], timeframes: ['1h'], startDate: '2024-01-01', endDate: '2024-02-01', seed: 3 }

interface Reply {
  status: number
  body: { error?: string; detail?: string; fields?: Array<{ field: string; message: string }>; [k: string]: unknown }
  headers: Headers
}

async function call(
  url: string,
  method: string,
  path: string,
  body?: unknown,
  token: string | null = TOKEN,
): Promise<Reply> {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (token !== null) headers.authorization = `Bearer ${token}`
  const response = await fetch(`${url}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  })
  return { status: response.status, body: (await response.json()) as Reply['body'], headers: response.headers }
}

test.group('new host over HTTP: client mistakes get 4xx JSON, hardening holds', (group) => {
  let dir = ''
  let host: HostProcess
  group.setup(async () => {
    dir = mkdtempSync(join(tmpdir(), 'new-host-errors-'))
    writeSyntheticDataset(join(dir, 'data'), { symbols: ['AAPL'], bars: 600, seed: 9, timeframes: ['1h'] })
    writeFileSync(join(dir, 'passwd'), 'not a strategy')
    host = await startHostProcess({
      impl: 'new',
      modelsDir: join(dir, 'models'),
      dataDir: join(dir, 'data'),
      strategiesDir: join(dir, 'strategies'),
      maxSessions: 1,
      token: TOKEN,
    })
    return async () => {
      await host.stop()
      rmSync(dir, { recursive: true, force: true })
    }
  })

  test('the bearer token is required everywhere but /health', async ({ assert }) => {
    assert.equal((await call(host.url, 'GET', '/health', undefined, null)).status, 200)
    const missing = await call(host.url, 'GET', '/training/sessions', undefined, null)
    assert.deepEqual([missing.status, missing.body.error], [401, 'unauthorized'])
    assert.equal(missing.headers.get('www-authenticate'), 'Bearer')
    assert.equal((await call(host.url, 'GET', '/training/sessions', undefined, 'wrong')).status, 401)
    assert.equal((await call(host.url, 'GET', '/training/sessions')).status, 200)
  })

  test('routing and body errors: 404, 405, 400 malformed JSON, 413 oversized body', async ({ assert }) => {
    assert.deepEqual((await call(host.url, 'GET', '/nope')).body, { error: 'not_found', detail: 'no route GET /nope' })
    const wrong = await call(host.url, 'PUT', '/training/start', {})
    assert.deepEqual([wrong.status, wrong.headers.get('allow')], [405, 'POST'])
    const malformed = await call(host.url, 'POST', '/training/start', '{"model_configuration": ')
    assert.deepEqual([malformed.status, malformed.body.error], [400, 'malformed_json'])
    const huge = await call(host.url, 'POST', '/training/start', JSON.stringify({ pad: 'x'.repeat(2 * 1024 * 1024) }))
    assert.deepEqual([huge.status, huge.body.error], [413, 'payload_too_large'])
  })

  test('missing fields, an invalid strategy and traversal symbols are 422s naming the field', async ({ assert }) => {
    const missing = await call(host.url, 'POST', '/training/start', { training_configuration: {} })
    assert.equal(missing.status, 422)
    assert.deepEqual(
      missing.body.fields!.map((f) => f.field),
      ['model_configuration', 'data_configuration'],
    )
    const badYaml = STRATEGY_YAML.replace('parameters: [0, 20, 35]', 'parameters: [35, 20, 0]')
    const invalid = await call(host.url, 'POST', '/training/start', newStartBody(badYaml, RUN))
    assert.equal(invalid.status, 422)
    assert.equal(invalid.body.fields![0]!.field, 'model_configuration.strategy_yaml')
    assert.include(invalid.body.detail!, 'fuzzy_sets.rsi.oversold.parameters')
    const traversal = await call(
      host.url,
      'POST',
      '/training/start',
      newStartBody(STRATEGY_YAML, { ...RUN, symbols: ['../../etc/passwd'], timeframes: ['/1h'] }),
    )
    assert.equal(traversal.status, 422)
    assert.deepEqual(
      traversal.body.fields!.map((f) => f.field),
      ['data_configuration.symbols[0]', 'data_configuration.timeframes[0]'],
    )
    const path = await call(host.url, 'POST', '/training/start', {
      model_configuration: { strategy_config: join(dir, 'passwd') },
      data_configuration: { symbols: ['AAPL'], timeframes: ['1h'] },
    })
    assert.equal(path.status, 422)
    assert.equal(path.body.fields![0]!.message, 'no strategy named "passwd" on this host')
  })

  test('unknown ids are 404; result before completion and stop after it are 409; a second session is 429', async ({
    assert,
  }) => {
    for (const [method, path, body] of [
      ['GET', '/training/status/nope', undefined],
      ['GET', '/training/result/nope', undefined],
      ['POST', '/training/stop', { session_id: 'nope' }],
      ['DELETE', '/training/sessions/nope', undefined],
    ] as const) {
      const reply = await call(host.url, method, path, body)
      assert.deepEqual(
        [reply.status, reply.body],
        [404, { error: 'session_not_found', detail: 'Session nope not found' }],
      )
    }
    const long = await call(host.url, 'POST', '/training/start', newStartBody(STRATEGY_YAML, { ...RUN, epochs: 5000 }))
    const id = long.body.session_id as string
    const early = await call(host.url, 'GET', `/training/result/${id}`)
    assert.deepEqual([early.status, early.body.error], [409, 'result_not_ready'])
    const second = await call(host.url, 'POST', '/training/start', newStartBody(STRATEGY_YAML, { ...RUN, epochs: 1 }))
    assert.deepEqual([second.status, second.body.error], [429, 'too_many_sessions'])
    assert.equal((await call(host.url, 'POST', '/training/stop', { session_id: id })).status, 202)
    let status = ''
    while (status !== 'stopped') status = (await call(host.url, 'GET', `/training/status/${id}`)).body.status as string
    const again = await call(host.url, 'POST', '/training/stop', { session_id: id })
    assert.deepEqual(again.body, {
      error: 'session_not_running',
      detail: `Session ${id} is not running (status: stopped)`,
    })
    assert.equal(again.status, 409)
    assert.equal((await call(host.url, 'DELETE', `/training/sessions/${id}`)).status, 200)
  }).timeout(20_000)
})
