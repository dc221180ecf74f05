/**
 * Worker-thread entry of `LocalTrainingOrchestrator` (the analogue of the old `asyncio.to_thread`): builds the
 * run from the serialisable request, runs `runTrainingPipeline` with hooks that post progress to the parent and a
 * cancellation check that reads the shared token, and posts exactly one terminal message.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { CsvDataSource } from '../data/csv-source.ts'
import { TrainingCancelledError } from '../pipeline/errors.ts'
import { runTrainingPipeline } from '../pipeline/run.ts'
import { runtimeForDevice } from '../runtime/device-manager.ts'
import { ModelStorage } from '../storage/model-storage.ts'
import { loadStrategy, parseStrategy } from '../strategy/load.ts'
import { CancellationToken } from './cancellation-token.ts'
import type { WorkerInput, WorkerMessage } from './local-messages.ts'
import { batchStrideOf } from './progress-bridge.ts'

const port = parentPort
if (!port) throw new Error('local-training-worker must run in a worker thread')
const post = (message: WorkerMessage): void => port.postMessage(message)
const { request, cancelBuffer } = workerData as WorkerInput
const token = new CancellationToken(cancelBuffer)

try {
  const strategy =
    'path' in request.strategy ? loadStrategy(request.strategy.path) : parseStrategy(request.strategy.yaml, '<inline>')
  const fixed = request.fixedClock === undefined ? null : new Date(request.fixedClock)
  const clock = fixed ? () => new Date(fixed) : () => new Date()
  const epochs = request.epochs ?? strategy.model.training.epochs
  post({ type: 'plan', totalEpochs: epochs, batchStride: batchStrideOf(strategy) })
  const runtime = await runtimeForDevice(request.device ?? 'auto')
  const result = await runTrainingPipeline(
    {
      strategy,
      symbols: request.symbols ?? strategy.trainingData.symbols,
      timeframes: request.timeframes ?? strategy.trainingData.timeframes,
      startDate: request.startDate ?? null,
      endDate: request.endDate ?? null,
      seed: request.seed,
      epochs,
      dataSource: new CsvDataSource(request.dataDir),
      storage: request.modelsDir === null ? null : new ModelStorage(request.modelsDir, { runtime, clock }),
      runtime,
      clock,
      warn: (message) => post({ type: 'warning', message }),
    },
    {
      onPhase: (phase, message) => post({ type: 'phase', phase, message }),
      onBatch: (progress) => post({ type: 'batch', progress }),
      onEpoch: (progress) => post({ type: 'epoch', progress }),
      isCancelled: () => token.isCancelled(),
    },
  )
  post({ type: 'result', result })
} catch (error) {
  if (error instanceof TrainingCancelledError) post({ type: 'cancelled', where: error.where })
  else {
    const e = error instanceof Error ? error : new Error(String(error))
    post({ type: 'failed', name: e.name, message: e.message })
  }
}
