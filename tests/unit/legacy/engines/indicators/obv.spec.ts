import { test } from '@japa/runner'
import { LegacyObv } from '../../../../../legacy/local/engines/indicators/obv.ts'
import { frameOf, outputs } from './_frames.ts'

test.group('legacy OBVIndicator', () => {
  test('adds rising, subtracts falling, holds on ties and NaN changes; column OBV', ({ assert }) => {
    const frame = frameOf({ close: [10, 11, 11, 9, NaN, 10], volume: [1, 2, 3, 4, 5, 6] })
    assert.deepEqual(outputs(new LegacyObv({}), frame), { names: ['OBV'], values: [[0, 2, 2, -2, -2, -2]] })
  })

  test('needs close and volume and 2 rows; takes no keyword', ({ assert }) => {
    assert.throws(() => new LegacyObv({}).compute(frameOf({ close: [1, 2] })), 'OBV requires columns: volume')
    assert.throws(
      () => new LegacyObv({}).compute(frameOf({ close: [1], volume: [1] })),
      'OBV requires at least 2 data points for price comparison',
    )
    assert.throws(() => new LegacyObv({ period: 1 }), /unexpected keyword argument 'period'/)
  })
})
