import { test } from '@japa/runner'
import {
  baseTimeframe,
  orderTimeframes,
  processorTimeframeMinutes,
} from '../../../../reference/features/timeframe-order.ts'

test.group('timeframe order', () => {
  test('parses minutes the old way, 1M (a month) as one minute', ({ assert }) => {
    assert.deepEqual(
      ['15m', '4h', '1d', '1w', '1M', '2'].map(processorTimeframeMinutes),
      [15, 240, 1440, 10080, 1, 120],
    )
  })

  test('sorts by minutes, ties in request order, and the base is the fastest', ({ assert }) => {
    assert.deepEqual(orderTimeframes(['1d', '1h', '60m', '4h']), ['1h', '60m', '4h', '1d'])
    assert.strictEqual(baseTimeframe(['4h', '1h']), '1h')
  })
})
