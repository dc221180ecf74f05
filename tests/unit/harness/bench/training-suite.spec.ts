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
    const report = await runTrainingSuite({
      runtimes: ['cpu-fused', 'cpu'],
      quick: true,
      samples: 64,
      passes: 1,
      threads: 2,
    })
    assert.lengthOf(report.results, SUITE_NETWORKS.length * 2 * 2)
    for (const r of report.results) {
      assert.isAbove(r.samples_per_s, 0)
      assert.equal(r.threads, r.runtime === 'cpu-fused' ? 2 : 1)
      assert.closeTo(r.peak_fraction, r.gflops / (report.peak.gflops * r.threads), 1e-12)
      assert.lengthOf(r.passes, 1)
      assert.notProperty(r, 'ratio')
    }
    assert.deepEqual(report.torch, { status: 'not requested' })
    assert.includeMembers(
      report.results.map((r) => r.runtime),
      ['cpu-fused', 'cpu'],
    )
    assert.isAbove(report.peak.gflops, 0)
    const table = formatTrainingSuite(report)
    assert.match(
      table,
      /^wall-clock samples\/s \(cpu-fused and torch: 2 threads\)\nnetwork\s+batch\s+cpu-fused\s+cpu\s/,
    )
    assert.include(table, '36+16→128→64→32→3')
    assert.lengthOf(JSON.parse(JSON.stringify(report)).results, report.results.length)
  }).timeout(120_000)

  test('--with-torch without python3-torch is skipped and says why', async ({ assert }) => {
    const saved = process.env.KTRDR_TORCH_PYTHON
    process.env.KTRDR_TORCH_PYTHON = '/nonexistent/python3'
    try {
      const report = await runTrainingSuite({
        runtimes: ['cpu-fused'],
        quick: true,
        samples: 32,
        passes: 1,
        withTorch: true,
      })
      assert.equal(report.torch.status, 'skipped')
      assert.match(report.torch.reason!, /\/nonexistent\/python3 not found/)
      assert.notProperty(report.results[0]!, 'ratio')
      assert.include(formatTrainingSuite(report), 'torch: skipped: /nonexistent/python3 not found')
    } finally {
      if (saved === undefined) delete process.env.KTRDR_TORCH_PYTHON
      else process.env.KTRDR_TORCH_PYTHON = saved
    }
  }).timeout(120_000)

  test('--with-torch runs PyTorch in the same rounds when python3-torch is present', async ({ assert }) => {
    const report = await runTrainingSuite({
      runtimes: ['cpu-fused'],
      quick: true,
      samples: 64,
      passes: 2,
      withTorch: true,
    })
    if (report.torch.status === 'skipped') {
      // no Debian python3-torch on this machine: the run says so instead of failing
      assert.isString(report.torch.reason)
      return
    }
    assert.equal(report.torch.status, 'ran')
    assert.equal(report.torch.threads, report.threads)
    for (const r of report.results) {
      const torchPasses =
        report.torch.passes![`${r.embedding ? `${r.input}+16` : r.input}→${r.hidden.join('→')}→3|${r.batch}`]!
      assert.lengthOf(torchPasses, 2)
      assert.isAbove(r.torch_samples_per_s!, 0)
      assert.closeTo(r.ratio!, (r.passes[0]! / torchPasses[0]! + r.passes[1]! / torchPasses[1]!) / 2, 1e-9)
      assert.isAtMost(r.ratio_range![0], r.ratio!)
      assert.isAtLeast(r.ratio_range![1], r.ratio!)
    }
    assert.match(formatTrainingSuite(report), /cpu-fused\/torch \(range\)/)
  }).timeout(300_000)

  test('an unknown runtime is rejected before anything runs', async ({ assert }) => {
    await assert.rejects(
      () => runTrainingSuite({ runtimes: ['tpu'] }),
      "unknown runtime 'tpu'; use one of cuda, cpu-native, cpu-fused, wasm, cpu",
    )
  })
})
