import { test } from '@japa/runner'
import { LegacyStochastic } from '../../../../../legacy/local/engines/indicators/stochastic.ts'
import { frameOf, outputs } from './_frames.ts'

const FRAME = frameOf({ high: [3, 4, 5, 6], low: [1, 2, 3, 2], close: [2, 4, 3, 5] })

test.group('legacy StochasticIndicator params:', () => {
  test('k, d and smooth_k reach the class; the D column is Stochastic_D_<k>_<d>_<smooth_k>', ({ assert }) => {
    const out = outputs(new LegacyStochastic({ k_period: 2, d_period: 2, smooth_k: 1 }), FRAME)
    // raw %K over 2-bar windows: NaN → 50, (4 − 1) / (4 − 1) = 100, (3 − 2) / (5 − 2) = 33.3…, (5 − 2) / (6 − 2) = 75
    assert.deepEqual(out.names, ['Stochastic_K_2_1', 'Stochastic_D_2_2_1'])
    assert.deepEqual(out.values[0]!.slice(0, 2), [50, 100])
    assert.closeTo(out.values[0]![2]!, 100 / 3, 1e-12)
    assert.deepEqual(out.values[1]!.slice(0, 2), [50, 75])
  })

  test('smooth_k: true is no smoothing (True in the names); a bool d_period fails pandas’ window', ({ assert }) => {
    const out = outputs(new LegacyStochastic({ k_period: 2, d_period: 1, smooth_k: true }), FRAME)
    assert.deepEqual(out.names, ['Stochastic_K_2_True', 'Stochastic_D_2_1_True'])
    assert.throws(
      () => new LegacyStochastic({ k_period: 2, d_period: true }).compute(FRAME),
      'window must be an integer 0 or greater',
    )
    assert.throws(() => new LegacyStochastic({ smooth_k: 21 }), "Parameter 'smooth_k' must be <= 20")
  })
})
