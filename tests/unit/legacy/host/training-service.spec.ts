import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from '@japa/runner'
import { LegacyTrainingService } from '../../../../legacy/host/training-service.ts'
import type { LegacySessionConfig } from '../../../../legacy/host/session.ts'
import { writeSyntheticDataset } from '../../../../reference/data/synthetic.ts'
import { fusedRuntime } from '../../../../reference/runtime/fused-runtime.ts'

const NOW = Date.UTC(2024, 1, 1)

function service(dataDir: string, seed = 42): LegacyTrainingService {
  return new LegacyTrainingService({
    environment: {
      dataDir,
      batchDelayMs: 0,
      epochDelayMs: 0,
      now: () => NOW,
      runtime: fusedRuntime,
      log: () => undefined,
    },
    defaultSeed: seed,
    wallClock: Date.now,
  })
}

function request(
  training: Record<string, unknown>,
  data: Record<string, unknown> = { symbols: ['AAPL'], timeframes: ['1h'] },
): LegacySessionConfig {
  return { model_config: {}, training_config: training, data_config: data, gpu_config: {} }
}

async function finish(svc: LegacyTrainingService, id: string): Promise<void> {
  while (['initialized', 'running'].includes(svc.getSessionStatus(id).status))
    await new Promise((r) => setTimeout(r, 5))
}

test.group('legacy host: TrainingService sessions (docs/legacy-behaviour.md §6.4, §9.2, §13)', (group) => {
  let dataDir = ''
  group.setup(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'legacy-host-svc-'))
    writeSyntheticDataset(dataDir, { symbols: ['AAPL', 'MSFT'], bars: 200, seed: 3, timeframes: ['1h'] })
    return () => rmSync(dataDir, { recursive: true, force: true })
  })

  test('a run goes running → completed with per-batch and per-epoch histories', async ({ assert }) => {
    const svc = service(dataDir)
    const id = svc.createSession(request({ epochs: 2, batch_size: 64 }), null)
    assert.equal(svc.getSessionStatus(id).status, 'running')
    await finish(svc, id)
    const status = svc.getSessionStatus(id)
    assert.equal(status.status, 'completed')
    assert.equal(status.progress.total_batches, 3)
    assert.equal(status.progress.items_processed, 6)
    assert.equal(status.progress.progress_percent, 100)
    assert.equal(status.metrics.current.loss!.length, 6)
    assert.equal(status.metrics.current.epoch_loss!.length, 2)
    assert.deepEqual(status.metrics.current.device, Array(8).fill('cpu'))
  }).timeout(20_000)

  test('the seed decides the noise, init and dropout: same seed same losses, other seed other losses', async ({
    assert,
  }) => {
    const losses = async (svc: LegacyTrainingService, seed: number | undefined): Promise<unknown[]> => {
      const id = svc.createSession(
        request(seed === undefined ? { epochs: 1, batch_size: 64 } : { epochs: 1, batch_size: 64, seed }),
        null,
      )
      await finish(svc, id)
      return svc.getSessionStatus(id).metrics.current.loss!
    }
    const svc = service(dataDir, 7)
    const a = await losses(svc, 11)
    const b = await losses(svc, 11)
    const c = await losses(svc, 12)
    const d = await losses(svc, undefined)
    const e = await losses(service(dataDir, 11), undefined)
    assert.deepEqual(a, b)
    assert.notDeepEqual(a, c)
    assert.notDeepEqual(d, a)
    assert.deepEqual(e, a)
  }).timeout(20_000)

  test('defaults AAPL / 1D load nothing (1D fails the old pattern): failed "No training data available"', async ({
    assert,
  }) => {
    const svc = service(dataDir)
    const id = svc.createSession(request({ epochs: 1 }, {}), null)
    await finish(svc, id)
    const status = svc.getSessionStatus(id)
    assert.equal(status.status, 'failed')
    assert.equal(status.error, 'No training data available')
  })

  test('one concurrent session; stop blocks until the task ends as stopped; errors name the session', async ({
    assert,
  }) => {
    const svc = service(dataDir)
    const id = svc.createSession(request({ epochs: 50, batch_size: 64 }), 'fixed-id')
    assert.equal(id, 'fixed-id')
    assert.throws(() => svc.createSession(request({}), null), 'Maximum concurrent sessions (1) reached')
    await new Promise((r) => setTimeout(r, 200))
    await svc.stopSession(id)
    assert.equal(svc.getSessionStatus(id).status, 'stopped')
    await assert.rejects(() => svc.stopSession(id), 'Session fixed-id is not running (status: stopped)')
    assert.throws(() => svc.createSession(request({}), 'fixed-id'), 'Session fixed-id already exists')
    assert.throws(() => svc.getSessionStatus('nope'), 'Session nope not found')
    await svc.cleanupSession(id)
    assert.deepEqual(svc.listSessions(), [])
  }).timeout(20_000)

  test('a bad batch_size fails the run with Python’s error text', async ({ assert }) => {
    const svc = service(dataDir)
    const id = svc.createSession(request({ epochs: 1, batch_size: 0 }), null)
    await finish(svc, id)
    assert.equal(svc.getSessionStatus(id).error, 'integer division or modulo by zero')
  })
})
