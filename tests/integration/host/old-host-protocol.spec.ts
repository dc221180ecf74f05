import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { test } from '@japa/runner'
import { writeSyntheticDataset } from '../../../reference/data/synthetic.ts'
import { trainViaHost } from '../../../reference/host-service/client/train-via-host.ts'
import { startHostProcess, type HostProcess } from '../../../reference/host-service/process.ts'

/** The synthetic bars start 2024-01-01; the old host reads the year before its clock. */
const NOW = '2024-02-01T00:00:00Z'

interface Reply {
  status: number
  body: unknown
  headers: Headers
}

async function call(
  url: string,
  method: string,
  path: string,
  body?: string,
  contentType = 'application/json',
): Promise<Reply> {
  const response = await fetch(`${url}${path}`, {
    method,
    redirect: 'manual',
    ...(body === undefined ? {} : { body, headers: { 'content-type': contentType } }),
  })
  const text = await response.text()
  let parsed: unknown = text
  try {
    parsed = JSON.parse(text)
  } catch {
    parsed = text
  }
  return { status: response.status, body: parsed, headers: response.headers }
}

const startBody = (training: Record<string, unknown>): string =>
  JSON.stringify({
    model_configuration: { strategy_config: '/app/strategies/anything.yaml' },
    training_configuration: training,
    data_configuration: { symbols: ['AAPL'], timeframes: ['1h'] },
  })

async function waitForStatus(
  url: string,
  id: string,
  done: (status: string) => boolean,
  seen: string[],
): Promise<Reply> {
  for (;;) {
    const reply = await call(url, 'GET', `/training/status/${id}`)
    const status = (reply.body as { status: string }).status
    if (!seen.includes(status)) seen.push(status)
    if (done(status)) return reply
    await new Promise((r) => setTimeout(r, 50))
  }
}

