import { test } from '@japa/runner'
import { volumeRatio, volumeRatioClass } from '../../../../reference/indicators/volume-ratio.ts'
import { frameFromCloses, wave } from './_fixtures.ts'

test.group('volume ratio', () => {
  test('volume / SMA of volume; 1.0 in the warm-up and where the SMA is ~0', ({ assert }) => {
    assert.deepEqual(Array.from(volumeRatio(Float64Array.of(1, 3, 0, 0), 2)), [1, 1.5, 0, 1])
  })

  test('column <name.lower()>_<period>; the schema bounds', ({ assert }) => {
    assert.deepEqual(volumeRatioClass.configure({ period: 3 }).compute(frameFromCloses(wave(5)), 'Vol').names, [
      'vol_3',
    ])
    assert.throws(
      () => volumeRatioClass.configure({ period: 1 }),
      "DataError PARAM-BelowMinimum: Parameter 'period' must be >= 2",
    )
  })
})
