import { test } from '@japa/runner'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { CsvDataSource } from '../../../../reference/data/csv-source.ts'
import {
  assemblePipelineRequest,
  buildPipelineRequest,
  loadStageOverrides,
} from '../../../../reference/pipeline/request.ts'
import { TrainingPipeline } from '../../../../reference/pipeline/stages.ts'
import { fusedRuntime } from '../../../../reference/runtime/fused-runtime.ts'
import { ModelStorage } from '../../../../reference/storage/model-storage.ts'
import { FIXED_NOW, memorySource, smallStrategy, smallStrategyYaml, tempDir } from './fixtures.ts'

const SCALED_FEATURES = pathToFileURL(
  join(import.meta.dirname, '../../../fixtures/stage-overrides/scaled-features.ts'),
).href

test.group('pipeline/request: the one assembly of a run', () => {
  test('run parameters left out take the strategy’s symbols, timeframes and epochs', ({ assert }) => {
    const strategy = smallStrategy({ epochs: 7 })
    const dataSource = memorySource(['AAPL'], 50)
    const request = assemblePipelineRequest({ strategy, seed: 3 }, { dataSource, storage: null, runtime: fusedRuntime })
    assert.deepEqual(request.symbols, strategy.trainingData.symbols)
    assert.deepEqual(request.timeframes, strategy.trainingData.timeframes)
    assert.equal(request.epochs, 7)
    assert.isNull(request.startDate)
    assert.isNull(request.endDate)
    assert.equal(request.seed, 3)
    assert.strictEqual(request.dataSource, dataSource)
    assert.notProperty(request, 'pipeline')

    const given = assemblePipelineRequest(
      { strategy, seed: 3, symbols: ['MSFT'], timeframes: ['4h'], epochs: 2, startDate: '2024-01-01', endDate: null },
      { dataSource, storage: null, runtime: fusedRuntime, pipeline: TrainingPipeline },
    )
    assert.deepEqual(
      [given.symbols, given.timeframes, given.epochs, given.startDate],
      [['MSFT'], ['4h'], 2, '2024-01-01'],
    )
    assert.strictEqual(given.pipeline, TrainingPipeline)
  })

  test('a value-only request becomes CSV data, the device’s runtime, a model store and a frozen clock', async ({
    assert,
  }) => {
    const models = tempDir('ktrdr-request-models')
    try {
      const request = await buildPipelineRequest({
        strategy: { yaml: smallStrategyYaml({ name: 'inline_one' }) },
        dataDir: '/data/nowhere',
        seed: 5,
        modelsDir: models.path,
        device: 'cpu-fused',
        fixedClock: FIXED_NOW,
      })
      assert.equal(request.strategy.name, 'inline_one')
      assert.instanceOf(request.dataSource, CsvDataSource)
      assert.include(request.dataSource.description, '/data/nowhere')
      assert.equal(request.runtime.name, 'cpu-fused')
      assert.instanceOf(request.storage, ModelStorage)
      assert.equal(request.clock!().toISOString(), FIXED_NOW)
      assert.equal(request.epochs, 2)
      const unsaved = await buildPipelineRequest({
        strategy: { yaml: smallStrategyYaml() },
        dataDir: '/data/nowhere',
        seed: 5,
        modelsDir: null,
        device: 'cpu-fused',
      })
      assert.isNull(unsaved.storage)
    } finally {
      models.cleanup()
    }
  })

  test('stage overrides are loaded by module and factory name, and a missing factory is named', async ({ assert }) => {
    const stages = await loadStageOverrides({ module: SCALED_FEATURES, factory: 'scaledFeatures', argument: 2 })
    assert.notStrictEqual(stages.createFeatures, TrainingPipeline.createFeatures)
    assert.strictEqual(stages.splitData, TrainingPipeline.splitData)
    await assert.rejects(
      () => loadStageOverrides({ module: SCALED_FEATURES, factory: 'absent', argument: null }),
      `stage overrides: ${SCALED_FEATURES} exports no function "absent"`,
    )
  })
})
