import { test } from '@japa/runner'
import { distanceFromMa, distanceFromMaClass } from '../../../../reference/indicators/distance-from-ma.ts'
import { IndicatorError } from '../../../../reference/indicators/errors.ts'
import { frameFromCloses, wave } from './_fixtures.ts'

test.group('distance from MA', () => {
  test('(price − MA) / MA · 100; NaN where the MA is NaN, 0.0 where it is ~0; EMA adjust=True', ({ assert }) => {
    assert.deepEqual(Array.from(distanceFromMa(Float64Array.of(1, 3, NaN, 4, 0, 0), 2, 'SMA')), [
      NaN,
      50,
      NaN,
      NaN,
      -100,
      0,
    ])
    const ema = distanceFromMa(Float64Array.of(1, 3), 2, 'EMA')
    assert.strictEqual(ema[0], 0)
    assert.closeTo(ema[1]!, 20, 1e-12) // (3 − 2.5) / 2.5, 2.5 = (3 + 1/3) / (1 + 1/3)
  })

  test('column <name.lower()>_<period>_<ma_type>; period 1 fails only when computed', ({ assert }) => {
    const frame = frameFromCloses(wave(25))
    assert.deepEqual(distanceFromMaClass.configure({ ma_type: 'EMA' }).compute(frame, 'Dist').names, ['dist_20_EMA'])
    const one = distanceFromMaClass.configure({ period: 1 })
    assert.throws(() => one.compute(frame, 'd'), IndicatorError)
  })
})
