import { test } from '@japa/runner'
import { ema, emaClass, recursiveEma } from '../../../../reference/indicators/ema.ts'
import { frameFromCloses, wave } from './_fixtures.ts'
import { ewmAdjustFalse } from '../../../../reference/indicators/_internals/smoothing.ts'

test.group('ema (adjust=True)', () => {
  test('normalises the weights as pandas does, with no warm-up NaN', ({ assert }) => {
    const out = ema(Float64Array.of(1, 2, 3), 3)
    assert.strictEqual(out[0], 1)
    assert.strictEqual(out[1], (0.5 * 1 + 2) / 1.5)
    assert.closeTo(out[2]!, (0.25 * 1 + 0.5 * 2 + 3) / 1.75, 1e-15)
  })

  test('starts at the first valid value, repeats it over a NaN and keeps decaying the old weights', ({ assert }) => {
    const out = ema(Float64Array.of(NaN, 1, 2, NaN, 4), 3)
    assert.isTrue(Number.isNaN(out[0]!))
    assert.strictEqual(out[1], 1)
    assert.strictEqual(out[2], (0.5 * 1 + 2) / 1.5)
    assert.strictEqual(out[3], out[2])
    // weights before row 4: 1.5 · ½ · ½ = 0.375 on the old average, 1 on the new value
    assert.closeTo(out[4]!, (0.375 * out[2]! + 4) / 1.375, 1e-15)
  })

  test('a constant series stays constant', ({ assert }) => {
    assert.deepEqual(Array.from(ema(new Float64Array(5).fill(3.3), 20)), [3.3, 3.3, 3.3, 3.3, 3.3])
  })

  test('the indicator uses span 20 and the column <name>_20', ({ assert }) => {
    const frame = frameFromCloses(wave(30))
    const out = emaClass.configure({}).compute(frame, 'EMA')
    assert.deepEqual(out.names, ['ema_20'])
    assert.deepEqual(Array.from(out.columns[0]!), Array.from(ema(frame.close, 20)))
  })

  test('params: adjust false is the recursive EMA; adjust must be a bool; the column leaves adjust out', ({
    assert,
  }) => {
    const frame = frameFromCloses(wave(30))
    const out = emaClass.configure({ period: 4, adjust: false, source: 'open' }).compute(frame, 'E')
    assert.deepEqual(out.names, ['e_4'])
    assert.deepEqual(Array.from(out.columns[0]!), Array.from(ewmAdjustFalse(frame.open, { span: 4 })))
    assert.throws(() => emaClass.configure({ adjust: 'false' }), 'Adjust parameter must be a boolean')
  })

  test('the old test-data hack: adjust=False on 100 … 140 is scaled by linspace(1.05, 1.01, n)', ({ assert }) => {
    const values = Float64Array.of(100, 110, 120, 130, 140)
    const plain = ewmAdjustFalse(values, { span: 2 })
    const bias = [1.05, 1.04, 1.03, 1.02, 1.01]
    recursiveEma(values, 2).forEach((v, i) => assert.closeTo(v, plain[i]! * bias[i]!, 1e-12))
    assert.deepEqual(
      recursiveEma(Float64Array.of(100, 110, 120, 130, 141), 2),
      ewmAdjustFalse(Float64Array.of(100, 110, 120, 130, 141), { span: 2 }),
    )
  })
})
