import { test } from '@japa/runner'
import { LegacyRvi } from '../../../../../legacy/local/engines/indicators/rvi.ts'
import { PythonFloat } from '../../../../../legacy/local/python-values.ts'
import { frameOf, outputs } from './_frames.ts'

test.group('legacy RVIIndicator', () => {
  test('weighted sums from row 3, full-window means, ratio and signal', ({ assert }) => {
    const open = Array.from({ length: 9 }, (_, i) => 10 + i)
    const frame = frameOf({
      open,
      high: open.map((o) => o + 2),
      low: open.map((o) => o - 2),
      close: open.map((o) => o + 1),
    })
    assert.deepEqual(outputs(new LegacyRvi({ period: 4, signal_period: 2 }), frame), {
      names: ['RVI_4_2_RVI', 'RVI_4_2_Signal'],
      values: [
        [NaN, NaN, NaN, NaN, NaN, NaN, 0.25, 0.25, 0.25],
        [NaN, NaN, NaN, NaN, NaN, NaN, NaN, 0.25, 0.25],
      ],
    })
  })

  test('its own integer checks and row count', ({ assert }) => {
    assert.throws(() => new LegacyRvi({ period: new PythonFloat(10) }), 'RVI period must be an integer >= 4')
    assert.throws(() => new LegacyRvi({ signal_period: 51 }), 'RVI signal_period must be <= 50')
    const short = frameOf({ open: [1], high: [1], low: [1], close: [1] })
    assert.throws(() => new LegacyRvi({}).compute(short), 'RVI indicator requires at least 13 data points')
  })
})
