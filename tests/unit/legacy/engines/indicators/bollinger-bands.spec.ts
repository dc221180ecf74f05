import { test } from '@japa/runner'
import { LegacyBollingerBands } from '../../../../../legacy/local/engines/indicators/bollinger-bands.ts'
import { PythonFloat } from '../../../../../legacy/local/python-values.ts'
import { flatBars, frameOf, outputs } from './_frames.ts'

test.group('legacy BollingerBandsIndicator params:', () => {
  test('period, multiplier (an int stays an int) and source reach the bands; names stay generic', ({ assert }) => {
    const out = outputs(
      new LegacyBollingerBands({ period: 2, multiplier: 3, source: 'open' }),
      frameOf({ open: [1, 3] }),
    )
    // mean 2, sample std √2
    assert.deepEqual(out.names, ['upper', 'middle', 'lower'])
    assert.deepEqual(
      out.values.map((v) => v[1]),
      [2 + 3 * Math.SQRT2, 2, 2 - 3 * Math.SQRT2],
    )
  })

  test('schema failures and too few rows', ({ assert }) => {
    assert.throws(
      () => new LegacyBollingerBands({ multiplier: new PythonFloat(0.05) }),
      "Parameter 'multiplier' must be >= 0.1",
    )
    assert.throws(() => new LegacyBollingerBands({ period: true }), "Parameter 'period' must be >= 2")
    assert.throws(
      () => new LegacyBollingerBands({ period: 3 }).compute(flatBars([1, 2])),
      'Insufficient data: need at least 3 points, got 2',
    )
  })
})
