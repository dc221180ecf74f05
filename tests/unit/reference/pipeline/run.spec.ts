import { test } from '@japa/runner'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { TrainingCancelledError } from '../../../../reference/pipeline/errors.ts'
import { runTrainingPipeline } from '../../../../reference/pipeline/run.ts'
import { createTrainingPipeline, TrainingPipeline } from '../../../../reference/pipeline/stages.ts'
import type { PipelineHooks, PipelinePhase, PipelineRequest } from '../../../../reference/pipeline/types.ts'
import { fusedRuntime } from '../../../../reference/runtime/fused-runtime.ts'
import { weightsSha256 } from '../../../../reference/runtime/training-runtime.ts'
import { ModelStorage } from '../../../../reference/storage/model-storage.ts'
import { fixedClock, memorySource, smallStrategy, tempDir } from './fixtures.ts'

function request(overrides: Partial<PipelineRequest> = {}): PipelineRequest {
  return {
    strategy: smallStrategy(),
    symbols: ['AAPL', 'MSFT'],
    timeframes: ['1h'],
    startDate: null,
    endDate: null,
    seed: 42,
    epochs: 2,
    dataSource: memorySource(['AAPL', 'MSFT'], 300),
    storage: null,
    runtime: fusedRuntime,
    clock: fixedClock,
    ...overrides,
  }
}

test.group('pipeline/run', () => {
  test('reports the phases in order and fills the result', async ({ assert }) => {
    const phases: PipelinePhase[] = []
    const result = await runTrainingPipeline(request(), { onPhase: (p) => void phases.push(p) })
    assert.deepEqual(phases, [
      'data_preparation',
      'indicators',
      'fuzzy',
      'features',
      'labels',
      'training',
      'evaluation',
    ])
    assert.isNull(result.model_path)
    assert.equal(result.weights_sha256, weightsSha256(result.probes.finalWeights))
    assert.equal(result.device, 'cpu-fused')
    assert.lengthOf(result.probes.history, 2)
    assert.deepInclude(result.data_summary, {
      start_date: '2020-01-01',
      end_date: '2026-01-01',
      total_samples: 600,
      feature_count: 6,
      symbol_distribution: { AAPL: 300, MSFT: 300 },
    })
    assert.deepEqual(result.probes.split, { train: 420, validation: 90, test: 90 })
    assert.deepEqual(Object.keys(result.per_symbol_metrics), ['AAPL', 'MSFT'])
    assert.lengthOf(Object.keys(result.feature_importance), 6)
    assert.equal(result.model_info.architecture, 'multi_symbol_mlp_2symbols')
    assert.properties(result.timings, [
      'data_preparation',
      'indicators',
      'training',
      'evaluation',
      'feature_importance',
    ])
  })

  test('the same seed gives the same weights; another seed does not', async ({ assert }) => {
    const a = await runTrainingPipeline(request())
    const b = await runTrainingPipeline(request())
    const c = await runTrainingPipeline(request({ seed: 43 }))
    assert.equal(a.weights_sha256, b.weights_sha256)
    assert.notEqual(a.weights_sha256, c.weights_sha256)
  })

  test('warns once per quirk id, however many symbols show it', async ({ assert }) => {
    const seen: string[] = []
    const result = await runTrainingPipeline(request(), {})
    const again = await runTrainingPipeline(request({ warn: (m) => void seen.push(m) }))
    const ids = result.warnings.map((w) => /^(Q-[A-Z0-9-]+):/.exec(w)?.[1]).filter((id) => id !== undefined)
    assert.isAbove(ids.length, 0)
    assert.lengthOf(new Set(ids), ids.length)
    assert.deepEqual(seen, again.warnings)
  })

  test('checks cancellation before each symbol of a pre-model stage', async ({ assert }) => {
    let cancelled = false
    const pipeline = createTrainingPipeline({
      calculateIndicators: (frames, strategy, warn) => {
        cancelled = true
        return TrainingPipeline.calculateIndicators(frames, strategy, warn)
      },
    })
    const error = await runTrainingPipeline(request({ pipeline }), { isCancelled: () => cancelled }).catch(
      (e: unknown) => e,
    )
    assert.instanceOf(error, TrainingCancelledError)
    assert.equal((error as TrainingCancelledError).where, 'indicators MSFT')
  })

  test('checks cancellation before saving: nothing is written', async ({ assert }) => {
    const dir = tempDir('ktrdr-run')
    try {
      let evaluated = false
      const hooks: PipelineHooks = {
        onPhase: (phase) => {
          if (phase === 'evaluation') evaluated = true
        },
        isCancelled: () => evaluated,
      }
      const storage = new ModelStorage(dir.path)
      await assert.rejects(() => runTrainingPipeline(request({ storage }), hooks), 'Training cancelled (before saving)')
      assert.isFalse(existsSync(join(dir.path, 'small_test_strategy')))
    } finally {
      dir.cleanup()
    }
  })

  test('saves through the store: the old config, metrics and metadata', async ({ assert }) => {
    const dir = tempDir('ktrdr-run')
    try {
      const phases: PipelinePhase[] = []
      const storage = new ModelStorage(dir.path)
      const result = await runTrainingPipeline(request({ storage }), { onPhase: (p) => void phases.push(p) })
      const path = join(dir.path, 'small_test_strategy', 'AAPL_MSFT_1h_v1')
      assert.deepEqual(result.model, {
        strategy: 'small_test_strategy',
        symbols: ['AAPL', 'MSFT'],
        timeframe: '1h',
        version: 1,
        path,
      })
      assert.equal(result.model_path, path)
      assert.equal(phases.at(-1), 'saving')
      const loaded = await storage.load(result.model!)
      assert.deepInclude(loaded.config.model, {
        input_size: 6,
        num_symbols: 2,
        symbol_embedding_dim: 16,
      })
      assert.deepEqual(loaded.metrics, JSON.parse(JSON.stringify(result.training_metrics)))
      assert.deepInclude(loaded.metadata, { model_type: 'MultiSymbolMLP', input_size: 6, pytorch_version: 'cpu-fused' })
      assert.deepEqual(loaded.features.feature_importance, result.feature_importance)
    } finally {
      dir.cleanup()
    }
  })

  test('a stage error propagates unchanged', async ({ assert }) => {
    await assert.rejects(() => runTrainingPipeline(request({ symbols: ['NOPE'] })), 'no synthetic data for NOPE 1h')
  })
})
