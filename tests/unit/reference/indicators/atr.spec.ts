import { test } from '@japa/runner'
import { atr, atrClass, wilderAtr, wilderAtrValues } from '../../../../reference/indicators/atr.ts'
import { frameFromCloses, wave } from './_fixtures.ts'
import { IndicatorError } from '../../../../reference/indicators/errors.ts'

const high = Float64Array.of(10, 13, 12, 14)
const low = Float64Array.of(8, 11, 9, 12)
const close = Float64Array.of(9, 12, 10, 13)

test.group('atr', () => {
  test('is a simple rolling mean of the true range (TR[0] = high − low)', ({ assert }) => {
    const out = atr(high, low, close, 2)
    assert.isTrue(Number.isNaN(out[0]!))
    assert.deepEqual(Array.from(out.slice(1)), [3, 3.5, 3.5])
  })

  test('a missing previous close leaves high − low as the true range', ({ assert }) => {
    const out = atr(Float64Array.of(10, 12, 12), Float64Array.of(8, 11, 9), Float64Array.of(9, NaN, 10), 1)
    assert.deepEqual(Array.from(out), [2, 3, 3])
  })

  test('Wilder ATR seeds with the mean of the first period true ranges, then smooths', ({ assert }) => {
    const out = wilderAtrValues(high, low, close, 2)
    assert.isTrue(Number.isNaN(out[0]!))
    assert.deepEqual(Array.from(out.slice(1)), [3, 3, 3.5])
  })

  test('both implementations write ATR_14 and differ in value', ({ assert }) => {
    const frame = frameFromCloses(wave(40))
    const simple = atrClass.configure({}).compute(frame, 'atr')
    const wilder = wilderAtr.compute(frame, 'atr')
    assert.deepEqual(simple.names, ['ATR_14'])
    assert.deepEqual(wilder.names, ['ATR_14'])
    assert.notStrictEqual(simple.columns[0]![30], wilder.columns[0]![30])
  })

  test('params: the period reaches the mean and ATR_<period>; a bool period fails when computed', ({ assert }) => {
    const frame = frameFromCloses(wave(40))
    const out = atrClass.configure({ period: 5 }).compute(frame, 'atr')
    assert.deepEqual(out.names, ['ATR_5'])
    assert.deepEqual(Array.from(out.columns[0]!), Array.from(atr(frame.high, frame.low, frame.close, 5)))
    assert.throws(
      () => atrClass.configure({ period: true }).compute(frame, 'atr'),
      IndicatorError,
      'min_periods must be an integer',
    )
    assert.throws(() => atrClass.configure({ period: 0 }), "Parameter 'period' must be >= 1")
  })
})
