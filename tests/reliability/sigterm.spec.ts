import { join } from 'node:path'
import { test } from '@japa/runner'
import { treeOf } from '../../harness/reliability/model-store-check.ts'
import {
  createWorkspace,
  RELIABILITY_STRATEGY_YAML,
  smallRun,
  startNewHost,
} from '../../harness/reliability/workspace.ts'
import { HostTrainingClient } from '../../reference/host-service/client/host-client.ts'
import { newStartBody } from '../../reference/host-service/client/start-bodies.ts'

test.group('reliability: SIGTERM during training', () => {
  test('running sessions end "stopped" (seen by a polling client), exit 0, no version and no .tmp- dir', async ({
    assert,
  }) => {
    const workspace = createWorkspace('rel-sigterm')
    const host = await startNewHost(workspace, { maxSessions: 2 })
    try {
      const client = new HostTrainingClient({ baseUrl: host.url, timeoutMs: 2000 })
      const ids = [
        (await client.start(newStartBody(RELIABILITY_STRATEGY_YAML, smallRun(5000)))).session_id,
        (await client.start(newStartBody(RELIABILITY_STRATEGY_YAML, smallRun(5000)))).session_id,
      ]
      for (const id of ids) {
        while ((await client.status(id)).progress.phase !== 'training') await new Promise((r) => setTimeout(r, 10))
      }
      const seen = new Map<string, string[]>(ids.map((id) => [id, []]))
      let polling = true
      const pollers = ids.map(async (id) => {
        while (polling) {
          const status = await client.status(id).then(
            (s) => s.status,
            () => 'unreachable',
          )
          const list = seen.get(id)!
          if (list.at(-1) !== status) list.push(status)
          if (status === 'unreachable') return
          await new Promise((r) => setTimeout(r, 5))
        }
      })
      await new Promise((r) => setTimeout(r, 50))
      const signalled = performance.now()
      const code = await host.kill('SIGTERM')
      const exitMs = performance.now() - signalled
      polling = false
      await Promise.all(pollers)
      console.log(
        `sigterm: exit ${code} after ${exitMs.toFixed(0)} ms; statuses seen ${JSON.stringify([...seen.values()])}`,
      )
      assert.equal(code, 0)
      assert.isBelow(exitMs, 10_000)
      for (const id of ids) assert.include(host.log(), `session ${id}: stopped`)
      const leftovers = treeOf(join(workspace.dir, 'models')).filter((p) => /_v\d+$|(^|\/)\.tmp-/.test(p))
      assert.deepEqual(leftovers, [])
      for (const id of ids) {
        assert.include(seen.get(id)!, 'stopped', `a client polling session ${id} must see it end "stopped"`)
      }
    } finally {
      await host.stop()
      workspace.remove()
    }
  }).timeout(30_000)
})
