import { test } from '@japa/runner'
import { LegacyRsi } from '../../../../../legacy/local/engines/indicators/rsi.ts'
import { PythonFloat } from '../../../../../legacy/local/python-values.ts'
import { flatBars, frameOf, outputs } from './_frames.ts'

test.group('legacy RSIIndicator params:', () => {
  test('period and source reach the class; the column is <name.lower()>_<period>', ({ assert }) => {
    const rsi = new LegacyRsi({ period: 2, source: 'volume' })
    rsi.name = 'My_RSI'
    const out = outputs(rsi, frameOf({ close: [1, 1, 1, 1], volume: [1, 2, 1, 3] }))
    // volume deltas +1, −1, +2: seed (1 + 0) / 2 over (0 + 1) / 2 → 50; then gain (½ + 2) / 2, loss ½ / 2 → 100 − 100 / 6
    assert.deepEqual(out.names, ['my_rsi_2'])
    assert.deepEqual(out.values[0]!.slice(0, 3), [NaN, NaN, 50])
    assert.closeTo(out.values[0]![3]!, 100 - 100 / 6, 1e-12)
  })

  test('the hand-written checks refuse a float, None, a bool, a period below 2 and a non-string source', ({
    assert,
  }) => {
    assert.throws(() => new LegacyRsi({ period: new PythonFloat(14) }), 'RSI period must be an integer')
    assert.throws(() => new LegacyRsi({ period: null }), 'RSI period must be an integer')
    assert.throws(() => new LegacyRsi({ period: true }), 'RSI period must be at least 2')
    assert.throws(() => new LegacyRsi({ source: 3 }), 'Source must be a string')
    assert.throws(() => new LegacyRsi({ name: 'x' }), /unexpected keyword argument 'name'/)
  })

  test('a missing source column and too few rows fail the computation', ({ assert }) => {
    assert.throws(() => new LegacyRsi({ source: 'vwap' }).compute(flatBars([1, 2])), /missing required columns/)
    assert.throws(
      () => new LegacyRsi({ period: 3 }).compute(flatBars([1, 2, 3])),
      'Insufficient data: 3 points available, 4 required',
    )
  })
})
