import { test } from '@japa/runner'
import { LegacyMfi } from '../../../../../legacy/local/engines/indicators/mfi.ts'
import { frameOf, outputs } from './_frames.ts'

const bars = (tp: number[], volume: number[]) => frameOf({ high: tp, low: tp, close: tp, volume })

test.group('legacy MFIIndicator', () => {
  test('positive / negative money flow; the column is the indicator name', ({ assert }) => {
    const mfi = new LegacyMfi({ period: 2 })
    mfi.name = 'money'
    assert.deepEqual(outputs(mfi, bars([1, 2, 3, 2], [1, 1, 1, 1])), {
      names: ['money'],
      values: [[NaN, NaN, 100, 60]],
    })
    assert.deepEqual(outputs(new LegacyMfi({ period: 1 }), bars([3, 2, NaN, 1], [1, 1, 1, 1])).values, [
      [NaN, 0, 100, 100],
    ])
  })

  test('refuses negative volume and a non-int period', ({ assert }) => {
    assert.throws(
      () => new LegacyMfi({ period: 1 }).compute(bars([1, 2], [1, -1])),
      'MFI indicator requires non-negative volume values',
    )
    assert.throws(() => new LegacyMfi({ period: '14' }), 'MFI period must be an integer >= 1')
  })
})
