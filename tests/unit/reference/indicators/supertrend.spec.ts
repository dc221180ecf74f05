import { test } from '@japa/runner'
import { superTrend, superTrendClass } from '../../../../reference/indicators/supertrend.ts'
import { detectQuirkEffects } from '../../../../reference/quirks/detect.ts'
import { frameFromCloses, RSI_SETS, strategyFrom, wave } from './_fixtures.ts'

test.group('supertrend', () => {
  test('bands NaN from the ATR warm-up stay NaN; direction 1; the streak counts up', ({ assert }) => {
    const l = superTrend(
      Float64Array.of(11, 13, 12, 15, 9),
      Float64Array.of(9, 11, 10, 13, 7),
      Float64Array.of(10, 12, 11, 14, 8),
      2,
      1.5,
    )
    for (const column of [l.line, l.upper, l.lower, l.distance, l.slope]) {
      assert.isTrue(column.every((v) => Number.isNaN(v)))
    }
    assert.deepEqual(Array.from(l.direction), [1, 1, 1, 1, 1])
    assert.deepEqual(Array.from(l.strength), [1, 2, 3, 4, 5])
    assert.deepEqual(Array.from(l.atr), [NaN, 2.5, 2.5, 3, 5.5])
  })

  test('names with the multiplier as printed (3.0 default); period + 1 rows; the checks', ({ assert }) => {
    const impl = superTrendClass.configure({})
    assert.strictEqual(impl.minRows, 11)
    assert.deepEqual(impl.compute(frameFromCloses(wave(15)), 'st').names.slice(0, 5), [
      'SuperTrend_10_3.0',
      'ST_Direction_10_3.0',
      'ST_Upper_Band_10_3.0',
      'ST_Lower_Band_10_3.0',
      'ST_ATR_10',
    ])
    assert.throws(() => superTrendClass.configure({ multiplier: 11 }), /multiplier should not exceed 10/)
  })

  test('a strategy using it is warned (Q-SUPERTREND-NAN-BANDS)', ({ assert }) => {
    const strategy = strategyFrom('  - name: st\n    type: SuperTrendIndicator', RSI_SETS)
    assert.include(
      detectQuirkEffects(strategy, ['1h']).map((e) => e.message),
      "Q-SUPERTREND-NAN-BANDS: indicator 'st': SuperTrend and its bands are NaN on every bar, the direction always 1",
    )
  })
})
