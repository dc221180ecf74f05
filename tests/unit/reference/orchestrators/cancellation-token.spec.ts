import { test } from '@japa/runner'
import { Worker } from 'node:worker_threads'
import { CancellationToken } from '../../../../reference/orchestrators/cancellation-token.ts'

test.group('orchestrators/cancellation-token', () => {
  test('cancel() is seen through a second token on the same buffer', ({ assert }) => {
    const token = new CancellationToken()
    const view = new CancellationToken(token.buffer)
    assert.isFalse(view.isCancelled())
    token.cancel()
    assert.isTrue(view.isCancelled())
  })

  test('a worker busy in a loop sees the flag without receiving a message', async ({ assert }) => {
    const token = new CancellationToken()
    const worker = new Worker(
      `const { workerData, parentPort } = require('node:worker_threads')
       const flag = new Int32Array(workerData, 0, 1)
       parentPort.postMessage('started')
       let spins = 0
       while (Atomics.load(flag, 0) === 0) spins++
       parentPort.postMessage('stopped')`,
      { eval: true, workerData: token.buffer },
    )
    const messages: string[] = []
    await new Promise<void>((resolve) => {
      worker.on('message', (m: string) => {
        messages.push(m)
        if (m === 'started') token.cancel()
        else resolve()
      })
    })
    await worker.terminate()
    assert.deepEqual(messages, ['started', 'stopped'])
  }).timeout(10_000)
})
