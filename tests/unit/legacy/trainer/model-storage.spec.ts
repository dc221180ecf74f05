import { test } from '@japa/runner'
import { mkdirSync, readFileSync, readlinkSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { localIsoFormat, ModelStorage, type SaveModelArgs } from '../../../../legacy/local/trainer/model-storage.ts'
import { SeededRng } from '../../../../reference/runtime/rng.ts'
import { initParameters, weightsSha256, type MlpSpec } from '../../../../reference/runtime/training-runtime.ts'
import { fixedClock, tempDir, tinyStrategy } from './fixtures.ts'

const spec: MlpSpec = {
  inputSize: 2,
  hiddenLayers: [3],
  outputSize: 3,
  activation: 'relu',
  dropout: 0.2,
  embedding: { numSymbols: 1, dim: 2 },
}

function saveArgs(): SaveModelArgs {
  const config = tinyStrategy()
  ;(config.model as Record<string, unknown>).input_size = 2
  return {
    spec,
    params: initParameters(spec, new SeededRng(1)),
    modelType: 'MultiSymbolMLP',
    strategyName: 'tiny_strategy',
    symbol: 'EURUSD_GBPUSD',
    timeframe: '1h',
    config,
    trainingMetrics: { epochs_trained: 3, final_train_accuracy: 0.5, best_val_accuracy: 0.6 },
    featureNames: ['rsi_low', 'rsi_high'],
    featureImportance: { rsi_low: 0.1, rsi_high: -0.05 },
    runtimeName: 'cpu-fused',
  }
}

test.group('legacy trainer / ModelStorage (§7)', () => {
  test('versioning: N = 1 + max existing _v<N>, latest link re-pointed (relative)', ({ assert }) => {
    const { dir, cleanup } = tempDir('legacy-store')
    try {
      const strategyDir = join(dir, 'tiny_strategy')
      mkdirSync(strategyDir)
      mkdirSync(join(strategyDir, 'EURUSD_GBPUSD_1h_v3'))
      mkdirSync(join(strategyDir, 'EURUSD_GBPUSD_1h_vbeta'))
      mkdirSync(join(strategyDir, 'EURUSD_GBPUSD_4h_v9'))
      const storage = new ModelStorage(dir, fixedClock())
      const first = storage.saveModel(saveArgs())
      assert.equal(first, join(strategyDir, 'EURUSD_GBPUSD_1h_v4'))
      assert.equal(readlinkSync(join(strategyDir, 'EURUSD_GBPUSD_1h_latest')), 'EURUSD_GBPUSD_1h_v4')
      const second = storage.saveModel(saveArgs())
      assert.equal(second, join(strategyDir, 'EURUSD_GBPUSD_1h_v5'))
      assert.equal(readlinkSync(join(strategyDir, 'EURUSD_GBPUSD_1h_latest')), 'EURUSD_GBPUSD_1h_v5')
      const loaded = storage.loadModel('tiny_strategy', 'EURUSD_GBPUSD', '1h')
      assert.equal(loaded.model_path, join(strategyDir, 'EURUSD_GBPUSD_1h_latest'))
      assert.equal(weightsSha256(loaded.params), weightsSha256(saveArgs().params))
      assert.isTrue(loaded.is_pure_fuzzy)
      assert.equal(storage.loadModel('tiny_strategy', 'EURUSD_GBPUSD', '1h', 'v4').model_path, first)
    } finally {
      cleanup()
    }
  })

  test('files: features.json (pure_fuzzy_v1) and metadata.json fields', ({ assert }) => {
    const { dir, cleanup } = tempDir('legacy-store')
    try {
      const clock = fixedClock()
      const path = new ModelStorage(dir, clock).saveModel(saveArgs())
      const features = JSON.parse(readFileSync(join(path, 'features.json'), 'utf8'))
      assert.deepEqual(features, {
        model_version: 'pure_fuzzy_v1',
        feature_type: 'pure_fuzzy',
        fuzzy_features: ['rsi_low', 'rsi_high'],
        feature_count: 2,
        temporal_config: { lookback_periods: 1, enabled: true },
        scaling_info: { requires_scaling: false, reason: 'fuzzy_values_already_normalized' },
        feature_importance: { rsi_low: 0.1, rsi_high: -0.05 },
      })
      const metadata = JSON.parse(readFileSync(join(path, 'metadata.json'), 'utf8'))
      assert.deepEqual(metadata, {
        strategy_name: 'tiny_strategy',
        symbol: 'EURUSD_GBPUSD',
        timeframe: '1h',
        created_at: localIsoFormat(clock()),
        model_type: 'MultiSymbolMLP',
        model_version: 'pure_fuzzy_v1',
        architecture_type: 'pure_fuzzy',
        input_size: 2,
        pytorch_version: 'cpu-fused',
        training_summary: { epochs: 3, final_accuracy: 0.5, best_val_accuracy: 0.6 },
        feature_engineering: { removed: true, scaler_required: false, fuzzy_only: true },
      })
      const weights = JSON.parse(readFileSync(join(path, 'model.json'), 'utf8'))
      assert.equal(weights.format, 'ktrdr-weights-v1')
      assert.deepEqual(weights.tensors[0].shape, [1, 2])
      const first = Buffer.from(weights.tensors[0].data_base64, 'base64').readFloatLE(0)
      assert.equal(first, saveArgs().params[0]!.values[0])
    } finally {
      cleanup()
    }
  })

  test('created_at is Python local-time isoformat (microseconds only when non-zero)', ({ assert }) => {
    const d = new Date(2025, 9, 9, 7, 5, 3, 120)
    assert.equal(localIsoFormat(d), '2025-10-09T07:05:03.120000')
    assert.equal(localIsoFormat(new Date(2025, 0, 2, 3, 4, 5, 0)), '2025-01-02T03:04:05')
  })

  test('quirk: a dangling latest link is not removed, so the save fails after writing the files', ({ assert }) => {
    const { dir, cleanup } = tempDir('legacy-store')
    try {
      const strategyDir = join(dir, 'tiny_strategy')
      mkdirSync(strategyDir)
      symlinkSync('EURUSD_GBPUSD_1h_v7', join(strategyDir, 'EURUSD_GBPUSD_1h_latest'))
      const storage = new ModelStorage(dir, fixedClock())
      assert.throws(() => storage.saveModel(saveArgs()), /EEXIST/)
      assert.isNotEmpty(readFileSync(join(strategyDir, 'EURUSD_GBPUSD_1h_v1', 'metadata.json'), 'utf8'))
    } finally {
      cleanup()
    }
  })
})
