import { test } from '@japa/runner'
import { LegacyDonchianChannels } from '../../../../../legacy/local/engines/indicators/donchian-channels.ts'
import { PythonFloat } from '../../../../../legacy/local/python-values.ts'
import { frameOf, outputs } from './_frames.ts'

test.group('legacy DonchianChannelsIndicator', () => {
  test('rolling high / low, middle, width, position; a missing close leaves the bands', ({ assert }) => {
    const frame = frameOf({ high: [2, 4, 3], low: [1, 1, 2], close: [1.5, 3, NaN] })
    const out = outputs(new LegacyDonchianChannels({ period: 2 }), frame)
    assert.deepEqual(out.names, ['DC_Upper_2', 'DC_Lower_2', 'DC_Middle_2', 'DC_Width_2', 'DC_Position_2'])
    assert.deepEqual(out.values, [
      [NaN, 4, 4],
      [NaN, 1, 1],
      [NaN, 2.5, 2.5],
      [NaN, 3, 3],
      [NaN, 2 / 3, NaN],
    ])
  })

  test('include_middle by truth value; a zero width gives NaN position; the old ValueErrors', ({ assert }) => {
    const flat = frameOf({ high: [5, 5], low: [5, 5], close: [5, 5] })
    const out = outputs(new LegacyDonchianChannels({ period: 2, include_middle: '' }), flat)
    assert.deepEqual(out.names, ['DC_Upper_2', 'DC_Lower_2', 'DC_Width_2', 'DC_Position_2'])
    assert.deepEqual(out.values[3], [NaN, NaN])
    assert.throws(() => new LegacyDonchianChannels({ period: 1 }), 'period must be at least 2')
    assert.throws(() => new LegacyDonchianChannels({ period: 501 }), /should not exceed 500/)
    assert.throws(
      () => new LegacyDonchianChannels({ period: new PythonFloat(20) }),
      'period must be a positive integer',
    )
    assert.throws(
      () => new LegacyDonchianChannels({}).compute(flat),
      'Donchian Channels requires at least 20 data points',
    )
  })
})
