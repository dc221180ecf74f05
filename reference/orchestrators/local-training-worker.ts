/**
 * Worker-thread entry of `LocalTrainingOrchestrator` (the analogue of the old `asyncio.to_thread`): builds the
 * run from the value-only request with `buildPipelineRequest`, runs `runTrainingPipeline` with hooks that post
 * progress to the parent (in lockstep mode waiting for the parent's acknowledgement after each batch and epoch)
 * and a cancellation check that reads the shared token, and posts exactly one terminal message.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { TrainingCancelledError } from '../pipeline/errors.ts'
import { buildPipelineRequest } from '../pipeline/request.ts'
import { runTrainingPipeline } from '../pipeline/run.ts'
import { CancellationToken } from './cancellation-token.ts'
import type { WorkerInput, WorkerMessage } from './local-messages.ts'
import { batchStrideOf } from './progress-bridge.ts'

if (!parentPort) throw new Error('local-training-worker must run in a worker thread')
const port = parentPort
const post = (message: WorkerMessage): void => port.postMessage(message)
const { request, cancelBuffer, lockstep } = workerData as WorkerInput
const token = new CancellationToken(cancelBuffer)

/** Posts a progress message; in lockstep mode resolves once the parent has handled it. */
function report(message: WorkerMessage): Promise<void> | void {
  post(message)
  if (lockstep) return new Promise((resolve) => port.once('message', () => resolve()))
}

try {
  const pipelineRequest = await buildPipelineRequest(request, (message) => post({ type: 'warning', message }))
  post({ type: 'plan', totalEpochs: pipelineRequest.epochs, batchStride: batchStrideOf(pipelineRequest.strategy) })
  const result = await runTrainingPipeline(pipelineRequest, {
    onPhase: (phase, message) => post({ type: 'phase', phase, message }),
    onBatch: (progress) => report({ type: 'batch', progress }),
    onEpoch: (progress) => report({ type: 'epoch', progress }),
    isCancelled: () => token.isCancelled(),
  })
  post({ type: 'result', result })
} catch (error) {
  if (error instanceof TrainingCancelledError) post({ type: 'cancelled', where: error.where })
  else {
    const e = error instanceof Error ? error : new Error(String(error))
    post({ type: 'failed', name: e.name, message: e.message })
  }
}
