import { test } from '@japa/runner'
import { LegacyBollingerBandWidth } from '../../../../../legacy/local/engines/indicators/bollinger-band-width.ts'
import { PythonFloat } from '../../../../../legacy/local/python-values.ts'
import { flatBars, frameOf, outputs } from './_frames.ts'

test.group('legacy BollingerBandWidthIndicator', () => {
  test('(upper − lower) / middle with a sample σ; warm-up rows 0.0, not NaN; name <name>_<period>_<multiplier>', ({
    assert,
  }) => {
    const indicator = new LegacyBollingerBandWidth({ period: 2, multiplier: 1 })
    indicator.name = 'BBW'
    const out = outputs(indicator, frameOf({ close: [1, 3, 3] }))
    assert.deepEqual(out.names, ['bbw_2_1'])
    // window [1, 3]: mean 2, σ = √2, width 2√2 / 2; window [3, 3]: σ 0
    assert.strictEqual(out.values[0]![0], 0)
    assert.closeTo(out.values[0]![1]!, Math.SQRT2, 1e-15)
    assert.strictEqual(out.values[0]![2], 0)
  })

  test('the schema: float default 2.0, coercion, bounds, OHLC source only', ({ assert }) => {
    const name = (kwargs: Record<string, unknown>) => {
      const indicator = new LegacyBollingerBandWidth(kwargs)
      return outputs(indicator, flatBars(Array.from({ length: 20 }, () => 1))).names[0]
    }
    assert.strictEqual(name({}), 'bollingerbandwidth_20_2.0')
    assert.strictEqual(name({ period: '3', multiplier: '1.5' }), 'bollingerbandwidth_3_1.5')
    assert.strictEqual(
      name({ period: new PythonFloat(3.9), multiplier: new PythonFloat(1) }),
      'bollingerbandwidth_3_1.0',
    )
    assert.throws(() => new LegacyBollingerBandWidth({ multiplier: 6 }), "Parameter 'multiplier' must be <= 5.0")
    assert.throws(() => new LegacyBollingerBandWidth({ period: 1 }), "Parameter 'period' must be >= 2")
    assert.throws(
      () => new LegacyBollingerBandWidth({ source: 'volume' }),
      "Parameter 'source' must be one of ['open', 'high', 'low', 'close']",
    )
    assert.throws(
      () => new LegacyBollingerBandWidth({}).compute(frameOf({ close: [1] })),
      'Insufficient data: need at least 20 points, got 1',
    )
  })
})
