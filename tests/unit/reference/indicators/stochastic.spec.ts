import { test } from '@japa/runner'
import { stochastic, stochasticClass } from '../../../../reference/indicators/stochastic.ts'
import { frameFromCloses, wave } from './_fixtures.ts'
import { IndicatorError } from '../../../../reference/indicators/errors.ts'

test.group('stochastic', () => {
  test('fills warm-up %K with 50 and smooths over partial windows', ({ assert }) => {
    const out = stochastic(Float64Array.of(2, 4, 6), Float64Array.of(0, 2, 4), Float64Array.of(1, 3, 5), 2, 2, 2)
    assert.deepEqual(Array.from(out.k), [50, 62.5, 75])
    assert.deepEqual(Array.from(out.d), [50, 56.25, 68.75])
  })

  test('a zero range gives 50', ({ assert }) => {
    const flat = new Float64Array(5).fill(3)
    const out = stochastic(flat, flat, flat, 2, 2, 2)
    assert.isTrue(out.k.every((v) => v === 50) && out.d.every((v) => v === 50))
  })

  test('the indicator writes Stochastic_K_14_3 and Stochastic_D_14_3_3', ({ assert }) => {
    assert.deepEqual(stochasticClass.configure({}).compute(frameFromCloses(wave(20)), 'stoch').names, [
      'Stochastic_K_14_3',
      'Stochastic_D_14_3_3',
    ])
    assert.strictEqual(stochasticClass.configure({}).minRows, 17)
  })

  test('params: names Stochastic_K_<k>_<smooth_k> and Stochastic_D_<k>_<d>_<smooth_k>; smooth_k 1 or true is raw %K', ({
    assert,
  }) => {
    const frame = frameFromCloses(wave(30))
    const out = stochasticClass.configure({ k_period: 5, d_period: 2, smooth_k: 4 }).compute(frame, 's')
    assert.deepEqual(out.names, ['Stochastic_K_5_4', 'Stochastic_D_5_2_4'])
    assert.strictEqual(stochasticClass.configure({ k_period: 5, d_period: 2, smooth_k: 7 }).minRows, 9)
    const raw = stochasticClass.configure({ k_period: 5, smooth_k: true }).compute(frame, 's')
    assert.deepEqual(raw.names, ['Stochastic_K_5_True', 'Stochastic_D_5_3_True'])
    assert.deepEqual(raw.columns[0], stochastic(frame.high, frame.low, frame.close, 5, 3, 1).k)
    assert.throws(
      () => stochasticClass.configure({ d_period: true }).compute(frame, 's'),
      IndicatorError,
      'window must be an integer 0 or greater',
    )
  })
})
