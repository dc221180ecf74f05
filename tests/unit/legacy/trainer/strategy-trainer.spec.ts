import { test } from '@japa/runner'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ModelStorage } from '../../../../legacy/local/trainer/model-storage.ts'
import { SeededRng } from '../../../../reference/runtime/rng.ts'
import { initParameters, weightsSha256 } from '../../../../reference/runtime/training-runtime.ts'
import { handMadeSymbol, tempDir, tinyStrategy, trainHandMade } from './fixtures.ts'

test.group('legacy trainer / StrategyTrainer (§1.2, §6)', () => {
  test('raw result: model_info, data_summary, probes and the saved config', ({ assert }) => {
    const { dir, cleanup } = tempDir('legacy-st')
    try {
      const symbols = [handMadeSymbol('EURUSD', 90, 5, 1), handMadeSymbol('GBPUSD', 70, 5, 2)]
      const { raw, probes } = trainHandMade({ symbols, config: tinyStrategy(), seed: 42, modelsDir: dir })
      // 140 combined rows → 98 / 21 / 21.
      assert.deepEqual(probes.split, { train: 98, validation: 21, test: 21 })
      assert.deepEqual(raw.data_summary.symbol_distribution, { EURUSD: 70, GBPUSD: 70 })
      assert.equal(raw.data_summary.total_samples, 140)
      assert.equal(raw.data_summary.feature_count, 5)
      // (5 + 16)·8 + 8 + 8·3 + 3 + 2·16 embedding = 235 parameters.
      assert.deepEqual(raw.model_info, {
        model_size_bytes: 940,
        parameters_count: 235,
        trainable_parameters: 235,
        architecture: 'multi_symbol_mlp_2symbols',
        symbol_embedding_dim: 16,
      })
      assert.equal(raw.model_path, join(dir, 'tiny_strategy', 'EURUSD_GBPUSD_1h_v1'))
      assert.lengthOf(probes.history, 2)
      assert.lengthOf(probes.predictions, 21 * 3)
      assert.deepEqual(Object.keys(raw.feature_importance), ['f0', 'f1', 'f2', 'f3', 'f4'])
      const config = JSON.parse(readFileSync(join(raw.model_path, 'config.json'), 'utf8'))
      assert.include(config.model, { input_size: 5, num_symbols: 2, symbol_embedding_dim: 16 })
      const loaded = new ModelStorage(dir, () => new Date()).loadModel('tiny_strategy', 'EURUSD_GBPUSD', '1h')
      assert.equal(weightsSha256(loaded.params), weightsSha256(probes.finalWeights))
    } finally {
      cleanup()
    }
  })

  test('feature count mismatch across symbols is the old ValueError', ({ assert }) => {
    const { dir, cleanup } = tempDir('legacy-st')
    try {
      const symbols = [handMadeSymbol('A', 30, 4, 1), handMadeSymbol('B', 30, 5, 2)]
      assert.throws(
        () => trainHandMade({ symbols, config: tinyStrategy(), seed: 1, modelsDir: dir }),
        "Feature count mismatch across symbols: {'A': 4, 'B': 5}",
      )
    } finally {
      cleanup()
    }
  })

  test('quirk: NaN loss on first batch returns error but still evaluates and saves', ({ assert }) => {
    const { dir, cleanup } = tempDir('legacy-st')
    try {
      const symbol = handMadeSymbol('AAPL', 60, 3, 5)
      symbol.features.values.fill(Number.NaN)
      // tanh keeps NaN (the fused runtime's ReLU maps NaN to 0, unlike torch.relu).
      const config = tinyStrategy({ activation: 'tanh' })
      const { raw, probes } = trainHandMade({ symbols: [symbol], config, seed: 8, modelsDir: dir })
      assert.deepEqual(raw.training_metrics, { error: 'NaN loss detected in multi-symbol training' })
      assert.lengthOf(probes.history, 0)
      // The old loop returned before optimizer.step(): the kept weights are the initial ones.
      assert.equal(weightsSha256(probes.finalWeights), weightsSha256(probes.initialWeights))
      // …and evaluation, importance and the save still ran.
      assert.equal(probes.split.test, 9)
      assert.isTrue(Number.isNaN(raw.test_metrics.test_loss))
      assert.deepEqual(Object.keys(raw.feature_importance), ['f0', 'f1', 'f2'])
      const metrics = JSON.parse(readFileSync(join(raw.model_path, 'metrics.json'), 'utf8'))
      assert.deepEqual(metrics, { error: 'NaN loss detected in multi-symbol training' })
      const metadata = JSON.parse(readFileSync(join(raw.model_path, 'metadata.json'), 'utf8'))
      assert.deepEqual(metadata.training_summary, { epochs: 0, final_accuracy: 0, best_val_accuracy: 0 })
    } finally {
      cleanup()
    }
  })

  test('RNG order: subsample perm of the larger symbol, then the global perm, then init', ({ assert }) => {
    const { dir, cleanup } = tempDir('legacy-st')
    try {
      const symbols = [handMadeSymbol('A', 40, 3, 1), handMadeSymbol('B', 50, 3, 2)]
      const { probes } = trainHandMade({ symbols, config: tinyStrategy(), seed: 77, modelsDir: dir })
      const replay = new SeededRng(77)
      replay.randperm(50)
      replay.randperm(80)
      const init = initParameters({ ...probesSpec(), inputSize: 3 }, replay)
      assert.equal(weightsSha256(init), weightsSha256(probes.initialWeights))
    } finally {
      cleanup()
    }
  })
})

function probesSpec() {
  return {
    inputSize: 0,
    hiddenLayers: [8],
    outputSize: 3,
    activation: 'relu' as const,
    dropout: 0.2,
    embedding: { numSymbols: 2, dim: 16 },
  }
}
