import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { test } from '@japa/runner'
import { CsvDataSource } from '../../../../reference/data/csv-source.ts'
import { writeSyntheticDataset } from '../../../../reference/data/synthetic.ts'
import { HttpError } from '../../../../reference/host-service/http-io.ts'
import { SessionRegistry } from '../../../../reference/host-service/session-registry.ts'
import { loadTensorflow } from '../../../../reference/runtime/backend-loader.ts'
import { DeviceManager } from '../../../../reference/runtime/device-manager.ts'
import { ModelStorage } from '../../../../reference/storage/model-storage.ts'
import { loadStrategy } from '../../../../reference/strategy/load.ts'

const strategy = loadStrategy(resolve(import.meta.dirname, '../../../../strategies/neuro_mean_reversion.yaml'))
const job = (epochs: number) => ({
  strategy,
  symbols: ['AAPL'],
  timeframes: ['1h'],
  startDate: '2024-01-01',
  endDate: '2024-02-01',
  seed: 1,
  epochs,
})

function statusOf(fn: () => unknown): number {
  try {
    fn()
  } catch (error) {
    if (error instanceof HttpError) return error.status
    throw error
  }
  return 200
}

test.group('host service: session registry and HostTrainingOrchestrator', (group) => {
  let dir = ''
  group.setup(() => {
    dir = mkdtempSync(join(tmpdir(), 'host-registry-'))
    writeSyntheticDataset(join(dir, 'data'), { symbols: ['AAPL'], bars: 600, seed: 9, timeframes: ['1h'] })
    return () => rmSync(dir, { recursive: true, force: true })
  })

  const registry = async (timeLimitMs: number, maxSessions: number): Promise<SessionRegistry> =>
    new SessionRegistry(
      {
        dataSource: new CsvDataSource(join(dir, 'data')),
        storage: new ModelStorage(join(dir, 'models')),
        device: await new DeviceManager({ request: 'cpu-fused' }).detectDevice(),
        timeLimitMs,
        probesDir: null,
      },
      { maxSessions },
    )

  test('a run past its time limit ends failed with a clear error and saves nothing', async ({ assert }) => {
    const sessions = await registry(150, 2)
    const session = sessions.start(job(100_000))
    await session.finished()
    const snapshot = session.snapshot()
    assert.equal(snapshot.status, 'failed')
    assert.match(snapshot.error ?? '', /^session time limit of 0\.15 s exceeded \(.+\)$/)
    assert.isFalse(existsSync(join(dir, 'models', strategy.name)))
    await sessions.stopAll(1000)
  }).timeout(20_000)

  test('ids are random UUIDs; the limit gives 429; unknown ids 404; an active session cannot be removed', async ({
    assert,
  }) => {
    const sessions = await registry(60_000, 1)
    const first = sessions.start(job(100_000))
    assert.match(first.sessionId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    assert.equal(
      statusOf(() => sessions.start(job(1))),
      429,
    )
    assert.equal(
      statusOf(() => sessions.get('missing')),
      404,
    )
    assert.equal(
      statusOf(() => sessions.remove(first.sessionId)),
      409,
    )
    await sessions.stopAll(5000)
    assert.equal(first.status, 'stopped')
    assert.isNull(first.resultPayload())
    sessions.remove(first.sessionId)
    assert.deepEqual(sessions.list(), [])
  }).timeout(20_000)

  test('sessions train on the DeviceManager’s device (cuda through an injected tfjs-node-gpu loader); every status and result names it and why', async ({
    assert,
  }) => {
    const gpu = { name: 'NVIDIA H200', memoryMb: 143771 }
    // The double hands back the real tfjs cpu namespace under the cuda name, as the DeviceManager tests do.
    const device = await new DeviceManager({
      env: {},
      loaders: { cuda: async () => ({ ...(await loadTensorflow('cpu')), device: 'cuda', backend: 'tensorflow', gpu }) },
    }).detectDevice()
    const sessions = new SessionRegistry(
      {
        dataSource: new CsvDataSource(join(dir, 'data')),
        storage: new ModelStorage(join(dir, 'models-cuda')),
        device,
        timeLimitMs: 60_000,
        probesDir: null,
      },
      { maxSessions: 1 },
    )
    const session = sessions.start(job(1))
    const expected = {
      device: 'cuda',
      requested: 'auto',
      reason: 'auto: cuda, the first of cuda → cpu-native → cpu-fused → wasm → cpu',
      backend: 'tensorflow',
      gpu,
      fallbacks_tried: [],
    }
    const running = session.snapshot()
    assert.deepInclude(running.device_info, expected)
    assert.deepEqual(running.gpu_usage, { gpu_allocated: true, device: 'cuda' })
    await session.finished()
    const done = session.snapshot()
    assert.equal(done.status, 'completed')
    assert.deepInclude(done.device_info, expected)
    const result = session.resultPayload()!
    assert.equal(result.device, 'cuda')
    assert.deepInclude(result.device_info, expected)
    assert.equal(result.artifacts.model?.version, 1)
  }).timeout(60_000)
})
