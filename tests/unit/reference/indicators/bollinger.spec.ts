import { test } from '@japa/runner'
import { bollingerBands, bollingerClass } from '../../../../reference/indicators/bollinger.ts'
import { frameFromCloses, wave } from './_fixtures.ts'
import { YamlFloat } from '../../../../reference/strategy/yaml-float.ts'

test.group('bollinger', () => {
  test('uses the sample standard deviation', ({ assert }) => {
    const out = bollingerBands(Float64Array.of(1, 2, 3), 3, 2)
    assert.deepEqual([out.upper[2], out.middle[2], out.lower[2]], [4, 2, 0])
    assert.isTrue(Number.isNaN(out.middle[1]!))
  })

  test('a flat window has zero width', ({ assert }) => {
    const out = bollingerBands(new Float64Array(4).fill(5), 3, 2)
    assert.deepEqual([out.upper[3], out.lower[3]], [5, 5])
  })

  test('the indicator writes the generic upper / middle / lower columns', ({ assert }) => {
    assert.deepEqual(bollingerClass.configure({}).compute(frameFromCloses(wave(25)), 'bb').names, [
      'upper',
      'middle',
      'lower',
    ])
  })

  test('params: period, multiplier and source reach the bands; the names stay generic', ({ assert }) => {
    const frame = frameFromCloses(wave(30))
    const out = bollingerClass
      .configure({ period: 5, multiplier: new YamlFloat(1.5), source: 'low' })
      .compute(frame, 'bb')
    const bands = bollingerBands(frame.low, 5, 1.5)
    assert.deepEqual(out.names, ['upper', 'middle', 'lower'])
    assert.deepEqual(
      out.columns.map((c) => Array.from(c)),
      [bands.upper, bands.middle, bands.lower].map((c) => Array.from(c)),
    )
    assert.throws(() => bollingerClass.configure({ multiplier: 6 }), "Parameter 'multiplier' must be <= 5.0")
  })
})
