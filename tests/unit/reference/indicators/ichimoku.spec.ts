import { test } from '@japa/runner'
import { ichimoku, ichimokuClass } from '../../../../reference/indicators/ichimoku.ts'
import { frameFromCloses, wave } from './_fixtures.ts'

test.group('ichimoku', () => {
  test('channel midpoints, Senkou A their mean, Chikou the close, nothing displaced', ({ assert }) => {
    const high = Float64Array.of(4, 6, 5, 8)
    const low = Float64Array.of(2, 3, 1, 4)
    const close = Float64Array.of(3, 5, 2, 7)
    const out = ichimoku(high, low, close, { tenkan: 2, kijun: 3, senkouB: 4 })
    assert.deepEqual(Array.from(out.tenkan), [NaN, 4, 3.5, 4.5])
    assert.deepEqual(Array.from(out.kijun), [NaN, NaN, 3.5, 4.5])
    assert.deepEqual(Array.from(out.senkouA), [NaN, NaN, 3.5, 4.5])
    assert.deepEqual(Array.from(out.senkouB), [NaN, NaN, NaN, 4.5])
    assert.deepEqual(Array.from(out.chikou), [3, 5, 2, 7])
  })

  test('five columns named from all four parameters; needs the longest period', ({ assert }) => {
    const impl = ichimokuClass.configure({ tenkan_period: 3, kijun_period: 7, senkou_b_period: 12, displacement: 5 })
    assert.deepEqual(impl.compute(frameFromCloses(wave(20)), 'ichimoku').names, [
      'Ichimoku_3_7_12_5_Tenkan_sen',
      'Ichimoku_3_7_12_5_Kijun_sen',
      'Ichimoku_3_7_12_5_Senkou_Span_A',
      'Ichimoku_3_7_12_5_Senkou_Span_B',
      'Ichimoku_3_7_12_5_Chikou_Span',
    ])
    assert.strictEqual(impl.minRows, 12)
    assert.strictEqual(ichimokuClass.configure({}).minRows, 52)
  })
})
