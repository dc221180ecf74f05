// pandas' rolling-window rules on small hand-checkable series (docs/legacy-behaviour.md §3.5).
import { test } from '@japa/runner'
import {
  rollingExtreme,
  rollingMean,
  rollingSampleStd,
  rollingSum,
  rollingVariance,
} from '../../../../../reference/indicators/_internals/rolling.ts'

const isNaN = (values: ArrayLike<number>): boolean[] => Array.from(values, Number.isNaN)

test.group('rolling windows', () => {
  test('mean with min_periods = window: NaN during warm-up and for every window holding a NaN', ({ assert }) => {
    const out = rollingMean(Float64Array.of(1, 2, NaN, 4, 5, 6), 2)
    assert.deepEqual(isNaN(out), [true, false, true, true, false, false])
    assert.deepEqual([out[1], out[4], out[5]], [1.5, 4.5, 5.5])
  })

  test('mean with min_periods = 1: the mean of the non-NaN values; NaN only for a window without any', ({ assert }) => {
    const out = rollingMean(Float64Array.of(1, NaN, 3, NaN, NaN, 8), 2, 1)
    assert.deepEqual(Array.from(out.slice(0, 4)), [1, 1, 3, 3])
    assert.isTrue(Number.isNaN(out[4]!))
    assert.strictEqual(out[5], 8)
  })

  test('mean of equal values is the value exactly; a left-to-right sum would be off by one bit', ({ assert }) => {
    const out = rollingMean(new Float64Array(30).fill(0.1), 20)
    assert.isTrue(out.slice(19).every((v) => v === 0.1))
    assert.notStrictEqual(new Array<number>(20).fill(0.1).reduce((a, b) => a + b) / 20, 0.1)
  })

  test('mean runs a compensated sum along the series: 1e16, 1, −1e16 leaves 1 in the window', ({ assert }) => {
    const out = rollingMean(Float64Array.of(1e16, 1, -1e16, 1, 1), 2)
    assert.strictEqual(out[4], 1)
  })

  test('mean of window 1 is the series', ({ assert }) => {
    const x = Float64Array.of(0.3, NaN, -2)
    assert.deepEqual(isNaN(rollingMean(x, 1)), [false, true, false])
    assert.deepEqual([rollingMean(x, 1)[0], rollingMean(x, 1)[2]], [0.3, -2])
  })

  test('sum: NaN skipped below the window, value × count for equal values, 0 for an empty window at min 0', ({
    assert,
  }) => {
    assert.deepEqual(Array.from(rollingSum(Float64Array.of(1, NaN, 3), 2, 1)), [1, 1, 3])
    assert.strictEqual(rollingSum(new Float64Array(20).fill(0.1), 20)[19], 0.1 * 20)
    assert.deepEqual(Array.from(rollingSum(Float64Array.of(NaN, NaN), 2, 0)), [0, 0])
  })

  test('sample variance and std by hand; 0 for an equal window; NaN below two values', ({ assert }) => {
    const x = Float64Array.of(1, 2, 3, 4, 4, 4, NaN)
    const variance = rollingVariance(x, 3)
    assert.closeTo(variance[2]!, 1, 1e-15)
    assert.closeTo(variance[3]!, 1, 1e-15)
    assert.strictEqual(variance[5], 0)
    assert.deepEqual(isNaN(rollingSampleStd(x, 3)), [true, true, false, false, false, false, true])
    assert.deepEqual(isNaN(rollingSampleStd(Float64Array.of(1, NaN, 3), 2, 1)), [true, true, true])
  })

  test('max / min: NaN in a full window gives NaN; below min_periods NaN is skipped', ({ assert }) => {
    const x = Float64Array.of(3, NaN, 1, 2)
    assert.deepEqual(isNaN(rollingExtreme(x, 2, 'max')), [true, true, true, false])
    assert.deepEqual(Array.from(rollingExtreme(x, 2, 'min', 1)), [3, 3, 1, 1])
    assert.deepEqual(Array.from(rollingExtreme(x, 3, 'max', 1)), [3, 3, 3, 2])
  })

  test('rejects a window below 1 and min_periods above the window', ({ assert }) => {
    assert.throws(() => rollingMean(Float64Array.of(1), 0), 'rolling window must be an integer ≥ 1, got 0')
    assert.throws(() => rollingSum(Float64Array.of(1), 2, 3), 'min_periods must be an integer in [0, 2], got 3')
  })
})
