import { test } from '@japa/runner'
import { LegacyMacd } from '../../../../../legacy/local/engines/indicators/macd.ts'
import { PythonFloat } from '../../../../../legacy/local/python-values.ts'
import { flatBars } from './_frames.ts'

test.group('legacy MACDIndicator params:', () => {
  test('the schema coerces strings and floats; names follow the given periods; a bool prints True', ({ assert }) => {
    const frame = flatBars(Array.from({ length: 12 }, (_, i) => i))
    const names = (kwargs: Record<string, unknown>): string[] =>
      new LegacyMacd(kwargs).compute(frame).map((o) => o.name)
    assert.deepEqual(names({ fast_period: '3', slow_period: new PythonFloat(7.9), signal_period: 2 }), [
      'MACD_3_7',
      'MACD_signal_3_7_2',
      'MACD_hist_3_7_2',
    ])
    assert.deepEqual(names({ fast_period: true, slow_period: 5, signal_period: 2 }), [
      'MACD_True_5',
      'MACD_signal_True_5_2',
      'MACD_hist_True_5_2',
    ])
  })

  test('range, option and fast < slow constraint failures; None keeps the default', ({ assert }) => {
    assert.throws(() => new LegacyMacd({ fast_period: 30 }), 'Fast period must be less than slow period')
    assert.throws(() => new LegacyMacd({ slow_period: 101 }), "Parameter 'slow_period' must be <= 100")
    assert.throws(() => new LegacyMacd({ source: 'volume' }), /Parameter 'source' must be one of/)
    assert.throws(
      () => new LegacyMacd({ fast_period: null }).compute(flatBars([1, 2])),
      'MACD requires at least 35 data points for accurate calculation',
    )
  })
})
