import { test } from '@japa/runner'
import { weightedScores } from '../../../../legacy/local/trainer/classification-metrics.ts'
import type { LabelledRows } from '../../../../legacy/local/trainer/dataset.ts'
import {
  calculateFeatureImportance,
  evaluateModel,
  evaluatePerSymbolPerformance,
} from '../../../../legacy/local/trainer/evaluation.ts'
import { fusedRuntime } from '../../../../reference/runtime/fused-runtime.ts'
import { SeededRng } from '../../../../reference/runtime/rng.ts'
import {
  adamConfig,
  initParameters,
  softmaxRows,
  type MlpSpec,
} from '../../../../reference/runtime/training-runtime.ts'
import { handMadeSymbol } from './fixtures.ts'

const spec: MlpSpec = {
  inputSize: 4,
  hiddenLayers: [5],
  outputSize: 3,
  activation: 'tanh',
  dropout: 0.2,
  embedding: { numSymbols: 2, dim: 3 },
}

function twoSymbolRows(n: number): LabelledRows {
  const s = handMadeSymbol('X', n, 4, 21)
  return {
    features: s.features.values,
    labels: s.labels,
    symbolIndices: Int32Array.from({ length: n }, (_, i) => i % 2),
    rows: n,
    featureCount: 4,
  }
}

test.group('legacy trainer / evaluation (§6.3)', () => {
  test('quirk: evaluation with embedding 0', ({ assert }) => {
    const model = fusedRuntime.createModel(spec, initParameters(spec, new SeededRng(9)), adamConfig(0.001))
    const data = twoSymbolRows(40)
    const { predictions } = evaluateModel(model, data)
    const withZero = softmaxRows(model.predictLogits(data.features, 40, new Int32Array(40)), 40, 3)
    const withOwn = softmaxRows(model.predictLogits(data.features, 40, data.symbolIndices), 40, 3)
    assert.deepEqual([...predictions], [...withZero])
    assert.notDeepEqual([...predictions], [...withOwn], 'symbol-1 rows would differ with their own embedding')

    // Per-symbol metrics also score symbol-1 rows through embedding 0.
    const perSymbol = evaluatePerSymbolPerformance(model, data, ['X', 'Y', 'Z'])
    assert.equal(perSymbol.Y!.sample_count, 20)
    assert.deepEqual(perSymbol.Z, { accuracy: 0, precision: 0, recall: 0, f1_score: 0, sample_count: 0 })
    let correct = 0
    for (let r = 1; r < 40; r += 2) {
      const row = [...withZero.subarray(r * 3, r * 3 + 3)]
      if (row.indexOf(Math.max(...row)) === data.labels[r]) correct++
    }
    assert.equal(perSymbol.Y!.accuracy, correct / 20)
  })

  test('no test split gives all-zero test metrics', ({ assert }) => {
    const model = fusedRuntime.createModel(spec, initParameters(spec, new SeededRng(9)), adamConfig(0.001))
    const { metrics, predictions } = evaluateModel(model, null)
    assert.deepEqual(metrics, { test_accuracy: 0, test_loss: 0, precision: 0, recall: 0, f1_score: 0 })
    assert.lengthOf(predictions, 0)
  })

  test('weighted precision / recall / F1 match sklearn (zero_division=0)', ({ assert }) => {
    // sklearn docs example: y_true [0,1,2,0,1,2], y_pred [0,2,1,0,0,1] → 0.2222…, 0.3333…, 0.2666….
    const scores = weightedScores(Int32Array.from([0, 1, 2, 0, 1, 2]), Int32Array.from([0, 2, 1, 0, 0, 1]))
    assert.closeTo(scores.precision, 2 / 9, 1e-15)
    assert.closeTo(scores.recall, 1 / 3, 1e-15)
    assert.closeTo(scores.f1, 0.8 / 3, 1e-15)
    // A predicted-only label counts with support 0.
    const extra = weightedScores(Int32Array.from([1, 1]), Int32Array.from([1, 2]))
    assert.deepEqual(extra, { precision: 1, recall: 0.5, f1: 2 / 3 })
  })

  test('permutation importance: one randperm per feature, baseline minus permuted accuracy', ({ assert }) => {
    const model = fusedRuntime.createModel(spec, initParameters(spec, new SeededRng(9)), adamConfig(0.001))
    const data = twoSymbolRows(30)
    const rng = new SeededRng(17)
    const importance = calculateFeatureImportance(model, data, ['a', 'b', 'c', 'd'], rng)
    assert.deepEqual(Object.keys(importance), ['a', 'b', 'c', 'd'])
    assert.equal(rng.draws, 4 * 2 * 29)
    // Replay feature 'a': column 0 taken from the rows of the first permutation.
    const accuracyOf = (x: Float32Array) => {
      const logits = model.predictLogits(x, 30, null)
      let correct = 0
      for (let r = 0; r < 30; r++) {
        const row = [...logits.subarray(r * 3, r * 3 + 3)]
        if (row.indexOf(Math.max(...row)) === data.labels[r]) correct++
      }
      return correct / 30
    }
    const perm = new SeededRng(17).randperm(30)
    const permuted = data.features.slice()
    for (let r = 0; r < 30; r++) permuted[r * 4] = data.features[perm[r]! * 4]!
    assert.equal(importance.a, accuracyOf(data.features) - accuracyOf(permuted))
    const empty = calculateFeatureImportance(model, { ...data, rows: 0, labels: new Int32Array(0) }, ['a'], rng)
    assert.deepEqual(empty, {})
  })
})
