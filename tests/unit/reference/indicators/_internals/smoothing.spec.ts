// pandas' ewm kernel on small hand-checkable series (docs/legacy-behaviour.md §3.5).
import { test } from '@japa/runner'
import { ewmAdjustFalse, ewmAdjustTrue, ewmAlpha } from '../../../../../reference/indicators/_internals/smoothing.ts'

test.group('ewm', () => {
  test('alpha from span, alpha or com through pandas’ centre of mass (alpha = 1/20 moves by one bit)', ({ assert }) => {
    assert.strictEqual(ewmAlpha({ span: 3 }), 0.5)
    assert.strictEqual(ewmAlpha({ com: 1 }), 0.5)
    assert.strictEqual(ewmAlpha({ span: 12 }), 2 / 13)
    assert.strictEqual(ewmAlpha({ alpha: 1 / 20 }), 1 / (1 + (1 - 1 / 20) / (1 / 20)))
    assert.notStrictEqual(ewmAlpha({ alpha: 1 / 20 }), 1 / 20)
    assert.throws(() => ewmAlpha({ span: 0.5 }), 'ewm span must be ≥ 1, got 0.5')
    assert.throws(() => ewmAlpha({ alpha: 0 }), 'ewm alpha must be in (0, 1], got 0')
  })

  test('adjust=False: y = ((1 − α)·y + α·x) / 1, seeded with the first value', ({ assert }) => {
    assert.deepEqual(Array.from(ewmAdjustFalse(Float64Array.of(10, 20, 30), { span: 3 })), [10, 15, 22.5])
  })

  test('adjust=False decays through a NaN row: 10, 20, NaN, 30 → 10, 15, 15, (¼·15 + ½·30) / ¾ = 25', ({ assert }) => {
    assert.deepEqual(Array.from(ewmAdjustFalse(Float64Array.of(10, 20, NaN, 30), { span: 3 })), [10, 15, 15, 25])
  })

  test('adjust=True decays through a NaN row: 10, NaN, 20 → 10, 10, (¼·10 + 20) / 1¼ = 18', ({ assert }) => {
    assert.deepEqual(Array.from(ewmAdjustTrue(Float64Array.of(10, NaN, 20), { span: 3 })), [10, 10, 18])
  })

  test('rows before the first value are NaN; the average starts at it with weight 1', ({ assert }) => {
    const out = ewmAdjustFalse(Float64Array.of(NaN, NaN, 4, 8), { alpha: 0.5 })
    assert.isTrue(Number.isNaN(out[0]!) && Number.isNaN(out[1]!))
    assert.deepEqual(Array.from(out.slice(2)), [4, 6])
  })

  test('an equal value leaves the average untouched (pandas skips the update)', ({ assert }) => {
    assert.deepEqual(Array.from(ewmAdjustTrue(new Float64Array(4).fill(0.1), { span: 7 })), [0.1, 0.1, 0.1, 0.1])
  })
})
