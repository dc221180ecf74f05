import { test } from '@japa/runner'
import { LegacySqueezeIntensity } from '../../../../../legacy/local/engines/indicators/squeeze-intensity.ts'
import { frameOf, outputs } from './_frames.ts'

test.group('legacy SqueezeIntensityIndicator', () => {
  test('0.0 before the ATR exists, NaN while only the bands are missing, then how far BB sits inside KC', ({
    assert,
  }) => {
    // constant close 5 with high 6 / low 4: BB collapses on 5 once its window is full; KC = 5 ± 2 · ATR(10) = 5 ± 4
    const close = Array.from({ length: 12 }, () => 5)
    const frame = frameOf({ high: close.map(() => 6), low: close.map(() => 4), close })
    const out = outputs(new LegacySqueezeIntensity({ bb_period: 11, kc_period: 2 }), frame)
    assert.deepEqual(out.names, ['squeezeintensity_11_2.0_2_2.0'])
    assert.deepEqual(out.values[0], [0, 0, 0, 0, 0, 0, 0, 0, 0, NaN, 0.5, 0.5])
  })

  test('the Keltner channels need max(kc_period, 10) + 1 rows; the schema checks', ({ assert }) => {
    const close = Array.from({ length: 10 }, () => 5)
    const frame = frameOf({ high: close, low: close, close })
    assert.throws(
      () => new LegacySqueezeIntensity({ bb_period: 2, kc_period: 2 }).compute(frame),
      'Keltner Channels requires at least 11 data points',
    )
    assert.throws(
      () => new LegacySqueezeIntensity({ source: 'open' }).compute(frame),
      "Required columns missing: ['open']",
    )
    assert.throws(() => new LegacySqueezeIntensity({ kc_multiplier: 0 }), "Parameter 'kc_multiplier' must be >= 0.1")
  })
})
