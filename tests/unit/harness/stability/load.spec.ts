import { test } from '@japa/runner'
import { startMachineLoad } from '../../../../harness/stability/load.ts'

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 50))
}

test.group('stability/load: bounded background load', () => {
  test('starts the CPU-bound and file-writing processes and stop() ends every one of them', async ({ assert }) => {
    const load = startMachineLoad({ cpuWorkers: 2, fileWriters: 1, maxSeconds: 600 })
    assert.lengthOf(load.pids, 3)
    assert.isTrue(load.pids.every(alive))
    await load.stop()
    assert.isFalse(load.pids.some(alive))
    await load.stop()
  }).timeout(30_000)

  test('every process ends by itself at its deadline', async ({ assert }) => {
    const load = startMachineLoad({ cpuWorkers: 1, fileWriters: 1, maxSeconds: 1 })
    await until(() => !load.pids.some(alive))
    assert.isFalse(load.pids.some(alive))
    await load.stop()
  }).timeout(30_000)
})
