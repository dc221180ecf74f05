import { test } from '@japa/runner'
import { createLabels, LabelError, segmentLabels, zigzagPivots } from '../../../../reference/labels/zigzag.ts'

test.group('zigzag (docs/legacy-behaviour.md §5.1, §3.5)', () => {
  test('extends a trend to its extreme and reverses on the threshold', ({ assert }) => {
    const close = Float64Array.of(100, 104, 102, 106, 100, 99, 103)
    assert.deepEqual(Array.from(zigzagPivots(close, 0.03)), [0, 3, 5, 6])
    assert.deepEqual(Array.from(createLabels(close, 0.03)), [1, 0, 0, 1, 2, 1, 1])
  })

  test('keeps bar 0 as the reference while the direction is unknown', ({ assert }) => {
    const close = Float64Array.of(100, 101, 102, 103.5)
    assert.deepEqual(Array.from(zigzagPivots(close, 0.03)), [0, 3])
    assert.deepEqual(Array.from(createLabels(close, 0.03)), [1, 0, 0, 1])
  })

  test('a flat series or missing closes leave everything HOLD', ({ assert }) => {
    assert.deepEqual(Array.from(createLabels(new Float64Array(5).fill(3), 0.01)), [1, 1, 1, 1, 1])
    assert.deepEqual(Array.from(createLabels(Float64Array.of(NaN, 100, 120, 90), 0.01)), [1, 1, 1, 1])
  })

  test('a NaN close never moves a pivot and is labelled by its segment; a close equal to the pivot does nothing', ({
    assert,
  }) => {
    // 3 %: the direction waits through NaN and the flat 100s; 104 (+4 %) → up at bar 5; NaN and the 104 tie do
    // nothing (the pivot stays at bar 5); 100.8 (−3.08 %) → down at 8, extended to 100 (9) and 99 (11); 103 → up at 13
    const close = Float64Array.of(100, NaN, 100, 100, 100, 104, NaN, 104, 100.8, 100, 100, 99, NaN, 103, 103)
    assert.deepEqual(Array.from(zigzagPivots(close, 0.03)), [0, 5, 11, 13])
    assert.deepEqual(Array.from(createLabels(close, 0.03)), [1, 0, 0, 0, 0, 1, 2, 2, 2, 2, 2, 1, 0, 1, 1])
  })

  test('equal pivot prices label the segment SELL', ({ assert }) => {
    assert.deepEqual(Array.from(segmentLabels(Float64Array.of(5, 6, 5), Int32Array.of(0, 2))), [1, 2, 1])
  })

  test('rejects a threshold outside (0, 1) and fewer than 3 bars', ({ assert }) => {
    assert.throws(() => zigzagPivots(Float64Array.of(1, 2, 3), 1), 'zigzag threshold must be in (0, 1), got 1')
    assert.throws(() => zigzagPivots(Float64Array.of(1, 2), 0.1), LabelError)
  })
})
