import { test } from '@japa/runner'
import { buildHostTask } from '../../../../harness/bench/host-task.ts'
import type { PipelineResult } from '../../../../reference/pipeline/types.ts'
import type { TrainJson } from '../../../../reference/host-service/client/train-via-host.ts'

test.group('bench: host-overhead pair', () => {
  test('both sides run the same training: local_new and host_new give the same weights digest', async ({ assert }) => {
    const host = await buildHostTask({ bars: 600, epochs: 1 })
    try {
      assert.equal(host.task.stage, 'host')
      const local = (await host.task.old()) as PipelineResult
      const remote = (await host.task.new()) as TrainJson
      assert.match(local.weights_sha256, /^[0-9a-f]{64}$/)
      assert.equal(remote.weights_sha256, local.weights_sha256)
      assert.isNotNull(remote.model_path)
    } finally {
      await host.dispose()
    }
  }).timeout(180_000)
})
