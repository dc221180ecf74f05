import { test } from '@japa/runner'
import { formatLatencies, summarizeLatencies } from '../../harness/reliability/latency.ts'
import { rawRequest } from '../../harness/reliability/raw-http.ts'
import {
  createWorkspace,
  RELIABILITY_STRATEGY_YAML,
  smallRun,
  startNewHost,
} from '../../harness/reliability/workspace.ts'
import { HostTrainingClient, type HostStatusResponse } from '../../reference/host-service/client/host-client.ts'
import { newStartBody } from '../../reference/host-service/client/start-bodies.ts'

/** `make soak` sets KTRDR_SOAK=1: 8 clients for 60 s instead of 4 for 3 s. */
const SOAK = process.env.KTRDR_SOAK === '1'
const CLIENTS = SOAK ? 8 : 4
const POLL_WINDOW_MS = SOAK ? 60_000 : 3_000
const POLL_PERIOD_MS = 50

async function waitFor(
  client: HostTrainingClient,
  id: string,
  done: (s: HostStatusResponse) => boolean,
  limitMs = 20_000,
): Promise<HostStatusResponse> {
  const deadline = Date.now() + limitMs
  for (;;) {
    const snapshot = await client.status(id)
    if (done(snapshot)) return snapshot
    if (Date.now() > deadline) throw new Error(`session ${id} still ${snapshot.status} after ${limitMs} ms`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

test.group('host under load: status polling while sessions train', () => {
  test(`${CLIENTS} clients poll status at 20 Hz while 2 sessions train; 10 concurrent extra starts are refused with 429`, async ({
    assert,
  }) => {
    const workspace = createWorkspace('host-load', ['AAPL', 'MSFT'])
    const host = await startNewHost(workspace, { maxSessions: 2 })
    try {
      const control = new HostTrainingClient({ baseUrl: host.url })
      const ids = [
        (await control.start(newStartBody(RELIABILITY_STRATEGY_YAML, smallRun(100_000, 'AAPL')))).session_id,
        (await control.start(newStartBody(RELIABILITY_STRATEGY_YAML, smallRun(100_000, 'MSFT')))).session_id,
      ]
      for (const id of ids) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
      assert.notEqual(ids[0], ids[1], 'server-issued random ids')
      for (const id of ids) await waitFor(control, id, (s) => s.progress.phase === 'training')

      const extra = await Promise.all(
        Array.from({ length: 10 }, () =>
          rawRequest(host.url, {
            method: 'POST',
            path: '/training/start',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(newStartBody(RELIABILITY_STRATEGY_YAML, smallRun(1))),
          }),
        ),
      )
      for (const third of extra) {
        assert.equal(third.status, 429)
        assert.equal((third.json as { error: string }).error, 'too_many_sessions')
        assert.include((third.json as { detail: string }).detail, '--max-sessions')
      }
      assert.equal(
        (
          await rawRequest(host.url, { method: 'GET', path: '/health' }).then(
            (r) => r.json as { active_training_sessions: number },
          )
        ).active_training_sessions,
        2,
      )

      const before = await Promise.all(ids.map((id) => control.status(id)))
      const latencies: number[] = []
      const errors: string[] = []
      const statuses = new Set<string>()
      const stopAt = performance.now() + POLL_WINDOW_MS
      await Promise.all(
        Array.from({ length: CLIENTS }, async (_, k) => {
          const client = new HostTrainingClient({ baseUrl: host.url, timeoutMs: 5000 })
          for (let tick = 0; performance.now() < stopAt; tick++) {
            const sent = performance.now()
            try {
              const snapshot = await client.status(ids[(k + tick) % 2]!)
              latencies.push(performance.now() - sent)
              statuses.add(snapshot.status)
            } catch (error) {
              errors.push((error as Error).message)
            }
            const wait = sent + POLL_PERIOD_MS - performance.now()
            if (wait > 0) await new Promise((r) => setTimeout(r, wait))
          }
        }),
      )
      const after = await Promise.all(ids.map((id) => control.status(id)))
      const summary = summarizeLatencies(latencies)
      console.log(
        `${formatLatencies(`host-load status latency, ${CLIENTS} clients × 20 Hz × ${POLL_WINDOW_MS / 1000} s, 2 sessions training`, summary)} errors=${errors.length}`,
      )
      assert.deepEqual(errors, [])
      assert.deepEqual([...statuses], ['running'])
      assert.isAtLeast(summary.count, Math.floor(CLIENTS * (POLL_WINDOW_MS / POLL_PERIOD_MS) * 0.5))
      after.forEach((s, i) => {
        assert.isAbove(s.progress.items_processed!, before[i]!.progress.items_processed!, 'training kept going')
      })

      for (const id of ids) assert.equal((await control.stop(id)).status, 'stopping')
      for (const id of ids) assert.equal((await waitFor(control, id, (s) => s.status !== 'running')).status, 'stopped')
      const freed = await control.start(newStartBody(RELIABILITY_STRATEGY_YAML, smallRun(1)))
      assert.equal(
        (await waitFor(control, freed.session_id, (s) => s.status !== 'running' && s.status !== 'initializing')).status,
        'completed',
      )
    } finally {
      await host.stop()
      workspace.remove()
    }
  }).timeout(SOAK ? 180_000 : 40_000)
})
