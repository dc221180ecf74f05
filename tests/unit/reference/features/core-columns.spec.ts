import { test } from '@japa/runner'
import { isFuzzyFeatureName, sortedCoreColumns } from '../../../../reference/features/core-columns.ts'

test.group('core columns', () => {
  test('keeps names with an underscore, membership or a keyword', ({ assert }) => {
    assert.deepEqual(['rsi_low', 'trendmembership', 'oversold', 'close', 'rsi'].map(isFuzzyFeatureName), [
      true,
      true,
      true,
      false,
      false,
    ])
  })

  test('sorts the kept names by code point', ({ assert }) => {
    assert.deepEqual(
      sortedCoreColumns(['rsi_oversold', 'close', 'rsi_neutral', 'Sma_a', 'rsi_overbought']),
      [3, 2, 4, 0],
    )
  })
})
