import { test } from '@japa/runner'
import { legacyZigzagPivots, legacyZigzagSegmentLabels } from '../../../../legacy/local/engines/labels.ts'

const labels = (closes: number[], t: number): number[] =>
  Array.from(legacyZigzagSegmentLabels(Float64Array.from(closes), t))
const pivots = (closes: number[], t: number): number[] => {
  const out: number[] = []
  legacyZigzagPivots(Float64Array.from(closes), t).forEach((v, i) => {
    if (!Number.isNaN(v)) out.push(i)
  })
  return out
}

test.group('legacy zigzag segment labels (docs/legacy-behaviour.md §5.1)', () => {
  // Worked by hand at 3 %: bar 0 pivot (100); 103.5 is +3.5 % → up, extended to 104 (bar 4); 100 is −3.85 % → down
  // (bar 6), extended to 96 (bar 8); 99 is +3.1 % → up (bar 10); 99 ties; 102 extends (bar 12); 101.5 and 101 are
  // within 3 % of 102, so bars 13–14 come after the last pivot and stay HOLD.
  const SERIES = [100, 101, 99, 103.5, 104, 102, 100, 100.5, 96, 97, 99, 99, 102, 101.5, 101]

  test('pivots and labels of a 15-bar series worked out by hand', ({ assert }) => {
    assert.deepEqual(pivots(SERIES, 0.03), [0, 4, 8, 12])
    assert.deepEqual(labels(SERIES, 0.03), [1, 0, 0, 0, 1, 2, 2, 2, 1, 0, 0, 0, 1, 1, 1])
  })

  test('missing closes and a flat stretch: NaN never moves a pivot, ties do nothing', ({ assert }) => {
    // unknown direction waits through NaN and the flat 100s; 104 (+4 %) → up at bar 5; NaN and the 104 tie do
    // nothing; 100.8 (−3.08 %) → down at 8, extended to 100 (9) and 99 (11); 103 (+4.04 %) → up at 13; 103 ties.
    const series = [100, NaN, 100, 100, 100, 104, NaN, 104, 100.8, 100, 100, 99, NaN, 103, 103]
    assert.deepEqual(pivots(series, 0.03), [0, 5, 11, 13])
    assert.deepEqual(labels(series, 0.03), [1, 0, 0, 0, 0, 1, 2, 2, 2, 2, 2, 1, 0, 1, 1])
  })

  test('a NaN first close makes every label HOLD', ({ assert }) => {
    assert.deepEqual(labels([NaN, 100, 200, 100, 300], 0.03), [1, 1, 1, 1, 1])
  })

  test('adjacent pivots leave no bar to label; fewer than two pivots is all HOLD', ({ assert }) => {
    // 5 %: 106 (+6 %) → up at bar 2; 100 (−5.66 %) → down at bar 4; the trailing 100 ties
    assert.deepEqual(labels([100, 103, 106, 103, 100, 100], 0.05), [1, 0, 1, 2, 1, 1])
    assert.deepEqual(labels([100, 110, 100, 100], 0.05), [1, 1, 1, 1])
    assert.deepEqual(labels([100, 101, 102], 0.05), [1, 1, 1])
  })

  test('threshold outside (0, 1) and fewer than 3 rows fail', ({ assert }) => {
    assert.throws(() => labels([1, 2, 3], 0), 'Threshold must be between 0 and 1, got 0')
    assert.throws(() => labels([1, 2, 3], 1), 'Threshold must be between 0 and 1, got 1')
    assert.throws(() => labels([1, 2], 0.03), 'Insufficient data: 2 points available, 3 required')
  })
})
