import { test } from '@japa/runner'
import { donchian, donchianClass } from '../../../../reference/indicators/donchian.ts'
import { YamlFloat } from '../../../../reference/strategy/yaml-float.ts'
import { frameFromCloses, wave } from './_fixtures.ts'

test.group('donchian channels', () => {
  test('rolling highest high / lowest low, middle, width, position', ({ assert }) => {
    const l = donchian(Float64Array.of(2, 4, 3), Float64Array.of(1, 1, 2), Float64Array.of(1.5, 3, NaN), 2)
    assert.deepEqual(
      [l.upper, l.lower, l.middle, l.width, l.position].map((c) => Array.from(c)),
      [
        [NaN, 4, 4],
        [NaN, 1, 1],
        [NaN, 2.5, 2.5],
        [NaN, 3, 3],
        [NaN, 2 / 3, NaN],
      ],
    )
  })

  test('columns DC_<line>_<period>, the middle by truth value; ValueErrors of the old checks', ({ assert }) => {
    const frame = frameFromCloses(wave(30))
    assert.deepEqual(donchianClass.configure({ include_middle: 0 }).compute(frame, 'dc').names, [
      'DC_Upper_20',
      'DC_Lower_20',
      'DC_Width_20',
      'DC_Position_20',
    ])
    assert.lengthOf(donchianClass.configure({ include_middle: 'no' }).compute(frame, 'dc').names, 5)
    assert.throws(() => donchianClass.configure({ period: 1 }), 'ValueError: period must be at least 2')
    assert.throws(
      () => donchianClass.configure({ period: new YamlFloat(20) }),
      'ValueError: period must be a positive integer',
    )
  })
})
