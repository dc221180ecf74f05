import { test } from '@japa/runner'
import { rvi, rviClass } from '../../../../reference/indicators/rvi.ts'
import { YamlFloat } from '../../../../reference/strategy/yaml-float.ts'
import { frameFromCloses, wave } from './_fixtures.ts'

test.group('rvi', () => {
  test('1-2-2-1 weighted sums, full-window means, their ratio and its signal', ({ assert }) => {
    const open = Float64Array.from({ length: 9 }, (_, i) => 10 + i)
    const close = open.map((o) => o + 1)
    const out = rvi(
      open,
      open.map((o) => o + 2),
      open.map((o) => o - 2),
      close,
      4,
      2,
    )
    assert.deepEqual(Array.from(out.rvi), [NaN, NaN, NaN, NaN, NaN, NaN, 0.25, 0.25, 0.25])
    assert.deepEqual(Array.from(out.signal), [NaN, NaN, NaN, NaN, NaN, NaN, NaN, 0.25, 0.25])
  })

  test('a zero range mean gives NaN', ({ assert }) => {
    const flat = new Float64Array(8).fill(5)
    assert.isTrue(rvi(flat, flat, flat, flat, 4, 1).rvi.every((v) => Number.isNaN(v)))
  })

  test('columns RVI_<p>_<s>_RVI / _Signal; its own integer checks', ({ assert }) => {
    const impl = rviClass.configure({ period: 6, signal_period: 3 })
    assert.deepEqual(impl.compute(frameFromCloses(wave(20)), 'rvi').names, ['RVI_6_3_RVI', 'RVI_6_3_Signal'])
    assert.strictEqual(impl.minRows, 9)
    assert.throws(
      () => rviClass.configure({ period: 3 }),
      'DataError INDICATOR-InvalidParameter: RVI period must be an integer >= 4',
    )
    assert.throws(() => rviClass.configure({ period: new YamlFloat(10) }), /RVI period must be an integer >= 4/)
    assert.throws(() => rviClass.configure({ signal_period: 51 }), /RVI signal_period must be <= 50/)
  })
})
