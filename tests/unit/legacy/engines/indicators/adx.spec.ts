import { test } from '@japa/runner'
import { LegacyAdx } from '../../../../../legacy/local/engines/indicators/adx.ts'
import { PythonFloat } from '../../../../../legacy/local/python-values.ts'
import { flatBars } from './_frames.ts'

test.group('legacy ADXIndicator params:', () => {
  test('the period reaches every hard-coded column name', ({ assert }) => {
    const names = new LegacyAdx({ period: 2 }).compute(flatBars([1, 2, 3, 4, 5])).map((o) => o.name)
    assert.deepEqual(names, [
      'ADX_2',
      'DI_Plus_2',
      'DI_Minus_2',
      'DX_2',
      'TR_2',
      'ADX_Slope_2',
      'DI_Spread_2',
      'ADX_Momentum_2',
    ])
  })

  test('the hand-written ValueErrors: positive int, at least 2, at most 200 (150 is accepted)', ({ assert }) => {
    assert.throws(() => new LegacyAdx({ period: null }), 'period must be a positive integer')
    assert.throws(() => new LegacyAdx({ period: new PythonFloat(14) }), 'period must be a positive integer')
    assert.throws(() => new LegacyAdx({ period: true }), 'period must be at least 2')
    assert.throws(() => new LegacyAdx({ period: 201 }), 'period should not exceed 200 for practical purposes')
    assert.throws(
      () => new LegacyAdx({ period: 150 }).compute(flatBars([1, 2])),
      'ADX requires at least 301 data points for accurate calculation',
    )
  })
})
