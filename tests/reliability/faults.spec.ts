import { readFileSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from '@japa/runner'
import { startHangingServer } from '../../harness/reliability/hanging-server.ts'
import { treeOf } from '../../harness/reliability/model-store-check.ts'
import {
  createWorkspace,
  RELIABILITY_STRATEGY_PATH,
  RELIABILITY_STRATEGY_YAML,
  smallRun,
  startNewHost,
} from '../../harness/reliability/workspace.ts'
import {
  HostRequestError,
  HostTrainingClient,
  type HostStatusResponse,
} from '../../reference/host-service/client/host-client.ts'
import { HostTrainingFailedError } from '../../reference/host-service/client/poller.ts'
import { newStartBody } from '../../reference/host-service/client/start-bodies.ts'
import { trainViaHost } from '../../reference/host-service/client/train-via-host.ts'

/** Polls until `done` holds (every 20 ms, at most `limitMs`). */
async function waitForStatus(
  client: HostTrainingClient,
  id: string,
  done: (s: HostStatusResponse) => boolean,
  limitMs = 20_000,
): Promise<HostStatusResponse> {
  const deadline = Date.now() + limitMs
  for (;;) {
    const snapshot = await client.status(id)
    if (done(snapshot) || Date.now() > deadline) return snapshot
    await new Promise((r) => setTimeout(r, 20))
  }
}

const ended = (s: HostStatusResponse): boolean => !['initializing', 'running'].includes(s.status)

/** Runs `promise` and reports how it settled and after how many ms. */
async function timed<T>(promise: Promise<T>): Promise<{ ms: number; value?: T; error?: unknown }> {
  const started = performance.now()
  try {
    const value = await promise
    return { ms: performance.now() - started, value }
  } catch (error) {
    return { ms: performance.now() - started, error }
  }
}

test.group('reliability: clients and sessions survive host and filesystem faults', () => {
  test('a host killed with SIGKILL mid-run: trainViaHost fails with a clear error within 3 s', async ({ assert }) => {
    const workspace = createWorkspace('rel-fault-kill')
    const host = await startNewHost(workspace)
    try {
      let training!: () => void
      const inTraining = new Promise<void>((resolve) => (training = resolve))
      const run = timed(
        trainViaHost({
          hostUrl: host.url,
          impl: 'new',
          strategyPath: RELIABILITY_STRATEGY_PATH,
          modelsDir: join(workspace.dir, 'models'),
          pollIntervalMs: 100,
          requestTimeoutMs: 2000,
          onProgress: (u) => u.phase === 'training' && training(),
          ...smallRun(5000),
        }),
      )
      await inTraining
      const killedAt = performance.now()
      assert.isNull(await host.kill('SIGKILL'))
      const outcome = await run
      const detectionMs = performance.now() - killedAt
      console.log(`fault: host SIGKILL mid-run detected by trainViaHost after ${detectionMs.toFixed(0)} ms`)
      assert.instanceOf(outcome.error, HostRequestError)
      const error = outcome.error as HostRequestError
      assert.equal(error.endpoint, 'GET /training/status/{id}')
      assert.isNull(error.status)
      assert.match(error.message, /^GET \/training\/status\/\{id\}: request failed: /)
      assert.isBelow(detectionMs, 3000)
      assert.deepEqual(treeOf(join(workspace.dir, 'models')), [], 'a killed run leaves no model')
    } finally {
      await host.stop()
      workspace.remove()
    }
  }).timeout(30_000)

  test('a host that accepts connections but never answers: the request time-out fires', async ({ assert }) => {
    const silent = await startHangingServer()
    try {
      const client = new HostTrainingClient({ baseUrl: silent.url, timeoutMs: 400 })
      const health = await timed(client.health())
      assert.instanceOf(health.error, HostRequestError)
      assert.equal((health.error as HostRequestError).message, 'GET /health: request failed: no answer within 400 ms')
      assert.isAtLeast(health.ms, 390)
      assert.isBelow(health.ms, 2000)
      const run = await timed(
        trainViaHost({
          hostUrl: silent.url,
          impl: 'new',
          strategyPath: RELIABILITY_STRATEGY_PATH,
          modelsDir: '/nonexistent/models',
          requestTimeoutMs: 400,
          ...smallRun(1),
        }),
      )
      console.log(
        `fault: silent host → client time-out after ${health.ms.toFixed(0)} ms (health), ${run.ms.toFixed(0)} ms (trainViaHost)`,
      )
      assert.instanceOf(run.error, HostRequestError)
      assert.equal(
        (run.error as HostRequestError).message,
        'POST /training/start: request failed: no answer within 400 ms',
      )
      assert.isBelow(run.ms, 2000)
      assert.isAtLeast(silent.connections(), 2)
    } finally {
      await silent.close()
    }
  }).timeout(15_000)

  test('a models directory that cannot be created: the session fails clearly and nothing is written', async ({
    assert,
  }) => {
    const workspace = createWorkspace('rel-fault-store')
    // Root ignores chmod 0555; a regular file where a directory must be forces ENOTDIR for every user.
    writeFileSync(join(workspace.dir, 'blocker'), 'a regular file, not a directory\n')
    const host = await startNewHost(workspace, { modelsSubdir: 'blocker/models' })
    try {
      const run = await timed(
        trainViaHost({
          hostUrl: host.url,
          impl: 'new',
          strategyPath: RELIABILITY_STRATEGY_PATH,
          modelsDir: join(workspace.dir, 'blocker/models'),
          pollIntervalMs: 50,
          ...smallRun(2),
        }),
      )
      assert.instanceOf(run.error, HostTrainingFailedError)
      const error = run.error as HostTrainingFailedError
      assert.match(error.hostError, /ENOTDIR|not a directory/)
      assert.include(error.hostError, join(workspace.dir, 'blocker'))
      assert.notInclude(error.hostError, '\n')
      assert.equal(readFileSync(join(workspace.dir, 'blocker'), 'utf8'), 'a regular file, not a directory\n')
      assert.deepEqual(treeOf(workspace.dir), ['blocker', 'data', 'data/AAPL_1h.csv'])
      assert.equal((await new HostTrainingClient({ baseUrl: host.url }).health()).healthy, true)
    } finally {
      await host.stop()
      workspace.remove()
    }
  }).timeout(30_000)

  test('a run past --session-time-limit-s ends "failed" naming the limit and saves nothing', async ({ assert }) => {
    const workspace = createWorkspace('rel-fault-limit')
    const host = await startNewHost(workspace, { sessionTimeLimitS: 0.5 })
    try {
      const client = new HostTrainingClient({ baseUrl: host.url })
      const started = performance.now()
      const { session_id: id } = await client.start(newStartBody(RELIABILITY_STRATEGY_YAML, smallRun(5000)))
      const final = await waitForStatus(client, id, ended, 10_000)
      const ms = performance.now() - started
      console.log(`fault: 0.5 s session time limit → "${final.status}" after ${ms.toFixed(0)} ms`)
      assert.equal(final.status, 'failed')
      assert.match(final.error ?? '', /^session time limit of 0\.5 s exceeded/)
      assert.isBelow(ms, 5000)
      assert.deepEqual(treeOf(join(workspace.dir, 'models')), [])
    } finally {
      await host.stop()
      workspace.remove()
    }
  }).timeout(30_000)

  test('a data file truncated between sessions: the next session fails naming file and line', async ({ assert }) => {
    const workspace = createWorkspace('rel-fault-data')
    const host = await startNewHost(workspace)
    const client = new HostTrainingClient({ baseUrl: host.url })
    const csv = join(workspace.dataDir, 'AAPL_1h.csv')
    try {
      const first = await client.start(newStartBody(RELIABILITY_STRATEGY_YAML, smallRun(1)))
      assert.equal((await waitForStatus(client, first.session_id, ended)).status, 'completed')

      const text = readFileSync(csv, 'utf8')
      const cut = text.indexOf('\n', Math.floor(text.length / 2)) + 20
      truncateSync(csv, cut)
      const line = text.slice(0, cut).split('\n').length
      const second = await client.start(newStartBody(RELIABILITY_STRATEGY_YAML, smallRun(1)))
      const failed = await waitForStatus(client, second.session_id, ended)
      assert.equal(failed.status, 'failed')
      assert.match(
        failed.error ?? '',
        new RegExp(`^${csv.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${line}: truncated row`),
      )

      truncateSync(csv, 0)
      const third = await client.start(newStartBody(RELIABILITY_STRATEGY_YAML, smallRun(1)))
      const empty = await waitForStatus(client, third.session_id, ended)
      assert.deepEqual([empty.status, empty.error], ['failed', `${csv}: empty file (no header line)`])
      const versions = treeOf(join(workspace.dir, 'models')).filter((p) => /_v\d+$/.test(p))
      assert.equal(versions.length, 1, 'only the first (complete) session saved a model')
    } finally {
      await host.stop()
      workspace.remove()
    }
  }).timeout(30_000)
})
