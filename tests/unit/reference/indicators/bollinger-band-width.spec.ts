import { test } from '@japa/runner'
import { bollingerBandWidth, bollingerBandWidthClass } from '../../../../reference/indicators/bollinger-band-width.ts'
import { YamlFloat } from '../../../../reference/strategy/yaml-float.ts'
import { frameFromCloses, wave } from './_fixtures.ts'

test.group('bollinger band width', () => {
  test('(upper − lower) / middle with a sample σ; 0.0 where the middle is NaN or ~0', ({ assert }) => {
    const width = bollingerBandWidth(Float64Array.of(1, 3, 3, 0, 0), 2, 1)
    assert.strictEqual(width[0], 0)
    assert.closeTo(width[1]!, Math.SQRT2, 1e-15)
    assert.deepEqual(Array.from(width.subarray(2)), [0, (2 * Math.sqrt(4.5)) / 1.5, 0])
  })

  test('the column is <name.lower()>_<period>_<multiplier> (Python str); the schema checks', ({ assert }) => {
    const frame = frameFromCloses(wave(25))
    const name = (kwargs: Record<string, unknown>) =>
      bollingerBandWidthClass.configure(kwargs).compute(frame, 'BBW').names[0]
    assert.strictEqual(name({}), 'bbw_20_2.0')
    assert.strictEqual(name({ multiplier: 1 }), 'bbw_20_1')
    assert.strictEqual(name({ period: new YamlFloat(5.9), multiplier: '1.5' }), 'bbw_5_1.5')
    assert.throws(
      () => bollingerBandWidthClass.configure({ source: 'volume' }),
      "DataError PARAM-InvalidOption: Parameter 'source' must be one of ['open', 'high', 'low', 'close']",
    )
  })
})
