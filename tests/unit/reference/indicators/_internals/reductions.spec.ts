// pandas' Series.mean: NaN skipped, numpy's pairwise summation (docs/legacy-behaviour.md §3.5).
import { test } from '@japa/runner'
import { nanMean, pairwiseSum } from '../../../../../reference/indicators/_internals/reductions.ts'

test.group('reductions', () => {
  test('mean skips NaN: (1 + 3) / 2; all NaN gives NaN', ({ assert }) => {
    assert.strictEqual(nanMean(Float64Array.of(9, 1, NaN, 3), 1, 4), 2)
    assert.isTrue(Number.isNaN(nanMean(Float64Array.of(NaN, NaN), 0, 2)))
  })

  test('pairwise sum: eight partial sums from 8 values on, so 1e16 + 1 … sums like numpy', ({ assert }) => {
    // left to right: (1e16 + 1) + 1 … loses every 1; numpy pairs them first: r0 = 1e16 + 1 (lost), r1…r7 = 1 + 1
    const x = Float64Array.of(1e16, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)
    const leftToRight = x.reduce((a, b) => a + b, 0)
    assert.strictEqual(leftToRight, 1e16)
    assert.strictEqual(pairwiseSum(x, 0, 16), 1e16 + 14)
    assert.strictEqual(pairwiseSum(Float64Array.of(1, 2, 3), 0, 3), 6)
  })
})
