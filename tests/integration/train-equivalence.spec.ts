// local_new (reference runTrainingPipeline, and the train command's path through LocalTrainingOrchestrator) against
// local_old (the legacy port) on the same seed, data and runtime: docs/legacy-behaviour.md §14 requires
// bitwise-identical weights, metrics, importance and predictions.
import { test } from '@japa/runner'
import { runTrain, type TrainOptions } from '../../harness/train/run-train.ts'
import { runLegacyLocalTraining } from '../../legacy/local/run-training.ts'
import { CsvDataSource } from '../../reference/data/csv-source.ts'
import { runTrainingPipeline } from '../../reference/pipeline/run.ts'
import { fusedRuntime } from '../../reference/runtime/fused-runtime.ts'
import { ModelStorage } from '../../reference/storage/model-storage.ts'
import { loadStrategy } from '../../reference/strategy/load.ts'
import { MARKET_START, writeStrategyMarket } from '../fixtures/strategy-market.ts'
import { csvDataDir, fixedClock, tempDir } from '../unit/reference/pipeline/fixtures.ts'

const STRATEGY = 'strategies/neuro_mean_reversion.yaml'

const CASES = [
  { title: 'one symbol, one timeframe', symbols: ['AAPL'], timeframes: ['1h'] },
  { title: 'two symbols, one timeframe', symbols: ['AAPL', 'MSFT'], timeframes: ['1h'] },
  { title: 'two symbols, two timeframes', symbols: ['AAPL', 'MSFT'], timeframes: ['1h', '4h'] },
] as const

