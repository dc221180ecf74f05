import { test } from '@japa/runner'
import { cci, cciClass } from '../../../../reference/indicators/cci.ts'
import { frameFromCloses, wave } from './_fixtures.ts'

test.group('cci', () => {
  test('(TP − SMA) / (0.015 · mean |TP − SMA|) over the window', ({ assert }) => {
    const x = Float64Array.of(1, 2, 3, 5)
    const out = cci(x, x, x, 3)
    assert.isTrue(Number.isNaN(out[0]!) && Number.isNaN(out[1]!))
    assert.closeTo(out[2]!, 100, 1e-9)
    // window 2, 3, 5: SMA 10/3, deviations 4/3, 1/3, 5/3 → mean 10/9
    assert.closeTo(out[3]!, (5 - 10 / 3) / (0.015 * (10 / 9)), 1e-9)
  })

  test('a flat window gives NaN (0 / 0), a NaN in the window NaN', ({ assert }) => {
    const flat = new Float64Array(4).fill(2)
    assert.isTrue(cci(flat, flat, flat, 2).every((v) => Number.isNaN(v)))
    const gap = Float64Array.of(1, NaN, 3, 4)
    assert.deepEqual(Array.from(cci(gap, gap, gap, 2)).map(Number.isNaN), [true, true, true, false])
  })

  test('the column is the strategy name as written; period from params, at least 2', ({ assert }) => {
    const impl = cciClass.configure({ period: 5 })
    assert.deepEqual(impl.compute(frameFromCloses(wave(10)), 'My_CCI').names, ['My_CCI'])
    assert.strictEqual(impl.minRows, 5)
    assert.strictEqual(cciClass.configure({}).minRows, 20)
    assert.throws(() => cciClass.configure({ period: 1 }), /must be >= 2/)
  })
})
