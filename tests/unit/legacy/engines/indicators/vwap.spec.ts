import { test } from '@japa/runner'
import { LegacyVwap } from '../../../../../legacy/local/engines/indicators/vwap.ts'
import { frameOf, outputs } from './_frames.ts'

const frame = (close: number[], volume: number[]) => frameOf({ high: close, low: close, close, volume })

test.group('legacy VWAPIndicator', () => {
  test('rolling sums with min_periods 1, or cumulative; zero volume → NaN', ({ assert }) => {
    assert.deepEqual(outputs(new LegacyVwap({ period: 2, use_typical_price: false }), frame([1, 2, 3], [1, 1, 2])), {
      names: ['VWAP_2_close'],
      values: [[1, 1.5, 8 / 3]],
    })
    assert.deepEqual(outputs(new LegacyVwap({ period: 0 }), frame([1, 2, 3], [0, 0, 1])), {
      names: ['VWAP_cumulative_typical'],
      values: [[NaN, NaN, 3]],
    })
    assert.deepEqual(outputs(new LegacyVwap({ period: 2 }), frame([1, NaN, 3], [1, 1, 1])).values, [[1, 0.5, 1.5]])
  })

  test('bool words for use_typical_price; period in [0, 200]', ({ assert }) => {
    assert.deepEqual(outputs(new LegacyVwap({ period: 1, use_typical_price: 'Off' }), frame([1], [1])).names, [
      'VWAP_1_close',
    ])
    assert.throws(() => new LegacyVwap({ use_typical_price: 1 }), "Parameter 'use_typical_price' must be a boolean")
    assert.throws(() => new LegacyVwap({ period: -1 }), "Parameter 'period' must be >= 0")
    assert.throws(
      () => new LegacyVwap({}).compute(frame([1], [1])),
      'Insufficient data: need at least 20 points, got 1',
    )
  })
})
