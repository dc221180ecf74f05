import { test } from '@japa/runner'
import { accuracy, argmaxRows, classificationReport, weightedScores } from '../../../../reference/model/metrics.ts'

test.group('model/metrics', () => {
  test('argmaxRows picks the first maximum of each row', ({ assert }) => {
    const logits = Float32Array.from([1, 3, 3, 0, -1, -2, 2, 2, 2])
    assert.deepEqual([...argmaxRows(logits, 3)], [1, 0, 0])
  })

  test('weightedScores matches sklearn average=weighted, zero_division=0', ({ assert }) => {
    // sklearn: precision_recall_fscore_support([0,0,1,1,2,2], [0,1,1,1,0,2], average='weighted')
    // per class: 0 → p 1/2 r 1/2; 1 → p 2/3 r 1; 2 → p 1 r 1/2; supports 2, 2, 2
    const scores = weightedScores(Int32Array.from([0, 0, 1, 1, 2, 2]), Int32Array.from([0, 1, 1, 1, 0, 2]))
    assert.closeTo(scores.precision, (0.5 + 2 / 3 + 1) / 3, 1e-15)
    assert.closeTo(scores.recall, (0.5 + 1 + 0.5) / 3, 1e-15)
    const f = (p: number, r: number) => (2 * p * r) / (p + r)
    assert.closeTo(scores.f1_score, (f(0.5, 0.5) + f(2 / 3, 1) + f(1, 0.5)) / 3, 1e-15)
  })

  test('a class only predicted counts with zero support (zero_division=0)', ({ assert }) => {
    const scores = weightedScores(Int32Array.from([1, 1]), Int32Array.from([1, 2]))
    assert.deepEqual(scores, { precision: 1, recall: 0.5, f1_score: 2 / 3 })
  })

  test('accuracy is correct / rows, 0 for no rows', ({ assert }) => {
    assert.equal(accuracy(Int32Array.from([0, 1, 2, 2]), Int32Array.from([0, 1, 1, 2])), 0.75)
    assert.equal(accuracy(new Int32Array(0), new Int32Array(0)), 0)
  })

  test('classificationReport computes cross-entropy in float64 and zeros for no rows', ({ assert }) => {
    const logits = Float32Array.from([2, 0, 0, 0, 1, 0])
    const report = classificationReport(logits, Int32Array.from([0, 2]), 2)
    const lse = (a: number[]) => Math.log(a.reduce((s, v) => s + Math.exp(v), 0))
    assert.closeTo(report.loss, (lse([2, 0, 0]) - 2 + (lse([0, 1, 0]) - 0)) / 2, 1e-12)
    assert.equal(report.accuracy, 0.5)
    assert.deepEqual(classificationReport(new Float32Array(0), new Int32Array(0), 0), {
      accuracy: 0,
      loss: 0,
      precision: 0,
      recall: 0,
      f1_score: 0,
    })
  })
})
