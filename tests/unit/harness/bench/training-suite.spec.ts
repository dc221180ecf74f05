import { test } from '@japa/runner'
import {
  formatTrainingSuite,
  runTrainingSuite,
  SUITE_NETWORKS,
  trainingFlopsPerSample,
} from '../../../../harness/bench/training-suite.ts'
import { vectorBitsFromFlags } from '../../../../harness/bench/training-peak.ts'
import type { MlpSpec } from '../../../../reference/runtime/training-runtime.ts'

test.group('training suite', () => {
  test('FLOP per sample is 6 × multiply-adds, embedding width included', ({ assert }) => {
    const small: MlpSpec = {
      inputSize: 12,
      hiddenLayers: [50, 25],
      outputSize: 3,
      activation: 'relu',
      dropout: 0.2,
      embedding: null,
    }
    assert.equal(trainingFlopsPerSample(small), 11_550)
    assert.equal(trainingFlopsPerSample({ ...small, inputSize: 64, hiddenLayers: [256, 128] }), 297_216)
    assert.equal(
      trainingFlopsPerSample({ ...small, inputSize: 9, embedding: { numSymbols: 3, dim: 16 } }),
      6 * (25 * 50 + 50 * 25 + 25 * 3),
    )
  })

  test('vector width comes from the cpu flags', ({ assert }) => {
    assert.equal(vectorBitsFromFlags(['sse2', 'avx2', 'fma', 'avx512f']), 512)
    assert.equal(vectorBitsFromFlags(['sse2', 'avx2', 'fma']), 256)
    assert.equal(vectorBitsFromFlags(['sse2', 'avx2']), 128)
  })

  test('a tiny run reports every network and batch for each runtime, and formats as a table', async ({ assert }) => {
    const report = await runTrainingSuite({ runtimes: ['cpu-fused', 'cpu'], quick: true, samples: 64, passes: 1 })
    assert.lengthOf(report.results, SUITE_NETWORKS.length * 2 * 2)
    for (const r of report.results) {
      assert.isAbove(r.samples_per_s, 0)
      assert.closeTo(r.peak_fraction, r.gflops / report.peak.gflops, 1e-12)
      assert.lengthOf(r.passes, 1)
    }
    assert.includeMembers(
      report.results.map((r) => r.runtime),
      ['cpu-fused', 'cpu'],
    )
    assert.isAbove(report.peak.gflops, 0)
    const table = formatTrainingSuite(report)
    assert.match(table, /^wall-clock samples\/s\nnetwork\s+batch\s+cpu-fused\s+cpu\s/)
    assert.include(table, '36+16→128→64→32→3')
    assert.lengthOf(JSON.parse(JSON.stringify(report)).results, report.results.length)
  }).timeout(120_000)

  test('an unknown runtime is rejected before anything runs', async ({ assert }) => {
    await assert.rejects(
      () => runTrainingSuite({ runtimes: ['tpu'] }),
      "unknown runtime 'tpu'; use one of cuda, cpu-native, cpu-fused, wasm, cpu",
    )
  })
})
