// LocalTrainingOrchestrator end to end, through the public API barrel: a worker-thread run equals the in-process
// pipeline, progress phases arrive in order with monotonic percentages, cancellation after 2 epochs emits
// `cancelled` and leaves no model directory, in lockstep a cancel from the first batch update stops the run at the
// second batch whatever the machine's speed, stage overrides named by reference reach the worker, and the saved
// model loads back with the same predictions.
import { test } from '@japa/runner'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import {
  CsvDataSource,
  DeviceManager,
  LocalTrainingOrchestrator,
  ModelStorage,
  TrainingCancelledError,
  TrainingPipeline,
  createTrainingPipeline,
  loadStrategy,
  runTrainingPipeline,
  type ProgressUpdate,
  type TrainingPipelineStages,
} from '../../reference/index.ts'
import { scaledFeatures } from '../fixtures/stage-overrides/scaled-features.ts'
import { csvDataDir, FIXED_NOW, fixedClock, tempDir } from '../unit/reference/pipeline/fixtures.ts'

const SCALED_FEATURES = pathToFileURL(join(import.meta.dirname, '../fixtures/stage-overrides/scaled-features.ts')).href

const STRATEGY = 'strategies/neuro_mean_reversion.yaml'

test.group('LocalTrainingOrchestrator', (group) => {
  let data: ReturnType<typeof csvDataDir>
  let models: ReturnType<typeof tempDir>
  group.setup(() => {
    data = csvDataDir(['AAPL', 'MSFT'], 500)
    return () => data.cleanup()
  })
  group.each.setup(() => {
    models = tempDir('ktrdr-orch-models')
    return () => models.cleanup()
  })

  const request = (epochs: number) => ({
    strategy: { path: STRATEGY },
    dataDir: data.path,
    symbols: ['AAPL', 'MSFT'],
    timeframes: ['1h'],
    seed: 7,
    epochs,
    modelsDir: models.path,
    device: 'cpu-fused' as const,
    fixedClock: FIXED_NOW,
  })

  /** The same run as {@link request} in this thread, saving nothing. */
  const inProcessRun = async (epochs: number, pipeline: TrainingPipelineStages) =>
    runTrainingPipeline({
      strategy: loadStrategy(STRATEGY),
      symbols: ['AAPL', 'MSFT'],
      timeframes: ['1h'],
      startDate: null,
      endDate: null,
      seed: 7,
      epochs,
      dataSource: new CsvDataSource(data.path),
      storage: null,
      runtime: (await new DeviceManager({ env: { KTRDR_DEVICE: 'cpu-fused' } }).detectDevice()).runtime,
      clock: fixedClock,
      pipeline,
    })

  test('a worker run gives the in-process result; phases in order, percentages monotonic', async ({ assert }) => {
    const updates: ProgressUpdate[] = []
    const orchestrator = new LocalTrainingOrchestrator({ onProgress: (u) => void updates.push(u) })
    const result = await orchestrator.run(request(3))

    const inProcess = await inProcessRun(3, TrainingPipeline)
    assert.equal(result.weights_sha256, inProcess.weights_sha256)
    assert.deepEqual(result.test_metrics, inProcess.test_metrics)

    const phases = updates.map((u) => u.phase).filter((p, i, all) => i === 0 || p !== all[i - 1])
    assert.deepEqual(phases, [
      'initializing',
      'data_preparation',
      'indicators',
      'fuzzy',
      'features',
      'labels',
      'training',
      'evaluation',
      'saving',
      'completed',
    ])
    updates.slice(1).forEach((u, i) => assert.isAtLeast(u.percentage, updates[i]!.percentage))
    assert.equal(updates.at(-1)!.percentage, 100)
    assert.lengthOf(
      updates.filter((u) => u.kind === 'epoch'),
      3,
    )
  }).timeout(60_000)

  test('cancellation after 2 epochs emits cancelled and leaves no model directory', async ({ assert }) => {
    const updates: ProgressUpdate[] = []
    const orchestrator = new LocalTrainingOrchestrator({
      onProgress: (u) => {
        updates.push(u)
        if (u.kind === 'epoch' && u.epoch === 2) orchestrator.cancel()
      },
    })
    const error = await orchestrator.run(request(200)).catch((e: unknown) => e)
    assert.instanceOf(error, TrainingCancelledError)
    assert.equal(updates.at(-1)!.phase, 'cancelled')
    assert.isBelow(updates.filter((u) => u.kind === 'epoch').length, 200)
    assert.notInclude(
      updates.map((u) => u.phase),
      'saving',
    )
    const strategyDir = join(models.path, 'neuro_mean_reversion')
    assert.deepEqual(existsSync(strategyDir) ? readdirSync(strategyDir) : [], [])
  }).timeout(60_000)

  test('a token cancelled before start cancels without starting a worker', async ({ assert }) => {
    const updates: ProgressUpdate[] = []
    const orchestrator = new LocalTrainingOrchestrator({ onProgress: (u) => void updates.push(u) })
    orchestrator.cancel()
    await assert.rejects(() => orchestrator.run(request(1)), 'Training cancelled (before start)')
    assert.deepEqual(
      updates.map((u) => u.phase),
      ['initializing', 'cancelled'],
    )
  })

  test('a failing run emits failed and rejects with the worker’s message', async ({ assert }) => {
    const updates: ProgressUpdate[] = []
    const orchestrator = new LocalTrainingOrchestrator({ onProgress: (u) => void updates.push(u) })
    const error = await orchestrator.run({ ...request(1), symbols: ['NOPE'] }).catch((e: unknown) => e)
    assert.instanceOf(error, Error)
    assert.include((error as Error).message, 'NOPE_1h.csv')
    assert.equal(updates.at(-1)!.phase, 'failed')
  }).timeout(60_000)

  test('the saved model loads back and predicts what the run predicted', async ({ assert }) => {
    const result = await new LocalTrainingOrchestrator().run(request(2))
    assert.isNotNull(result.model_path)
    const loaded = await new ModelStorage(models.path).load(result.model!)
    assert.equal(loaded.ref.path, result.model_path)
    const { combined, split } = result.probes
    const f = result.data_summary.feature_count
    const testRows = combined.features.subarray((split.train + split.validation) * f)
    const predictions = loaded.predict(testRows, split.test)
    assert.isTrue(Buffer.from(predictions.buffer).equals(Buffer.from(result.probes.predictions.buffer)))
  }).timeout(60_000)

  test('lockstep: a cancel from the first batch update stops the run at the start of the second batch', async ({
    assert,
  }) => {
    const updates: ProgressUpdate[] = []
    const orchestrator = new LocalTrainingOrchestrator({
      lockstep: true,
      onProgress: (u) => {
        updates.push(u)
        if (u.kind === 'batch') orchestrator.cancel()
      },
    })
    const error = await orchestrator.run(request(1)).catch((e: unknown) => e)
    assert.instanceOf(error, TrainingCancelledError)
    assert.equal((error as TrainingCancelledError).where, 'epoch 0 batch 1 start')
    assert.deepEqual(
      updates.filter((u) => u.kind === 'batch').map((u) => u.batch),
      [1],
    )
    assert.equal(updates.at(-1)!.phase, 'cancelled')
  }).timeout(60_000)

  test('stage overrides named by reference are planted in the worker’s pipeline', async ({ assert }) => {
    const planted = await new LocalTrainingOrchestrator().run({
      ...request(1),
      modelsDir: null,
      stageOverrides: { module: SCALED_FEATURES, factory: 'scaledFeatures', argument: 1.5 },
    })
    const inProcess = await inProcessRun(1, createTrainingPipeline(scaledFeatures(1.5)))
    assert.equal(planted.weights_sha256, inProcess.weights_sha256)
    const clean = await new LocalTrainingOrchestrator().run({ ...request(1), modelsDir: null })
    assert.notEqual(planted.weights_sha256, clean.weights_sha256)

    const missing = new LocalTrainingOrchestrator().run({
      ...request(1),
      stageOverrides: { module: SCALED_FEATURES, factory: 'nothingHere', argument: null },
    })
    await assert.rejects(() => missing, /exports no function "nothingHere"/)
  }).timeout(60_000)
})
