import { test } from '@japa/runner'
import { compareHistories } from '../../../../harness/compare/artifacts.ts'
import { compareNumeric, numericStats } from '../../../../harness/compare/numeric.ts'
import { formatIndex } from '../../../../harness/compare/format.ts'
import { BITWISE, DEFAULT_CLOSE, EXACT } from '../../../../harness/compare/tolerance.ts'

test.group('compare/numeric: element-wise statistics', () => {
  test('bitwise sees a one-ulp float32 difference, treats NaN as equal to NaN and tells −0 from +0', ({ assert }) => {
    const a = Float32Array.from([1, Number.NaN, 0, 3])
    const b = Float32Array.from([1, Number.NaN, -0, 3])
    b[3] = Math.fround(3 + 2 ** -22)
    const stats = numericStats(a, b, BITWISE)
    assert.equal(stats.mismatched, 2)
    assert.equal(stats.maxAbsIndex, 3)
  })

  test('allclose counts |a−b| > atol + rtol·|b| against the reference side b', ({ assert }) => {
    const b = [1, 100, 0, 5]
    const a = [1.0005, 100.2, 2e-6, 5]
    const stats = numericStats(a, b, { kind: 'close', rtol: 1e-3, atol: 1e-6 })
    assert.equal(stats.mismatched, 2)
    assert.equal(stats.maxRelIndex, 2)
    assert.closeTo(stats.budgetUsed, 2, 1e-9)
  })

  test('a NaN on one side only is a mismatch under every tolerance', ({ assert }) => {
    for (const t of [BITWISE, EXACT, DEFAULT_CLOSE]) assert.equal(numericStats([Number.NaN], [1], t).mismatched, 1)
  })

  test('the failure text reads like assert_allclose and names the worst element', ({ assert }) => {
    const a = new Float32Array(2003)
    const b = new Float32Array(2003)
    for (let i = 0; i < 50; i++) a[i] = 1e-5 * (i + 1)
    const c = compareNumeric(
      'final_weights',
      'linear1.weight',
      a,
      b,
      { kind: 'close', rtol: 1e-3, atol: 1e-5 },
      (i) => `layer linear1.weight index ${formatIndex(i, [1001, 2])}`,
    )
    assert.isFalse(c.passed)
    assert.equal(c.mismatched, 49)
    assert.equal(
      c.detail,
      'Mismatched elements: 49 / 2003 (2.4 %). Greatest absolute difference: 5.0e-4 at layer linear1.weight index (24, 1) (up to 1.0e-5 allowed). Greatest relative difference: inf at layer linear1.weight index (0, 0) (up to 1.0e-3 allowed).',
    )
    assert.equal(c.location, 'layer linear1.weight index (24, 1)')
  })

  test('equal arrays report "All N elements equal bitwise" and pass', ({ assert }) => {
    const c = compareNumeric('features', 'x', [1, 2], [1, 2], BITWISE, (i) => String(i))
    assert.isTrue(c.passed)
    assert.equal(c.detail, 'All 2 elements equal bitwise.')
    assert.equal(c.statistic, 'bitwise')
  })

  test('formatIndex turns a flat index into a row-major tuple', ({ assert }) => {
    assert.equal(formatIndex(7, [3, 4]), '(1, 3)')
    assert.equal(formatIndex(5, [6]), '(5)')
    assert.equal(formatIndex(13, [2, 3, 4]), '(1, 0, 1)')
  })
})

test.group('compare/artifacts: epoch histories', () => {
  const epoch = (i: number, loss: number, rate: number) => ({
    epoch: i,
    train_loss: loss,
    train_accuracy: 0.5,
    val_loss: loss,
    val_accuracy: 0.5,
    learning_rate: rate,
  })

  test('a different epoch count (early stopping) fails, and the shared epochs are still compared', ({ assert }) => {
    const a = [epoch(0, 1, 0.1), epoch(1, 0.9, 0.05)]
    const b = [epoch(0, 1, 0.1), epoch(1, 0.9, 0.1), epoch(2, 0.8, 0.1)]
    const out = compareHistories('history', a, b, BITWISE)
    assert.deepEqual(
      out.map((c) => [c.artifact, c.passed]),
      [
        ['history.epochs', false],
        ['history.train_loss', true],
        ['history.train_accuracy', true],
        ['history.val_loss', true],
        ['history.val_accuracy', true],
        ['history.learning_rate', false],
      ],
    )
    assert.equal(out[0]!.detail, 'Epoch counts differ: 2 vs 3; the series compare the first 2.')
    assert.equal(out[5]!.location, 'epoch 1')
  })

  test('equal counts give the five series only', ({ assert }) => {
    const h = [epoch(0, 1, 0.1)]
    assert.lengthOf(compareHistories('history', h, h, BITWISE), 5)
  })
})