test.group('old host over HTTP: the §9.2 / §13 protocol', (group) => {
  let dir = ''
  let host: HostProcess
  group.setup(async () => {
    dir = mkdtempSync(join(tmpdir(), 'old-host-'))
    writeSyntheticDataset(join(dir, 'data'), { symbols: ['AAPL'], bars: 200, seed: 5, timeframes: ['1h'] })
    host = await startHostProcess({
      impl: 'old',
      modelsDir: join(dir, 'models'),
      dataDir: join(dir, 'data'),
      batchDelayMs: 5,
      now: NOW,
    })
    return async () => {
      await host.stop()
      rmSync(dir, { recursive: true, force: true })
    }
  })

  test('info and health routes, including the distinct /health/ route', async ({ assert }) => {
    const root = await call(host.url, 'GET', '/')
    assert.include(root.body as object, {
      service: 'Training Host Service',
      version: '1.0.0',
      status: 'running',
      gpu_type: 'None',
    })
    const health = await call(host.url, 'GET', '/health')
    assert.include(health.body as object, { healthy: true, service: 'training-host', status: 'operational' })
    assert.match((health.body as { timestamp: string }).timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?$/)
    const slash = (await call(host.url, 'GET', '/health/')).body as Record<string, unknown>
    assert.properties(slash, ['gpu_status', 'system_info'])
    const detailed = (await call(host.url, 'GET', '/health/detailed')).body as Record<string, unknown>
    assert.include(detailed, { active_training_sessions: 0, uptime_seconds: 0 })
  })

  test('framework errors: 404 unknown route, 405 wrong method, 422 malformed / empty / missing, 307 slash', async ({
    assert,
  }) => {
    assert.deepEqual(await call(host.url, 'GET', '/nope').then((r) => [r.status, r.body]), [
      404,
      { detail: 'Not Found' },
    ])
    const wrong = await call(host.url, 'GET', '/training/start')
    assert.deepEqual([wrong.status, wrong.body], [405, { detail: 'Method Not Allowed' }])
    assert.equal(wrong.headers.get('allow'), 'POST')
    const malformed = await call(host.url, 'POST', '/training/start', '{"model_configuration": }')
    assert.equal(malformed.status, 422)
    assert.equal((malformed.body as { detail: Array<{ type: string }> }).detail[0]!.type, 'json_invalid')
    const empty = await call(host.url, 'POST', '/training/start', '')
    assert.deepEqual(
      [empty.status, empty.body],
      [422, { detail: [{ type: 'missing', loc: ['body'], msg: 'Field required', input: null }] }],
    )
    const missing = await call(host.url, 'POST', '/training/stop', '{}')
    assert.deepEqual((missing.body as { detail: unknown[] }).detail, [
      { type: 'missing', loc: ['body', 'session_id'], msg: 'Field required', input: {} },
    ])
    const redirect = await call(host.url, 'GET', '/training/sessions/')
    assert.equal(redirect.status, 307)
    assert.match(redirect.headers.get('location') ?? '', /\/training\/sessions$/)
  })

  test('service errors are 500 {"detail": "<prefix>: <reason>"}', async ({ assert }) => {
    const cases: Array<[string, string, string | undefined, string]> = [
      ['GET', '/training/status/abc', undefined, 'Failed to get training status: Session abc not found'],
      ['POST', '/training/stop', '{"session_id":"abc"}', 'Failed to stop training: Session abc not found'],
      ['DELETE', '/training/sessions/abc', undefined, 'Failed to cleanup session: Session abc not found'],
    ]
    for (const [method, path, body, detail] of cases) {
      const reply = await call(host.url, method, path, body)
      assert.deepEqual([reply.status, reply.body], [500, { detail }])
    }
  })

  test('a run: start fields, running → completed, progress dict, one-session limit, finished-stop 500', async ({
    assert,
  }) => {
    const start = await call(host.url, 'POST', '/training/start', startBody({ epochs: 3, batch_size: 64, seed: 1 }))
    assert.equal(start.status, 200)
    const started = start.body as Record<string, unknown>
    const id = started.session_id as string
    assert.deepEqual(started, {
      session_id: id,
      status: 'started',
      message: `Training session ${id} started successfully`,
      gpu_allocated: false,
      estimated_duration_minutes: null,
    })
    const second = await call(host.url, 'POST', '/training/start', startBody({ epochs: 1 }))
    assert.deepEqual(
      [second.status, second.body],
      [500, { detail: 'Failed to start training: Maximum concurrent sessions (1) reached' }],
    )
    const seen: string[] = []
    const final = await waitForStatus(host.url, id, (s) => s !== 'running', seen)
    assert.deepEqual(seen, ['running', 'completed'])
    const body = final.body as { progress: Record<string, unknown>; metrics: Record<string, unknown[]> }
    assert.deepEqual(Object.keys(final.body as object), [
      'session_id',
      'status',
      'progress',
      'metrics',
      'gpu_usage',
      'start_time',
      'last_updated',
      'error',
    ])
    assert.include(body.progress, {
      epoch: 3,
      total_epochs: 3,
      batch: 3,
      total_batches: 3,
      items_processed: 9,
      items_total: 9,
    })
    assert.equal(body.progress.message, 'Epoch 3/3 \u00b7 Batch 3/3')
    assert.deepEqual(Object.keys(body.metrics), [
      'loss',
      'accuracy',
      'device',
      'completed_batches',
      'total_batches',
      'epoch_loss',
      'epoch_accuracy',
    ])
    const stop = await call(host.url, 'POST', '/training/stop', JSON.stringify({ session_id: id }))
    assert.deepEqual(
      [stop.status, stop.body],
      [500, { detail: `Failed to stop training: Session ${id} is not running (status: completed)` }],
    )
    const sessions = (await call(host.url, 'GET', '/training/sessions')).body as { total_sessions: number }
    assert.equal(sessions.total_sessions, 1)
    const deleted = await call(host.url, 'DELETE', `/training/sessions/${id}`)
    assert.deepEqual(deleted.body, {
      session_id: id,
      status: 'cleaned_up',
      message: `Session ${id} cleaned up successfully`,
    })
  }).timeout(20_000)

  test('stop blocks until the loop ends: running → stopped', async ({ assert }) => {
    const start = await call(host.url, 'POST', '/training/start', startBody({ epochs: 500, batch_size: 64 }))
    const id = (start.body as { session_id: string }).session_id
    await waitForStatus(host.url, id, (s) => s === 'running', [])
    const t0 = performance.now()
    const stop = await call(
      host.url,
      'POST',
      '/training/stop',
      JSON.stringify({ session_id: id, save_checkpoint: false }),
    )
    const blockedMs = performance.now() - t0
    assert.deepEqual(stop.body, {
      session_id: id,
      status: 'stopped',
      message: `Training session ${id} stopped successfully`,
      checkpoint_saved: false,
    })
    const status = (await call(host.url, 'GET', `/training/status/${id}`)).body as { status: string }
    assert.equal(status.status, 'stopped')
    console.log(`old host: POST /training/stop blocked ${blockedMs.toFixed(0)} ms`)
    await call(host.url, 'DELETE', `/training/sessions/${id}`)
  }).timeout(20_000)

  test('the evaluate endpoint is the old fixed mock', async ({ assert }) => {
    const reply = await call(
      host.url,
      'POST',
      '/training/evaluate',
      JSON.stringify({ model_path: 'm', data_config: {} }),
    )
    assert.deepEqual((reply.body as { results: unknown }).results, { accuracy: 0.85, loss: 0.23, f1_score: 0.82 })
  })

  test('trainViaHost against the old host: the old body, zero metrics, no model, the protocol trace', async ({
    assert,
  }) => {
    const json = await trainViaHost({
      hostUrl: host.url,
      impl: 'old',
      strategyPath: resolve(import.meta.dirname, '../../../strategies/neuro_mean_reversion.yaml'),
      symbols: ['AAPL'],
      timeframes: ['1h'],
      seed: 4,
      epochs: 2,
      modelsDir: join(dir, 'models'),
      pollIntervalMs: 50,
    })
    assert.include(json, { path: 'host_old', device: 'cpu', seed: 4, model_path: null, weights_sha256: null })
    assert.deepEqual(json.metrics, { test_accuracy: 0, test_loss: 0, precision: 0, recall: 0, f1_score: 0 })
    assert.isNull(json.feature_importance)
    assert.lengthOf(json.training_history.train_loss, 2)
    assert.deepEqual(json.protocol.states_seen, ['running', 'completed'])
    assert.deepEqual(json.protocol.endpoints_used, ['POST /training/start', 'GET /training/status/{id}'])
    assert.equal(json.protocol.progress_percents.at(-1), 100)
  }).timeout(20_000)
})
