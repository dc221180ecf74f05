import { test } from '@japa/runner'
import { baseIndicatorName } from '../../../../reference/fuzzy/base-name.ts'

test.group('baseIndicatorName', () => {
  test('lower-cases; known prefixes win, else the text before the first digit or underscore', ({ assert }) => {
    assert.deepEqual(
      ['rsi', 'rsi_14', 'sma_fast', 'MACD_12_26', 'bbands', 'ADX', 'BollingerBands', 'spread2', 'volume_sma', '_x'].map(
        baseIndicatorName,
      ),
      ['rsi', 'rsi', 'sma', 'macd', 'bb', 'adx', 'bollingerbands', 'spread', 'volume', '_x'],
    )
  })
})
