import { test } from '@japa/runner'
import { cmf, cmfClass } from '../../../../reference/indicators/cmf.ts'
import { frameFromCloses, wave } from './_fixtures.ts'

test.group('chaikin money flow', () => {
  test('money flow sum / volume sum (0 without volume), EMA-9 signal, flags 1 / 0', ({ assert }) => {
    const l = cmf(
      Float64Array.of(3, 4, 5, 5),
      Float64Array.of(1, 2, 3, 5),
      Float64Array.of(2, 4, NaN, 5),
      Float64Array.of(10, 20, 30, 40),
      2,
    )
    assert.deepEqual(Array.from(l.cmf), [NaN, 20 / 30, NaN, NaN])
    assert.deepEqual(Array.from(l.signal), [NaN, 20 / 30, 20 / 30, 20 / 30])
    assert.deepEqual(Array.from(l.aboveZero), [0, 1, 0, 0])
    const idle = cmf(Float64Array.of(3, 4), Float64Array.of(1, 2), Float64Array.of(3, 2), Float64Array.of(0, 0), 2)
    assert.deepEqual(Array.from(idle.cmf), [NaN, 0])
  })

  test('hard-coded columns CMF_…_<period>; the old checks', ({ assert }) => {
    const out = cmfClass.configure({ period: 5 }).compute(frameFromCloses(wave(10)), 'cmf')
    assert.deepEqual(out.names, [
      'CMF_5',
      'CMF_MF_Multiplier_5',
      'CMF_MF_Volume_5',
      'CMF_Momentum_5',
      'CMF_Signal_5',
      'CMF_Histogram_5',
      'CMF_Above_Zero_5',
      'CMF_Below_Zero_5',
    ])
    assert.strictEqual(cmfClass.configure({}).minRows, 21)
    assert.throws(() => cmfClass.configure({ period: 501 }), /period should not exceed 500/)
  })
})
