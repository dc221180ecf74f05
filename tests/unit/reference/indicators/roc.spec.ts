import { test } from '@japa/runner'
import { roc, rocClass } from '../../../../reference/indicators/roc.ts'
import { frameFromCloses, wave } from './_fixtures.ts'

test.group('roc', () => {
  test('percentage change over period bars, ±∞ (zero base) → NaN', ({ assert }) => {
    assert.deepEqual(Array.from(roc(Float64Array.of(1, 2, 4, 0, 8, 0), 1)), [NaN, 100, 100, -100, NaN, -100])
  })

  test('column ROC_<period>_<source>', ({ assert }) => {
    const impl = rocClass.configure({ period: 4, source: 'low' })
    assert.deepEqual(impl.compute(frameFromCloses(wave(12)), 'roc').names, ['ROC_4_low'])
    assert.strictEqual(impl.minRows, 5)
    assert.throws(() => rocClass.configure({ period: 101 }), /must be <= 100/)
  })
})
