import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from '@japa/runner'
import { startHostProcess } from '../../../reference/host-service/process.ts'
import { DEVICE_ORDER, type DeviceName } from '../../../reference/runtime/device-manager.ts'

/** `GET <url>/health` as JSON. */
async function health(url: string): Promise<Record<string, unknown> & { device_info: Record<string, unknown> }> {
  return (await (await fetch(`${url}/health`)).json()) as Record<string, unknown> & {
    device_info: Record<string, unknown>
  }
}

test.group('startHostProcess', (group) => {
  let dir = ''
  group.each.setup(() => {
    dir = mkdtempSync(join(tmpdir(), 'host-process-'))
    return () => rmSync(dir, { recursive: true, force: true })
  })

  test('a host that cannot start fails with the cause and the child’s stderr', async ({ assert }) => {
    await assert.rejects(
      () => startHostProcess({ impl: 'new', modelsDir: dir, dataDir: dir, maxSessions: 0 }),
      /host new did not start: the process exited with code 2 before listening\n--- stderr tail ---\n.*--max-sessions must be a positive integer, got 0/s,
    )
  }).timeout(20_000)

  test('host serve --device cpu trains on tfjs cpu and says so in /health, with the reason', async ({ assert }) => {
    const host = await startHostProcess({ impl: 'new', modelsDir: dir, dataDir: dir, device: 'cpu' })
    try {
      const body = await health(host.url)
      assert.equal(body.device, 'cpu')
      assert.deepInclude(body.device_info, { device: 'cpu', requested: 'cpu', reason: 'cpu was requested' })
      assert.equal(body.device_info.backend, 'cpu')
    } finally {
      await host.stop()
    }
  }).timeout(30_000)

  test('host serve --device auto detects the first usable device and names the ones it skipped', async ({ assert }) => {
    const host = await startHostProcess({ impl: 'new', modelsDir: dir, dataDir: dir, device: 'auto' })
    try {
      const body = await health(host.url)
      const device = body.device as DeviceName
      assert.include(DEVICE_ORDER, device)
      assert.deepInclude(body.device_info, { device, requested: 'auto' })
      const skipped = body.device_info.fallbacks_tried as Array<{ device: string; reason: string }>
      assert.deepEqual(
        skipped.map((f) => f.device),
        DEVICE_ORDER.slice(0, DEVICE_ORDER.indexOf(device)),
      )
      const order = DEVICE_ORDER.join(' → ')
      assert.equal(
        body.device_info.reason,
        skipped.length === 0
          ? `auto: ${device}, the first of ${order}`
          : `auto: ${device}, the first usable of ${order} (skipped ${skipped.map((f) => `${f.device}: ${f.reason}`).join('; ')})`,
      )
    } finally {
      await host.stop()
    }
  }).timeout(30_000)

  test('host serve --device cuda without tfjs-node-gpu is an environment error (exit 2) naming the reason', async ({
    assert,
  }) => {
    await assert.rejects(
      () => startHostProcess({ impl: 'new', modelsDir: dir, dataDir: dir, device: 'cuda' }),
      /exited with code 2 before listening\n--- stderr tail ---\n.*requested device cuda: backend cuda cannot be used: cannot load @tensorflow\/tfjs-node-gpu/s,
    )
  }).timeout(20_000)
})
