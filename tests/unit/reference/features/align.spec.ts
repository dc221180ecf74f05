import { test } from '@japa/runner'
import { AlignmentError, fillBackForwardZero, forwardFillRows, takeRows } from '../../../../reference/features/align.ts'

test.group('alignment', () => {
  test('each target takes the last source row at or before it', ({ assert }) => {
    const rows = forwardFillRows(Float64Array.of(10, 20, 30), Float64Array.of(5, 10, 15, 20, 35), '4h')
    assert.deepEqual(Array.from(rows), [-1, 0, 0, 1, 2])
    assert.deepEqual(Array.from(takeRows(Float64Array.of(1, 2, 3), rows)), [NaN, 1, 1, 2, 3])
  })

  test('an unsorted or duplicated source index is refused', ({ assert }) => {
    assert.throws(() => forwardFillRows(Float64Array.of(10, 10), Float64Array.of(10), '4h fuzzy frame'), AlignmentError)
  })

  test('fills backwards first (future values), then forwards, then 0', ({ assert }) => {
    assert.deepEqual(Array.from(fillBackForwardZero(Float64Array.of(NaN, 2, NaN, 3, NaN))), [2, 2, 3, 3, 3])
    assert.deepEqual(Array.from(fillBackForwardZero(Float64Array.of(NaN, NaN))), [0, 0])
  })
})
