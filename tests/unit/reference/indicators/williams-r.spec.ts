import { test } from '@japa/runner'
import { williamsR, williamsRClass } from '../../../../reference/indicators/williams-r.ts'
import { YamlFloat } from '../../../../reference/strategy/yaml-float.ts'
import { frameFromCloses, wave } from './_fixtures.ts'

test.group('williams %R', () => {
  test('((HH − close) / (HH − LL)) · −100 over full windows, every NaN → −50', ({ assert }) => {
    const out = williamsR(Float64Array.of(3, 5, 4, 4), Float64Array.of(1, 2, 2, 2), Float64Array.of(2, 4, 3, NaN), 2)
    assert.deepEqual(Array.from(out.subarray(0, 2)), [-50, -25])
    assert.closeTo(out[2]!, -200 / 3, 1e-12)
    assert.strictEqual(out[3], -50)
    const flat = new Float64Array(4).fill(7)
    assert.deepEqual(Array.from(williamsR(flat, flat, flat, 2)), [-50, -50, -50, -50])
  })

  test('column WilliamsR_<period>; the schema coerces and bounds the period', ({ assert }) => {
    const frame = frameFromCloses(wave(20))
    assert.deepEqual(williamsRClass.configure({}).compute(frame, 'w').names, ['WilliamsR_14'])
    assert.deepEqual(williamsRClass.configure({ period: '5' }).compute(frame, 'w').names, ['WilliamsR_5'])
    assert.strictEqual(williamsRClass.configure({ period: new YamlFloat(5.9) }).minRows, 5)
    assert.throws(
      () => williamsRClass.configure({ period: 0 }),
      "DataError PARAM-BelowMinimum: Parameter 'period' must be >= 1",
    )
    assert.throws(
      () => williamsRClass.configure({ source: 'close' }),
      "TypeError: WilliamsRIndicator.__init__() got an unexpected keyword argument 'source'",
    )
  })
})
