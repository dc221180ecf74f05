import { test } from '@japa/runner'
import { adx, adxClass } from '../../../../reference/indicators/adx.ts'
import { frameFromCloses, wave } from './_fixtures.ts'

test.group('adx', () => {
  test('a flat series has zero DI, DX and ADX', ({ assert }) => {
    const flat = new Float64Array(10).fill(4)
    const out = adx(flat, flat, flat, 3)
    assert.isTrue([out.diPlus, out.diMinus, out.dx, out.adx].every((c) => c.every((v) => v === 0)))
  })

  test('a steady rise has DX 100 from bar 1 and Wilder-smoothed ADX', ({ assert }) => {
    const high = Float64Array.from({ length: 8 }, (_, i) => 11 + i)
    const low = Float64Array.from({ length: 8 }, (_, i) => 9 + i)
    const close = Float64Array.from({ length: 8 }, (_, i) => 10 + i)
    const out = adx(high, low, close, 14)
    assert.deepEqual(Array.from(out.tr.slice(0, 3)), [2, 2, 2])
    assert.strictEqual(out.dx[0], 0)
    assert.deepEqual(Array.from(out.dx.slice(1)), [100, 100, 100, 100, 100, 100, 100])
    assert.isTrue(out.diMinus.every((v) => v === 0))
    assert.closeTo(out.adx[1]!, (1 / 14) * 100, 1e-12)
    assert.strictEqual(out.slope[3], out.adx[3]! - out.adx[0]!)
    assert.strictEqual(out.momentum[5], Infinity)
    assert.isTrue(Number.isNaN(out.momentum[4]!))
  })

  test('the indicator writes its eight hard-coded columns', ({ assert }) => {
    const out = adxClass.configure({}).compute(frameFromCloses(wave(40)), 'adx')
    assert.deepEqual(out.names, [
      'ADX_14',
      'DI_Plus_14',
      'DI_Minus_14',
      'DX_14',
      'TR_14',
      'ADX_Slope_14',
      'DI_Spread_14',
      'ADX_Momentum_14',
    ])
    assert.strictEqual(adxClass.configure({}).minRows, 29)
  })

  test('params: the period reaches every column; the old ValueErrors bound it to [2, 200]', ({ assert }) => {
    const out = adxClass.configure({ period: 150 })
    assert.strictEqual(out.minRows, 301)
    assert.deepEqual(adxClass.configure({ period: 3 }).compute(frameFromCloses(wave(40)), 'adx').names[0], 'ADX_3')
    assert.throws(
      () => adxClass.configure({ period: 201 }),
      'ValueError: period should not exceed 200 for practical purposes',
    )
    assert.throws(() => adxClass.configure({ period: true }), 'ValueError: period must be at least 2')
    assert.throws(() => adxClass.configure({ period: null }), 'ValueError: period must be a positive integer')
  })
})
