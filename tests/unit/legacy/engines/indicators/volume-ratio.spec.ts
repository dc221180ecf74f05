import { test } from '@japa/runner'
import { LegacyVolumeRatio } from '../../../../../legacy/local/engines/indicators/volume-ratio.ts'
import { frameOf, outputs } from './_frames.ts'

test.group('legacy VolumeRatioIndicator', () => {
  test('volume / SMA of volume; 1.0 in the warm-up and where the SMA is ~0', ({ assert }) => {
    const out = outputs(new LegacyVolumeRatio({ period: 2 }), frameOf({ volume: [1, 3, 0, 0] }))
    assert.deepEqual(out.names, ['volumeratio_2'])
    assert.deepEqual(out.values[0], [1, 1.5, 0, 1])
  })

  test('the schema bounds; a missing volume column fails with the old text', ({ assert }) => {
    assert.throws(() => new LegacyVolumeRatio({ period: 101 }), "Parameter 'period' must be <= 100")
    assert.throws(
      () => new LegacyVolumeRatio({}).compute(frameOf({ close: [1] })),
      "Volume column 'volume' not found in data",
    )
  })
})
