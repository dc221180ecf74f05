import { test } from '@japa/runner'
import { LegacyDistanceFromMa } from '../../../../../legacy/local/engines/indicators/distance-from-ma.ts'
import { frameOf, outputs } from './_frames.ts'

test.group('legacy DistanceFromMAIndicator', () => {
  test('(price − SMA) / SMA · 100; NaN where the SMA is, 0.0 where it is ~0', ({ assert }) => {
    const indicator = new LegacyDistanceFromMa({ period: 2 })
    indicator.name = 'dist'
    const out = outputs(indicator, frameOf({ close: [1, 3, NaN, 4, 0, 0] }))
    assert.deepEqual(out.names, ['dist_2_SMA'])
    assert.deepEqual(out.values[0], [NaN, 50, NaN, NaN, -100, 0])
  })

  test('EMA is pandas ewm(adjust=True): span 2 after 1, 3 is (3 + 1/3) / (1 + 1/3) = 2.5', ({ assert }) => {
    const out = outputs(new LegacyDistanceFromMa({ period: 2, ma_type: 'EMA' }), frameOf({ close: [1, 3] }))
    assert.deepEqual(out.names, ['distancefromma_2_EMA'])
    assert.strictEqual(out.values[0]![0], 0)
    assert.closeTo(out.values[0]![1]!, 20, 1e-12)
  })

  test('period 1 passes the schema and fails when computed (the SMA class needs 2)', ({ assert }) => {
    const indicator = new LegacyDistanceFromMa({ period: 1 })
    assert.throws(() => indicator.compute(frameOf({ close: [1, 2] })), /SMA period/)
    assert.throws(
      () => new LegacyDistanceFromMa({ ma_type: 'WMA' }),
      "Parameter 'ma_type' must be one of ['SMA', 'EMA']",
    )
  })
})
