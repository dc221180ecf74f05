import { test } from '@japa/runner'
import { obv, obvClass } from '../../../../reference/indicators/obv.ts'
import { frameFromCloses, wave } from './_fixtures.ts'

test.group('obv', () => {
  test('adds the volume of rising closes, subtracts falling ones, holds on ties and NaN changes', ({ assert }) => {
    const out = obv(Float64Array.of(10, 11, 11, 9, NaN, 10), Float64Array.of(1, 2, 3, 4, 5, 6))
    assert.deepEqual(Array.from(out), [0, 2, 2, -2, -2, -2])
  })

  test('a NaN volume that is added makes the rest NaN', ({ assert }) => {
    const out = obv(Float64Array.of(1, 2, 3), Float64Array.of(1, NaN, 1))
    assert.deepEqual(Array.from(out), [0, NaN, NaN])
  })

  test('column OBV, two rows, no keyword accepted', ({ assert }) => {
    assert.deepEqual(obvClass.configure({}).compute(frameFromCloses(wave(5)), 'volume_flow').names, ['OBV'])
    assert.strictEqual(obvClass.configure({}).minRows, 2)
    assert.throws(() => obvClass.configure({ period: 3 }), /unexpected keyword argument 'period'/)
  })
})