test.group('train equivalence: local_new ↔ local_old', (group) => {
  let data: ReturnType<typeof csvDataDir>
  let models: ReturnType<typeof tempDir>
  group.setup(() => {
    data = csvDataDir(['AAPL', 'MSFT'], 700, ['1h', '4h'])
    models = tempDir('ktrdr-eq-models')
    return () => {
      data.cleanup()
      models.cleanup()
    }
  })

  for (const c of CASES) {
    test(`bitwise identical: ${c.title}`, async ({ assert }) => {
      const common = {
        symbols: c.symbols,
        timeframes: c.timeframes,
        seed: 17,
        epochs: 2,
        runtime: fusedRuntime,
        clock: fixedClock,
      }
      const old = await runLegacyLocalTraining({
        ...common,
        strategyPath: STRATEGY,
        dataDir: data.path,
        modelsDir: `${models.path}/old`,
        log: () => {},
      })
      const fresh = await runTrainingPipeline({
        ...common,
        strategy: loadStrategy(STRATEGY),
        startDate: null,
        endDate: null,
        dataSource: new CsvDataSource(data.path),
        storage: new ModelStorage(`${models.path}/new`),
      })
      assert.equal(fresh.weights_sha256, old.weightsSha256)
      assert.deepEqual(fresh.test_metrics, old.raw.test_metrics)
      assert.deepEqual(fresh.training_metrics, old.raw.training_metrics)
      assert.deepEqual(fresh.feature_importance, old.raw.feature_importance)
      assert.deepEqual(Object.keys(fresh.feature_importance), Object.keys(old.raw.feature_importance))
      assert.deepEqual(fresh.per_symbol_metrics, old.raw.per_symbol_metrics)
      assert.deepEqual(fresh.data_summary, old.raw.data_summary)
      assert.deepEqual(fresh.model_info, old.raw.model_info)
      assert.deepEqual(fresh.probes.history, old.probes.history)
      assert.deepEqual(fresh.probes.split, old.probes.split)
      assert.isAbove(fresh.probes.predictions.length, 0)
      assert.isTrue(Buffer.from(fresh.probes.predictions.buffer).equals(Buffer.from(old.probes.predictions.buffer)))
      assert.isTrue(
        Buffer.from(fresh.probes.combined.features.buffer).equals(Buffer.from(old.probes.combined.features.buffer)),
      )
      // Either store reads the other's version directory (same model.json format).
      const legacyWritten = await new ModelStorage(`${models.path}/old`).load({
        strategy: 'neuro_mean_reversion',
        symbols: c.symbols,
        timeframe: c.timeframes[0]!,
      })
      assert.equal(legacyWritten.ref.path, old.raw.model_path)
      assert.deepEqual(
        legacyWritten.params.map((p) => [...p.values]),
        fresh.probes.finalWeights.map((p) => [...p.values]),
      )
    }).timeout(60_000)
  }

  test('the train command reports the same digest, metrics and history for local_old and local_new', async ({
    assert,
  }) => {
    const lines: string[] = []
    const options = (path: 'local_old' | 'local_new'): TrainOptions => ({
      path,
      strategyPath: STRATEGY,
      dataDir: data.path,
      symbols: ['AAPL', 'MSFT'],
      timeframes: ['1h'],
      startDate: null,
      endDate: null,
      seed: 23,
      epochs: 2,
      modelsDir: `${models.path}/cli`,
      device: 'cpu-fused',
      hostUrl: null,
      progress: (line) => void lines.push(line),
    })
    const old = await runTrain(options('local_old'))
    const fresh = await runTrain(options('local_new'))
    assert.equal(fresh.weights_sha256, old.weights_sha256)
    assert.deepEqual(fresh.metrics, old.metrics)
    assert.deepEqual(fresh.training_history, old.training_history)
    assert.deepEqual(
      fresh.training_history.map((h) => h.learning_rate),
      [0.001, 0.001],
    )
    assert.deepInclude(fresh, { stopped_early: false, stopped_epoch: null })
    assert.deepInclude(old, { stopped_early: false, stopped_epoch: null })
    assert.deepEqual(fresh.feature_importance, old.feature_importance)
    assert.notEqual(fresh.model_path, old.model_path)
    assert.deepInclude(fresh.model, { symbols: ['AAPL', 'MSFT'], timeframe: '1h', path: fresh.model_path })
    assert.isNull(old.model)
    assert.deepEqual(lines.slice(0, 2), lines.slice(2))
    assert.match(lines[0]!, /^epoch 1\/2 train_loss=\d\.\d{4} train_acc=\d\.\d{4} val_loss=/)
  }).timeout(60_000)

  test('the train command carries early stopping and each epoch’s learning rate through the orchestrator', async ({
    assert,
  }) => {
    // SGD with a step schedule and early stopping on val_accuracy (6 epochs), trained as the train command does it.
    const strategyPath = 'tests/fixtures/strategies/forms/single_forms.yaml'
    const market = tempDir('ktrdr-eq-stop-data')
    try {
      const endDate = writeStrategyMarket(market.path, ['AAPL'], ['1h'], 62)
      const options = (path: 'local_old' | 'local_new'): TrainOptions => ({
        path,
        strategyPath,
        dataDir: market.path,
        symbols: ['AAPL'],
        timeframes: ['1h'],
        startDate: MARKET_START,
        endDate,
        seed: 23,
        epochs: null,
        modelsDir: `${models.path}/stop`,
        device: 'cpu-fused',
        hostUrl: null,
        progress: () => undefined,
      })
      const old = await runTrain(options('local_old'))
      const fresh = await runTrain(options('local_new'))
      assert.isTrue(fresh.stopped_early)
      assert.isBelow(fresh.stopped_epoch!, 5)
      assert.lengthOf(fresh.training_history, fresh.stopped_epoch! + 1)
      assert.deepInclude(old, { stopped_early: fresh.stopped_early, stopped_epoch: fresh.stopped_epoch })
      assert.deepEqual(fresh.training_history, old.training_history)
      assert.deepEqual(
        fresh.training_history.map((h) => h.learning_rate),
        [0.05, 0.05, 0.025, 0.025, 0.0125].slice(0, fresh.training_history.length),
      )
      assert.equal(fresh.weights_sha256, old.weights_sha256)
    } finally {
      market.cleanup()
    }
  }).timeout(120_000)
})
