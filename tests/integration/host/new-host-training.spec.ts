import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { test } from '@japa/runner'
import { CsvDataSource } from '../../../reference/data/csv-source.ts'
import { writeSyntheticDataset } from '../../../reference/data/synthetic.ts'
import { ModelStorage } from '../../../reference/storage/model-storage.ts'
import { trainViaHost } from '../../../reference/host-service/client/train-via-host.ts'
import { startHostProcess, type HostProcess } from '../../../reference/host-service/process.ts'
import { runTrainingPipeline } from '../../../reference/pipeline/run.ts'
import { fusedRuntime } from '../../../reference/runtime/fused-runtime.ts'
import type { TrainingProbes } from '../../../reference/runtime/probes.ts'
import { parseWithTypedArrays } from '../../../reference/runtime/typed-json.ts'
import { loadStrategy } from '../../../reference/strategy/load.ts'

const STRATEGY = resolve(import.meta.dirname, '../../../strategies/neuro_mean_reversion.yaml')
const RUN = {
  symbols: ['AAPL'],
  timeframes: ['1h'],
  startDate: '2024-01-01',
  endDate: '2024-02-01',
  seed: 11,
  epochs: 3,
}

test.group('new host over HTTP: training through the pipeline', (group) => {
  let dir = ''
  let host: HostProcess
  group.setup(async () => {
    dir = mkdtempSync(join(tmpdir(), 'new-host-train-'))
    writeSyntheticDataset(join(dir, 'data'), { symbols: ['AAPL'], bars: 600, seed: 9, timeframes: ['1h'] })
    host = await startHostProcess({
      impl: 'new',
      modelsDir: join(dir, 'models'),
      dataDir: join(dir, 'data'),
      probesDir: join(dir, 'probes'),
    })
    return async () => {
      await host.stop()
      rmSync(dir, { recursive: true, force: true })
    }
  })

  test('a 3-epoch run completes, saves a loadable model that predicts what the run evaluated', async ({ assert }) => {
    const percents: number[] = []
    const json = await trainViaHost({
      hostUrl: host.url,
      impl: 'new',
      strategyPath: STRATEGY,
      modelsDir: join(dir, 'models'),
      pollIntervalMs: 50,
      onProgress: (u) => percents.push(u.percentage),
      ...RUN,
    })
    assert.equal(json.path, 'host_new')
    assert.equal(json.device, 'cpu-fused')
    assert.match(json.weights_sha256 ?? '', /^[0-9a-f]{64}$/)
    assert.equal(json.training_history.train_loss.length, 3)
    assert.deepEqual(json.protocol.states_seen.at(-1), 'completed')
    assert.deepEqual(json.protocol.endpoints_used, [
      'POST /training/start',
      'GET /training/status/{id}',
      'GET /training/result/{id}',
    ])
    assert.equal(percents.at(-1), 100)

    const loaded = await new ModelStorage(join(dir, 'models')).load(json.model!)
    assert.deepEqual(readdirSync(join(dir, 'probes')), [`${json.session_id}.json`])
    const probes = parseWithTypedArrays<TrainingProbes>(
      readFileSync(join(dir, 'probes', `${json.session_id}.json`), 'utf8'),
    )
    const width = probes.symbols[0]!.features.names.length
    const { train, validation, test: testRows } = probes.split
    const start = (train + validation) * width
    const xTest = probes.combined.features.slice(start, start + testRows * width)
    assert.deepEqual(Array.from(loaded.predict(xTest, testRows)), Array.from(probes.predictions))
    loaded.model.dispose()
  }).timeout(20_000)

  test('host_new and local_new on the same seed and data give the same weights_sha256 and metrics', async ({
    assert,
  }) => {
    const viaHost = await trainViaHost({
      hostUrl: host.url,
      impl: 'new',
      strategyPath: STRATEGY,
      modelsDir: join(dir, 'models'),
      pollIntervalMs: 50,
      ...RUN,
    })
    const local = await runTrainingPipeline({
      strategy: loadStrategy(STRATEGY),
      symbols: RUN.symbols,
      timeframes: RUN.timeframes,
      startDate: RUN.startDate,
      endDate: RUN.endDate,
      seed: RUN.seed,
      epochs: RUN.epochs,
      dataSource: new CsvDataSource(join(dir, 'data')),
      storage: null,
      runtime: fusedRuntime,
    })
    assert.equal(viaHost.weights_sha256, local.weights_sha256)
    assert.deepEqual(viaHost.metrics, local.test_metrics)
    assert.deepEqual(viaHost.feature_importance, local.feature_importance)
  }).timeout(20_000)

  test('a strategy with SGD, a step schedule and early stopping: host_new = local_new, learning rates and stop', async ({
    assert,
  }) => {
    const strategyPath = resolve(import.meta.dirname, '../../fixtures/strategies/forms/single_forms.yaml')
    const run = { ...RUN, endDate: '2024-01-26', epochs: undefined }
    const viaHost = await trainViaHost({
      hostUrl: host.url,
      impl: 'new',
      strategyPath,
      modelsDir: join(dir, 'models'),
      pollIntervalMs: 50,
      ...run,
    })
    const local = await runTrainingPipeline({
      strategy: loadStrategy(strategyPath),
      symbols: RUN.symbols,
      timeframes: RUN.timeframes,
      startDate: RUN.startDate,
      endDate: run.endDate,
      seed: RUN.seed,
      dataSource: new CsvDataSource(join(dir, 'data')),
      storage: null,
      runtime: fusedRuntime,
    })
    assert.equal(viaHost.weights_sha256, local.weights_sha256)
    assert.deepEqual(
      viaHost.training_history.learning_rate,
      local.probes.history.map((h) => h.learning_rate),
    )
    assert.strictEqual(viaHost.stopped_early, local.stopped_early)
    assert.strictEqual(viaHost.stopped_epoch, local.stopped_epoch)
    assert.lengthOf(viaHost.training_history.train_loss, local.probes.history.length)
  }).timeout(30_000)
})
