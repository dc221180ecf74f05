import { test } from '@japa/runner'
import { keltner, keltnerClass } from '../../../../reference/indicators/keltner.ts'
import { YamlFloat } from '../../../../reference/strategy/yaml-float.ts'
import { frameFromCloses, wave } from './_fixtures.ts'

test.group('keltner channels', () => {
  test('EMA(adjust=False) ± multiplier · simple-mean ATR; width, position, squeeze', ({ assert }) => {
    const l = keltner(Float64Array.of(11, 13, 12), Float64Array.of(9, 11, 10), Float64Array.of(10, 12, 11), 2, 2, 1)
    const ema = [10, 34 / 3, (34 / 3 + 22) / 3]
    l.middle.forEach((v, i) => assert.closeTo(v, ema[i]!, 1e-12))
    assert.deepEqual(Array.from(l.atr), [NaN, 2.5, 2.5])
    assert.deepEqual(Array.from(l.width), [NaN, 5, 5])
    assert.closeTo(l.upper[2]!, ema[2]! + 2.5, 1e-12)
    assert.closeTo(l.position[1]!, (12 - (34 / 3 - 2.5)) / 5, 1e-12)
    assert.deepEqual(Array.from(l.squeeze), [NaN, 0.4, 0.4])
  })

  test('names carry the multiplier as Python printed it; rows and checks', ({ assert }) => {
    const frame = frameFromCloses(wave(30))
    const upper = (kwargs: Record<string, unknown>) => keltnerClass.configure(kwargs).compute(frame, 'kc').names[1]
    assert.deepEqual(keltnerClass.configure({}).compute(frame, 'kc').names, [
      'KC_Middle_20',
      'KC_Upper_20_10_2.0',
      'KC_Lower_20_10_2.0',
      'KC_ATR_10',
      'KC_Width_20_10_2.0',
      'KC_Position_20_10_2.0',
      'KC_Squeeze_20_10_2.0',
    ])
    assert.strictEqual(upper({ multiplier: 2 }), 'KC_Upper_20_10_2')
    assert.strictEqual(upper({ multiplier: new YamlFloat(1.5) }), 'KC_Upper_20_10_1.5')
    assert.strictEqual(keltnerClass.configure({ period: 5, atr_period: 12 }).minRows, 13)
    assert.throws(() => keltnerClass.configure({ multiplier: 0 }), 'ValueError: multiplier must be a positive number')
    assert.throws(
      () => keltnerClass.configure({ atr_period: 201 }),
      'ValueError: atr_period should not exceed 200 for practical purposes',
    )
  })
})
