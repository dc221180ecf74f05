import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from '@japa/runner'
import { startHostProcess } from '../../../reference/host-service/process.ts'

test.group('startHostProcess', () => {
  test('a host that cannot start fails with the cause and the child’s stderr', async ({ assert }) => {
    const dir = mkdtempSync(join(tmpdir(), 'host-process-'))
    try {
      await assert.rejects(
        () => startHostProcess({ impl: 'new', modelsDir: dir, dataDir: dir, maxSessions: 0 }),
        /host new did not start: the process exited with code 2 before listening\n--- stderr tail ---\n.*--max-sessions must be a positive integer, got 0/s,
      )
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }).timeout(20_000)
})
