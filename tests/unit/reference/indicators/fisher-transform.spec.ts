import { test } from '@japa/runner'
import { fisherTransform, fisherTransformClass } from '../../../../reference/indicators/fisher-transform.ts'
import { frameFromCloses, wave } from './_fixtures.ts'

test.group('fisher transform', () => {
  test('hl2 in the rolling range, clipped to ±0.999, 0.5·ln((1+x)/(1−x)); span 1 leaves it unsmoothed', ({
    assert,
  }) => {
    const l = fisherTransform(Float64Array.of(2, 4, 4, 3, 4), Float64Array.of(0, 2, 2, 1, 4), 2, 1)
    assert.deepEqual(Array.from(l.normalized), [NaN, 0.5, 0, 2 * (1 / 3) - 1, 0.999])
    const fisherOf = (x: number) => 0.5 * Math.log((1 + x) / (1 - x))
    assert.deepEqual(Array.from(l.raw), [NaN, fisherOf(0.5), 0, fisherOf(2 * (1 / 3) - 1), fisherOf(0.999)])
    assert.deepEqual(Array.from(l.fisher), Array.from(l.raw))
    assert.deepEqual(Array.from(l.overbought), [0, 0, 0, 0, 1])
  })

  test('columns Fisher_…_<period>_<smoothing>; period + smoothing rows; smoothing may be 1 but not 0', ({ assert }) => {
    const impl = fisherTransformClass.configure({ period: 5, smoothing: 1 })
    assert.strictEqual(impl.minRows, 6)
    assert.deepEqual(impl.compute(frameFromCloses(wave(10)), 'f').names, [
      'Fisher_5_1',
      'Fisher_Trigger_5_1',
      'Fisher_Raw_5_1',
      'Fisher_Normalized_5_1',
      'Fisher_Momentum_5_1',
      'Fisher_Histogram_5_1',
      'Fisher_Above_Zero_5_1',
      'Fisher_Below_Zero_5_1',
      'Fisher_Overbought_5_1',
      'Fisher_Oversold_5_1',
    ])
    assert.throws(
      () => fisherTransformClass.configure({ smoothing: 0 }),
      'ValueError: smoothing must be a positive integer',
    )
  })
})
