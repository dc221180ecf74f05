// The harness against real host processes: the running-session probe (a second start while a session runs — the
// old host's one-session limit — and a stop) on both hosts, old-host runs one at a time with the sessions of a
// failed run stopped before the next run starts, and an old host that cannot stop a session restarted.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { test } from '@japa/runner'
import { writeSyntheticDataset } from '../../../reference/data/synthetic.ts'
import { newStartBody, oldStartBody } from '../../../reference/host-service/client/start-bodies.ts'
import { startHostProcess, type HostProcess } from '../../../reference/host-service/process.ts'
import { loadStrategy } from '../../../reference/strategy/load.ts'
import { parseLedger } from '../../../harness/ledger/load.ts'
import { startMatrixHosts } from '../../../harness/matrix/hosts.ts'
import { PROFILES } from '../../../harness/matrix/profile.ts'
import { runEquivalence } from '../../../harness/matrix/runner.ts'
import { isLiveState, LONG_RUN_EPOCHS, probeRunningSession, sessionState } from '../../../harness/paths/host-probes.ts'
import type { RunResult } from '../../../harness/paths/types.ts'

const ROOT = resolve(import.meta.dirname, '../../..')
const STRATEGY_PATH = join(ROOT, 'strategies/simple_ma_crossover.yaml')
const SETTINGS = PROFILES.smoke
const LONG_RUN = {
  symbols: ['AAPL'],
  timeframes: ['1h'],
  startDate: SETTINGS.startDate,
  endDate: SETTINGS.endDate,
  seed: 4,
  epochs: LONG_RUN_EPOCHS,
}
const oldBody = oldStartBody(loadStrategy(STRATEGY_PATH), STRATEGY_PATH, LONG_RUN)

async function sessions(url: string): Promise<Array<{ session_id: string; status: string }>> {
  const body = (await (await fetch(`${url}/training/sessions`)).json()) as {
    sessions: Array<{ session_id: string; status: string }>
  }
  return body.sessions
}

test.group('harness ↔ hosts: sessions are probed, serialized and never leaked', (group) => {
  let dir = ''
  let oldHost: HostProcess
  let newHost: HostProcess
  group.setup(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ktrdr-harness-hosts-'))
    writeSyntheticDataset(join(dir, 'data'), { symbols: ['AAPL'], bars: 600, seed: 5, timeframes: ['1h'] })
    const common = { modelsDir: join(dir, 'models'), dataDir: join(dir, 'data') }
    oldHost = await startHostProcess({ ...common, impl: 'old', batchDelayMs: 2, now: `${SETTINGS.endDate}T00:00:00Z` })
    newHost = await startHostProcess({ ...common, impl: 'new', maxSessions: 2 })
    return async () => {
      await Promise.all([oldHost.stop(), newHost.stop()])
      rmSync(dir, { recursive: true, force: true })
    }
  })

  test('old host: a second start while a session runs is refused with 500; the stop ends it as stopped', async ({
    assert,
  }) => {
    const started: string[] = []
    const probe = await probeRunningSession(oldHost.url, oldBody, (id) => void started.push(id))
    assert.deepEqual(probe, { startWhileRunning: 500, stopOutcome: 'stopped' })
    assert.lengthOf(started, 1)
    assert.isFalse((await sessions(oldHost.url)).some((s) => isLiveState(s.status)))
  }).timeout(60_000)

  test('new host: a second session is accepted (and stopped by the probe); the stop ends the first', async ({
    assert,
  }) => {
    const started: string[] = []
    const body = newStartBody(readFileSync(STRATEGY_PATH, 'utf8'), LONG_RUN)
    const probe = await probeRunningSession(newHost.url, body, (id) => void started.push(id))
    assert.deepEqual(probe, { startWhileRunning: 200, stopOutcome: 'stopped' })
    assert.lengthOf(started, 2)
    for (const id of started) assert.equal(await sessionState(newHost.url, id), 'stopped')
  }).timeout(60_000)

  test('old-host runs go one at a time, and a failed run’s session is stopped before the next run starts', async ({
    assert,
  }) => {
    let active = 0
    let mostActive = 0
    const startCodes: number[] = []
    const report = await runEquivalence({
      strategies: ['simple_ma_crossover'],
      paths: ['host_old'],
      profile: 'smoke',
      settings: SETTINGS,
      seed: 4,
      noiseSeed: 5,
      canaries: [],
      jobs: 2,
      shard: null,
      cellTimeoutS: 60,
      strategiesDir: join(ROOT, 'strategies'),
      dataDir: join(dir, 'data'),
      hostUrl: null,
      ledger: parseLedger('schema_version: 1\nentries: []\n', 'empty.yaml'),
      log: () => undefined,
      adapter: {
        // A run that starts a session that would train for hours, then dies as if killed at its time limit.
        async run(spec, onSession): Promise<RunResult> {
          mostActive = Math.max(mostActive, ++active)
          const answer = await fetch(`${spec.hostUrl}/training/start`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(oldBody),
          })
          startCodes.push(answer.status)
          const id = ((await answer.json()) as { session_id?: string }).session_id
          if (id) onSession?.({ host: spec.hostUrl!, id })
          active--
          const identity = { ...spec, canary: null }
          return { status: 'error', spec: identity, error: 'timed out', logTail: '', timedOut: true, timings: {} }
        },
      },
    })
    assert.deepEqual(startCodes, [200, 200])
    assert.equal(mostActive, 1)
    assert.deepEqual(
      report.cells.map((c) => c.verdict),
      ['error'],
    )
  }).timeout(60_000)

  test('an old host that cannot stop a session is restarted before its next run', async ({ assert }) => {
    const hosts = await startMatrixHosts(new Set(['host_old']), {
      modelsDir: join(dir, 'models'),
      probesDir: join(dir, 'probes'),
      dataDir: join(dir, 'data'),
      oldHostDataDir: join(dir, 'host-old-data'),
      strategiesDir: join(ROOT, 'strategies'),
      seed: 4,
      endDate: SETTINGS.endDate,
      hostOld: PROFILES.smoke.hostOld,
      jobs: 1,
      sessionTimeLimitS: 60,
      hostUrl: null,
      log: () => undefined,
    })
    try {
      const before = hosts.url('host_old')!
      await hosts.settle('host_old', [{ host: 'http://127.0.0.1:9', id: 'unreachable' }])
      const after = hosts.url('host_old')!
      assert.notEqual(after, before)
      assert.equal((await fetch(`${after}/health`)).status, 200)
      await assert.rejects(() => fetch(`${before}/health`))
    } finally {
      await hosts.stop()
    }
  }).timeout(60_000)
})
