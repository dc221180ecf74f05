import { test } from '@japa/runner'
import { squeezeIntensity, squeezeIntensityClass } from '../../../../reference/indicators/squeeze-intensity.ts'
import { frameFromCloses, wave } from './_fixtures.ts'

test.group('squeeze intensity', () => {
  test('0.0 before the ATR exists, NaN while only the bands are missing, then the squeeze', ({ assert }) => {
    const close = new Float64Array(12).fill(5)
    const out = squeezeIntensity(
      close,
      close.map(() => 6),
      close.map(() => 4),
      close,
      { period: 11, multiplier: 2 },
      { period: 2, multiplier: 2 },
    )
    // BB collapses on 5 from row 10; KC = 5 ± 2 · ATR(10) = 5 ± 4 from row 9: min(4, 4) / 8
    assert.deepEqual(Array.from(out), [0, 0, 0, 0, 0, 0, 0, 0, 0, NaN, 0.5, 0.5])
  })

  test('column with every parameter but source; Keltner needs max(kc_period, 10) + 1 rows', ({ assert }) => {
    const impl = squeezeIntensityClass.configure({ bb_period: 5, kc_period: 3, kc_multiplier: 1 })
    assert.strictEqual(impl.minRows, 11)
    assert.deepEqual(impl.compute(frameFromCloses(wave(12)), 'sq').names, ['sq_5_2.0_3_1'])
    assert.strictEqual(squeezeIntensityClass.configure({ bb_period: 30 }).minRows, 30)
  })
})
