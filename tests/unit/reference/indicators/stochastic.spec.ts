import { test } from '@japa/runner'
import { stochastic, stochasticIndicator } from '../../../../reference/indicators/stochastic.ts'
import { frameFromCloses, wave } from './_fixtures.ts'

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
    assert.deepEqual(stochasticIndicator.compute(frameFromCloses(wave(20)), 'stoch').names, [
      'Stochastic_K_14_3',
      'Stochastic_D_14_3_3',
    ])
    assert.strictEqual(stochasticIndicator.minRows, 17)
  })
})
