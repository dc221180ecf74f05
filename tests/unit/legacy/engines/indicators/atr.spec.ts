import { test } from '@japa/runner'
import { LegacyAtr } from '../../../../../legacy/local/engines/indicators/atr.ts'
import { frameOf, outputs } from './_frames.ts'

test.group('legacy ATRIndicator params:', () => {
  test('period reaches the simple mean of the true range and the column ATR_<period>', ({ assert }) => {
    const frame = frameOf({ high: [2, 4, 3], low: [1, 2, 1], close: [1.5, 3, 2] })
    // TR = 1, max(2, 2.5, 0.5) = 2.5, max(2, 0, 2) = 2
    assert.deepEqual(outputs(new LegacyAtr({ period: 2 }), frame), { names: ['ATR_2'], values: [[NaN, 1.75, 2.25]] })
  })

  test('a bool period passes the schema and fails pandas’ rolling window; 101 is refused', ({ assert }) => {
    const frame = frameOf({ high: [2, 4, 3], low: [1, 2, 1], close: [1.5, 3, 2] })
    assert.throws(() => new LegacyAtr({ period: true }).compute(frame), 'min_periods must be an integer')
    assert.throws(() => new LegacyAtr({ period: 101 }), "Parameter 'period' must be <= 100")
  })
})
