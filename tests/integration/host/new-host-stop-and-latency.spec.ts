import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { test } from '@japa/runner'
import { writeSyntheticDataset } from '../../../reference/data/synthetic.ts'
import { HostTrainingClient, type HostStatusResponse } from '../../../reference/host-service/client/host-client.ts'
import { newStartBody } from '../../../reference/host-service/client/start-bodies.ts'
import { trainViaHost } from '../../../reference/host-service/client/train-via-host.ts'
import { startHostProcess, type HostProcess } from '../../../reference/host-service/process.ts'

const STRATEGY_PATH = resolve(import.meta.dirname, '../../../strategies/neuro_mean_reversion.yaml')
const STRATEGY_YAML = readFileSync(STRATEGY_PATH, 'utf8')
/** Long enough never to finish within a test. */
const LONG_RUN = {
  symbols: ['AAPL'],
  timeframes: ['1h'],
  startDate: '2024-01-01',
  endDate: '2024-02-01',
  seed: 3,
  epochs: 5000,
}

async function waitFor(
  client: HostTrainingClient,
  id: string,
  done: (s: HostStatusResponse) => boolean,
): Promise<HostStatusResponse> {
  for (;;) {
    const snapshot = await client.status(id)
    if (done(snapshot)) return snapshot
    await new Promise((r) => setTimeout(r, 10))
  }
}

/** Version directories and leftovers in a model store, relative to its base. */
function storeEntries(modelsDir: string): string[] {
  if (!existsSync(modelsDir)) return []
  return readdirSync(modelsDir, { recursive: true, encoding: 'utf8' })
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

test.group('new host over HTTP: responsiveness, stop and shutdown', (group) => {
  let dir = ''
  let host: HostProcess
  group.setup(async () => {
    dir = mkdtempSync(join(tmpdir(), 'new-host-stop-'))
    writeSyntheticDataset(join(dir, 'data'), { symbols: ['AAPL'], bars: 600, seed: 9, timeframes: ['1h'] })
    host = await startHostProcess({ impl: 'new', modelsDir: join(dir, 'models-a'), dataDir: join(dir, 'data') })
    return async () => {
      await host.stop()
      rmSync(dir, { recursive: true, force: true })
    }
  })

  test('status is answered between batches while a run trains; a stop ends it "stopped" and saves nothing', async ({
    assert,
  }) => {
    {
      const client = new HostTrainingClient({ baseUrl: host.url })
      const { session_id: id } = await client.start(newStartBody(STRATEGY_YAML, LONG_RUN))
      await waitFor(client, id, (s) => s.progress.phase === 'training')
      const latencies: number[] = []
      const items: number[] = []
      for (let i = 0; i < 60; i++) {
        const t0 = performance.now()
        const snapshot = await client.status(id)
        latencies.push(performance.now() - t0)
        assert.equal(snapshot.status, 'running')
        items.push(snapshot.progress.items_processed!)
        await new Promise((r) => setTimeout(r, 15))
      }
      console.log(
        `new host: GET /training/status during training: p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms (n=60)`,
      )
      // Served while training, not instead of it: the batches done never go back and grow between the answers.
      items.slice(1).forEach((n, i) => assert.isAtLeast(n, items[i]!))
      assert.isAbove(items.at(-1)!, items[0]!)

      const t0 = performance.now()
      const stop = await client.stop(id)
      const answeredMs = performance.now() - t0
      assert.equal(stop.status, 'stopping')
      const final = await waitFor(client, id, (s) => s.status !== 'running')
      const stoppedMs = performance.now() - t0
      console.log(
        `new host: stop answered in ${answeredMs.toFixed(1)} ms, session "stopped" after ${stoppedMs.toFixed(1)} ms`,
      )
      assert.equal(final.status, 'stopped')
      assert.isNull(final.error)
      assert.isBelow(final.progress.epoch!, LONG_RUN.epochs)
      assert.deepEqual(storeEntries(join(dir, 'models-a')), [])
    }
  }).timeout(60_000)

  test('trainViaHost stops the session when the caller cancels, and reports the cancellation', async ({ assert }) => {
    let cancelled = false
    const run = trainViaHost({
      hostUrl: host.url,
      impl: 'new',
      strategyPath: STRATEGY_PATH,
      modelsDir: join(dir, 'models-a'),
      pollIntervalMs: 20,
      cancellation: { isCancelled: () => cancelled },
      onProgress: (update) => {
        if (update.phase === 'training') cancelled = true
      },
      ...LONG_RUN,
    })
    await assert.rejects(() => run, /host session .* cancelled \(host status: cancel requested\)/)
    const client = new HostTrainingClient({ baseUrl: host.url })
    const listed = (await fetch(`${host.url}/training/sessions`).then((r) => r.json())) as {
      sessions: Array<{ session_id: string }>
    }
    const last = listed.sessions.at(-1)!.session_id
    assert.equal((await waitFor(client, last, (s) => s.status !== 'running')).status, 'stopped')
    assert.deepEqual(storeEntries(join(dir, 'models-a')), [])
  }).timeout(30_000)

  test('SIGTERM stops running sessions, leaves no model directory and exits 0', async ({ assert }) => {
    const modelsDir = join(dir, 'models-b')
    let log = ''
    const host = await startHostProcess({
      impl: 'new',
      modelsDir,
      dataDir: join(dir, 'data'),
      onStderr: (text) => {
        log += text
      },
    })
    const client = new HostTrainingClient({ baseUrl: host.url })
    const { session_id: id } = await client.start(newStartBody(STRATEGY_YAML, LONG_RUN))
    await waitFor(client, id, (s) => s.progress.phase === 'training')
    assert.equal(await host.kill('SIGTERM'), 0)
    assert.include(log, `session ${id}: stopped`)
    assert.deepEqual(storeEntries(modelsDir), [])
  }).timeout(30_000)
})
