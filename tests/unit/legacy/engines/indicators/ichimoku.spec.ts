import { test } from '@japa/runner'
import { LegacyIchimoku } from '../../../../../legacy/local/engines/indicators/ichimoku.ts'
import { frameOf, outputs } from './_frames.ts'

test.group('legacy IchimokuIndicator', () => {
  test('midpoints over full windows, nothing displaced, five named columns', ({ assert }) => {
    const frame = frameOf({ high: [4, 6, 5, 8], low: [2, 3, 1, 4], close: [3, 5, 2, 7] })
    const out = outputs(new LegacyIchimoku({ tenkan_period: 2, kijun_period: 3, senkou_b_period: 4 }), frame)
    assert.deepEqual(out.names, [
      'Ichimoku_2_3_4_26_Tenkan_sen',
      'Ichimoku_2_3_4_26_Kijun_sen',
      'Ichimoku_2_3_4_26_Senkou_Span_A',
      'Ichimoku_2_3_4_26_Senkou_Span_B',
      'Ichimoku_2_3_4_26_Chikou_Span',
    ])
    assert.deepEqual(out.values, [
      [NaN, 4, 3.5, 4.5],
      [NaN, NaN, 3.5, 4.5],
      [NaN, NaN, 3.5, 4.5],
      [NaN, NaN, NaN, 4.5],
      [3, 5, 2, 7],
    ])
  })

  test('needs the longest period; unknown keywords fail the schema', ({ assert }) => {
    const frame = frameOf({ high: [1], low: [1], close: [1] })
    assert.throws(() => new LegacyIchimoku({}).compute(frame), 'Insufficient data: need at least 52 points, got 1')
    assert.throws(() => new LegacyIchimoku({ shift: 1 }), 'Unknown parameters: shift')
  })
})
