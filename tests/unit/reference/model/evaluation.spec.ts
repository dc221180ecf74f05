import { test } from '@japa/runner'
import { gatherRows, rowsOfSymbol } from '../../../../reference/model/dataset.ts'
import { evaluateModel } from '../../../../reference/model/evaluate.ts'
import { computeFeatureImportance } from '../../../../reference/model/importance.ts'
import { argmaxRows } from '../../../../reference/model/metrics.ts'
import { computePerSymbolMetrics } from '../../../../reference/model/per-symbol-metrics.ts'
import { SeededRng } from '../../../../reference/runtime/rng.ts'
import { softmaxRows } from '../../../../reference/runtime/training-runtime.ts'
import { randomRows, smallModel } from './_rows.ts'

test.group('model/evaluate, per-symbol metrics, importance', () => {
  test('test metrics use embedding 0 (no symbol indices) and return the softmax predictions', ({ assert }) => {
    const { model } = smallModel(4, 2)
    const test = randomRows(12, 4, 2)
    const evaluation = evaluateModel(model, test)
    const logits = model.predictLogits(test.features, 12, null)
    assert.deepEqual([...evaluation.predictions], [...softmaxRows(logits, 12, 3)])
    const predicted = argmaxRows(logits, 12)
    assert.equal(evaluation.metrics.test_accuracy, predicted.filter((p, i) => p === test.labels[i]).length / 12)
  })

  test('no test rows → all-zero metrics and no predictions', ({ assert }) => {
    const evaluation = evaluateModel(smallModel(4).model, randomRows(0, 4))
    assert.deepEqual(evaluation.metrics, { test_accuracy: 0, test_loss: 0, precision: 0, recall: 0, f1_score: 0 })
    assert.lengthOf(evaluation.predictions, 0)
  })

  test('per-symbol metrics score each symbol’s validation rows; zeros for a symbol without rows', ({ assert }) => {
    const { model } = smallModel(4, 3)
    const validation = randomRows(10, 4, 2)
    const metrics = computePerSymbolMetrics(model, validation, ['AAA', 'BBB', 'CCC'])
    assert.equal(metrics.AAA!.sample_count, 5)
    assert.equal(metrics.BBB!.sample_count, 5)
    assert.deepEqual(metrics.CCC, { accuracy: 0, precision: 0, recall: 0, f1_score: 0, sample_count: 0 })
    const own = gatherRows(validation, rowsOfSymbol(validation, 1))
    const predicted = argmaxRows(model.predictLogits(own.features, own.rows, null), own.rows)
    assert.equal(metrics.BBB!.accuracy, predicted.filter((p, i) => p === own.labels[i]).length / own.rows)
  })

  test('permutation importance: one randperm per feature in name order, baseline − permuted accuracy', ({ assert }) => {
    const { model } = smallModel(3)
    const validation = randomRows(30, 3)
    const rng = new SeededRng(8)
    const importance = computeFeatureImportance(model, validation, ['a', 'b', 'c'], rng)
    assert.deepEqual(Object.keys(importance), ['a', 'b', 'c'])
    const replay = new SeededRng(8)
    const accuracyOf = (x: Float32Array) => {
      const p = argmaxRows(model.predictLogits(x, 30, null), 30)
      return p.filter((v, i) => v === validation.labels[i]).length / 30
    }
    const baseline = accuracyOf(validation.features)
    const perm = replay.randperm(30)
    const permuted = validation.features.slice()
    for (let r = 0; r < 30; r++) permuted[r * 3] = validation.features[perm[r]! * 3]!
    assert.equal(importance.a, baseline - accuracyOf(permuted))
    assert.equal(rng.draws, 3 * 29 * 2)
  })

  test('no validation rows → no importance and no draws', ({ assert }) => {
    const rng = new SeededRng(1)
    assert.deepEqual(computeFeatureImportance(smallModel(3).model, randomRows(0, 3), ['a', 'b', 'c'], rng), {})
    assert.equal(rng.draws, 0)
  })
})
