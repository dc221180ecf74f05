import { test } from '@japa/runner'
import { LegacySuperTrend } from '../../../../../legacy/local/engines/indicators/supertrend.ts'
import { PythonFloat } from '../../../../../legacy/local/python-values.ts'
import { frameOf, outputs } from './_frames.ts'

test.group('legacy SuperTrendIndicator', () => {
  test('the bands start NaN (ATR warm-up) and never leave NaN: direction 1, streak 1, 2, 3, …', ({ assert }) => {
    const frame = frameOf({ high: [11, 13, 12, 15, 9], low: [9, 11, 10, 13, 7], close: [10, 12, 11, 14, 8] })
    const out = outputs(new LegacySuperTrend({ period: 2, multiplier: new PythonFloat(1.5) }), frame)
    assert.deepEqual(out.names, [
      'SuperTrend_2_1.5',
      'ST_Direction_2_1.5',
      'ST_Upper_Band_2_1.5',
      'ST_Lower_Band_2_1.5',
      'ST_ATR_2',
      'ST_Distance_2_1.5',
      'ST_Strength_2_1.5',
      'ST_Slope_2_1.5',
    ])
    const nan = [NaN, NaN, NaN, NaN, NaN]
    const [line, direction, upper, lower, atr, distance, strength, slope] = out.values
    for (const column of [line, upper, lower, distance, slope]) assert.deepEqual(column, nan)
    assert.deepEqual(direction, [1, 1, 1, 1, 1])
    assert.deepEqual(strength, [1, 2, 3, 4, 5])
    // TR = [2, 3, 2, 4, 7]
    assert.deepEqual(atr, [NaN, 2.5, 2.5, 3, 5.5])
  })

  test('the default multiplier prints 3.0; the old checks', ({ assert }) => {
    const frame = frameOf({ high: [2, 2, 2], low: [1, 1, 1], close: [1, 1, 1] })
    assert.strictEqual(outputs(new LegacySuperTrend({ period: 2 }), frame).names[0], 'SuperTrend_2_3.0')
    assert.throws(() => new LegacySuperTrend({ period: 201 }), /period should not exceed 200/)
    assert.throws(() => new LegacySuperTrend({ multiplier: 'x' }), 'multiplier must be a positive number')
    assert.throws(() => new LegacySuperTrend({}).compute(frame), 'SuperTrend requires at least 11 data points')
  })
})
