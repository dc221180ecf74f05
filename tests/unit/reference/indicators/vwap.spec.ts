import { test } from '@japa/runner'
import { vwap, vwapClass } from '../../../../reference/indicators/vwap.ts'
import { frameFromCloses, wave } from './_fixtures.ts'

test.group('vwap', () => {
  test('rolling Σ price·volume / Σ volume over partial windows, or cumulative with period 0', ({ assert }) => {
    const price = Float64Array.of(1, 2, 3)
    const volume = Float64Array.of(1, 1, 2)
    assert.deepEqual(Array.from(vwap(price, volume, 2)), [1, 1.5, 8 / 3])
    assert.deepEqual(Array.from(vwap(price, volume, 0)), [1, 1.5, 2.25])
  })

  test('a zero volume sum gives NaN; NaN rows are skipped in each sum', ({ assert }) => {
    assert.deepEqual(Array.from(vwap(Float64Array.of(1, 2, 3), Float64Array.of(0, 0, 1), 2)), [NaN, NaN, 3])
    assert.deepEqual(Array.from(vwap(Float64Array.of(1, NaN, 3), Float64Array.of(1, 1, 1), 2)), [1, 0.5, 1.5])
    assert.deepEqual(Array.from(vwap(Float64Array.of(1, NaN, 3), Float64Array.of(1, 1, 1), 0)), [1, NaN, 4 / 3])
  })

  test('columns VWAP_<period>_<typical|close> and VWAP_cumulative_…; bool words accepted', ({ assert }) => {
    const frame = frameFromCloses(wave(30))
    assert.deepEqual(vwapClass.configure({}).compute(frame, 'v').names, ['VWAP_20_typical'])
    assert.deepEqual(vwapClass.configure({ period: 0 }).compute(frame, 'v').names, ['VWAP_cumulative_typical'])
    const close = vwapClass.configure({ period: 3, use_typical_price: 'no' })
    assert.deepEqual(close.compute(frame, 'v').names, ['VWAP_3_close'])
    assert.deepEqual(Array.from(close.compute(frame, 'v').columns[0]!), Array.from(vwap(frame.close, frame.volume, 3)))
    assert.strictEqual(vwapClass.configure({ period: 0 }).minRows, 1)
    assert.throws(() => vwapClass.configure({ use_typical_price: 'maybe' }), /must be a boolean/)
  })
})
