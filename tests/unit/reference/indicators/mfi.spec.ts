import { test } from '@japa/runner'
import { IndicatorError } from '../../../../reference/indicators/errors.ts'
import { mfi, mfiClass } from '../../../../reference/indicators/mfi.ts'
import { frameFromCloses, wave } from './_fixtures.ts'

test.group('mfi', () => {
  test('positive and negative money flow over the window; no negative flow gives 100', ({ assert }) => {
    const tp = Float64Array.of(1, 2, 3, 2)
    const out = mfi(tp, tp, tp, Float64Array.of(1, 1, 1, 1), 2)
    assert.deepEqual(Array.from(out), [NaN, NaN, 100, 60])
  })

  test('no positive flow gives 0; NaN changes are skipped', ({ assert }) => {
    const tp = Float64Array.of(3, 2, NaN, 1)
    assert.deepEqual(Array.from(mfi(tp, tp, tp, Float64Array.of(1, 1, 1, 1), 1)), [NaN, 0, 100, 100])
  })

  test('the column is the strategy name; negative volume refused when computing', ({ assert }) => {
    const frame = frameFromCloses(wave(20))
    assert.deepEqual(mfiClass.configure({}).compute(frame, 'Money').names, ['Money'])
    assert.strictEqual(mfiClass.configure({ period: 5 }).minRows, 6)
    const negative = { ...frame, volume: frame.volume.map((v, i) => (i === 3 ? -1 : v)) }
    assert.throws(() => mfiClass.configure({}).compute(negative, 'm'), IndicatorError)
    assert.throws(() => mfiClass.configure({ period: 0 }), /MFI period must be an integer >= 1/)
  })
})
