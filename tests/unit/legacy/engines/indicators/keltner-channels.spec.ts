import { test } from '@japa/runner'
import { LegacyKeltnerChannels } from '../../../../../legacy/local/engines/indicators/keltner-channels.ts'
import { PythonFloat } from '../../../../../legacy/local/python-values.ts'
import { frameOf, outputs } from './_frames.ts'

const BARS = frameOf({ high: [11, 13, 12], low: [9, 11, 10], close: [10, 12, 11] })

test.group('legacy KeltnerChannelsIndicator', () => {
  test('EMA(adjust=False) ± multiplier · simple-mean ATR, width, position, squeeze', ({ assert }) => {
    const out = outputs(new LegacyKeltnerChannels({ period: 2, atr_period: 2, multiplier: 1 }), BARS)
    assert.deepEqual(out.names, [
      'KC_Middle_2',
      'KC_Upper_2_2_1',
      'KC_Lower_2_2_1',
      'KC_ATR_2',
      'KC_Width_2_2_1',
      'KC_Position_2_2_1',
      'KC_Squeeze_2_2_1',
    ])
    const [middle, upper, lower, atr, width, position, squeeze] = out.values
    // span 2: α = 2/3; 10 → (10 + 2·12)/3 → (34/3 + 2·11)/3
    const ema = [10, 34 / 3, (34 / 3 + 22) / 3]
    middle!.forEach((v, i) => assert.closeTo(v, ema[i]!, 1e-12))
    // TR = [2, 3, 2] → ATR(2) = [NaN, 2.5, 2.5]
    assert.deepEqual(atr, [NaN, 2.5, 2.5])
    assert.closeTo(upper![2]!, ema[2]! + 2.5, 1e-12)
    assert.closeTo(lower![2]!, ema[2]! - 2.5, 1e-12)
    assert.deepEqual(width, [NaN, 5, 5])
    assert.closeTo(position![1]!, (12 - (34 / 3 - 2.5)) / 5, 1e-12)
    assert.deepEqual(squeeze, [NaN, 0.4, 0.4])
  })

  test('the multiplier prints as Python did (2.0 default, 1.5, int 2); the old checks', ({ assert }) => {
    const names = (kwargs: Record<string, unknown>) =>
      outputs(new LegacyKeltnerChannels({ period: 2, atr_period: 2, ...kwargs }), BARS).names[1]
    assert.strictEqual(names({}), 'KC_Upper_2_2_2.0')
    assert.strictEqual(names({ multiplier: new PythonFloat(1.5) }), 'KC_Upper_2_2_1.5')
    assert.strictEqual(names({ multiplier: 2 }), 'KC_Upper_2_2_2')
    assert.throws(() => new LegacyKeltnerChannels({ multiplier: 0 }), 'multiplier must be a positive number')
    assert.throws(() => new LegacyKeltnerChannels({ multiplier: 11 }), /should not exceed 10/)
    assert.throws(() => new LegacyKeltnerChannels({ atr_period: 201 }), /atr_period should not exceed 200/)
    assert.throws(
      () => new LegacyKeltnerChannels({ period: 2, atr_period: 3 }).compute(BARS),
      'Keltner Channels requires at least 4 data points',
    )
  })
})
