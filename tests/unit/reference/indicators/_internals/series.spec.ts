// pandas' shift / diff / pct_change / fillna / row-wise max with missing values (docs/legacy-behaviour.md §3.5).
import { test } from '@japa/runner'
import { diff, fillNaN, pctChange, rowMax, shift } from '../../../../../reference/indicators/_internals/series.ts'
import { trueRange } from '../../../../../reference/indicators/_internals/true-range.ts'

const show = (values: ArrayLike<number>): string => Array.from(values, String).join(' ')

test.group('series operations', () => {
  test('shift moves rows down (or up) and fills NaN', ({ assert }) => {
    assert.strictEqual(show(shift(Float64Array.of(1, 2, 3), 2)), 'NaN NaN 1')
    assert.strictEqual(show(shift(Float64Array.of(1, 2, 3), -1)), '2 3 NaN')
  })

  test('diff is NaN next to a missing value', ({ assert }) => {
    assert.strictEqual(show(diff(Float64Array.of(1, 3, NaN, 10, 15))), 'NaN 2 NaN NaN 5')
    assert.strictEqual(show(diff(Float64Array.of(1, 3, 6, 10), 3)), 'NaN NaN NaN 9')
  })

  test('pct_change pads a missing value with the last valid one first', ({ assert }) => {
    assert.strictEqual(show(pctChange(Float64Array.of(1, NaN, 2, 4, NaN, NaN, 8))), 'NaN 0 1 1 0 0 1')
    assert.strictEqual(show(pctChange(Float64Array.of(NaN, 2, 4), 1)), 'NaN NaN 1')
    assert.strictEqual(show(pctChange(Float64Array.of(1, NaN, 2, 4), 2)), 'NaN NaN 1 3')
  })

  test('fillna replaces NaN only', ({ assert }) => {
    assert.strictEqual(show(fillNaN(Float64Array.of(NaN, Infinity, 2), 50)), '50 Infinity 2')
  })

  test('row-wise max skips NaN; a row of NaN stays NaN', ({ assert }) => {
    assert.strictEqual(show(rowMax([Float64Array.of(1, NaN, NaN), Float64Array.of(NaN, 2, NaN)])), '1 2 NaN')
  })

  test('true range: high − low on bar 0 and after a missing close', ({ assert }) => {
    const tr = trueRange(Float64Array.of(2, 3, 4, 5), Float64Array.of(1, 1, 1, 4), Float64Array.of(1.5, NaN, 3, 4.5))
    assert.strictEqual(show(tr), '1 2 3 2')
  })
})
