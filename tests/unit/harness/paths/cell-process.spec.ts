import { createServer } from 'node:http'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { test } from '@japa/runner'
import { ChildProcessAdapter } from '../../../../harness/paths/cell-process.ts'
import { PROFILES } from '../../../../harness/matrix/profile.ts'
import type { RunSpec } from '../../../../harness/paths/types.ts'

const root = resolve(import.meta.dirname, '../../../..')

function spec(overrides: Partial<RunSpec>): RunSpec {
  return {
    path: 'local_new',
    strategy: 'simple_ma_crossover',
    strategyPath: join(root, 'strategies/simple_ma_crossover.yaml'),
    seed: 1,
    settings: PROFILES.smoke,
    canary: null,
    replicate: 0,
    dataDir: mkdtempSync(join(tmpdir(), 'ktrdr-empty-data-')),
    modelsDir: mkdtempSync(join(tmpdir(), 'ktrdr-models-')),
    hostUrl: null,
    probesDir: null,
    ...overrides,
  }
}

test.group('paths/cell-process: a run is contained in its child process', () => {
  test('an exception inside the run becomes an error result naming the cause', async ({ assert }) => {
    const adapter = new ChildProcessAdapter({ workDir: mkdtempSync(join(tmpdir(), 'ktrdr-jobs-')), timeoutMs: 30_000 })
    const result = await adapter.run(spec({}))
    assert.equal(result.status, 'error')
    if (result.status !== 'error') return
    assert.match(result.error, /AAPL_1h\.csv/)
    assert.isFalse(result.timedOut)
  }).timeout(40_000)

  test('a run that hangs is killed at the timeout and reported with its log tail', async ({ assert }) => {
    const blackHole = createServer(() => undefined)
    await new Promise<void>((done) => blackHole.listen(0, '127.0.0.1', done))
    const port = (blackHole.address() as { port: number }).port
    try {
      const adapter = new ChildProcessAdapter({ workDir: mkdtempSync(join(tmpdir(), 'ktrdr-jobs-')), timeoutMs: 4_000 })
      const started = Date.now()
      const result = await adapter.run(spec({ path: 'host_new', hostUrl: `http://127.0.0.1:${port}` }))
      assert.equal(result.status, 'error')
      if (result.status !== 'error') return
      assert.isTrue(result.timedOut)
      assert.equal(result.error, 'timed out after 4 s (killed)')
      assert.isBelow(Date.now() - started, 15_000)
    } finally {
      blackHole.closeAllConnections()
      blackHole.close()
    }
  }).timeout(30_000)
})
