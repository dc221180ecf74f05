import { test } from '@japa/runner'
import { aroonClass, aroonLine } from '../../../../reference/indicators/aroon.ts'
import { frameFromCloses, wave } from './_fixtures.ts'

test.group('aroon', () => {
  test('((p − bars since the extreme) / p) · 100: first of ties, NaN skipped, an all-NaN window 0', ({ assert }) => {
    const third = (1 / 3) * 100
    assert.deepEqual(Array.from(aroonLine(Float64Array.of(1, 3, 2, 2, NaN, NaN, NaN), 3, 'max')), [
      NaN,
      NaN,
      (2 / 3) * 100,
      third,
      third,
      third,
      0,
    ])
    assert.deepEqual(Array.from(aroonLine(Float64Array.of(1, 0, 0, 1), 3, 'min')), [NaN, NaN, (2 / 3) * 100, third])
  })

  test('hard-coded names, optional oscillator, the old checks', ({ assert }) => {
    const frame = frameFromCloses(wave(20))
    assert.deepEqual(aroonClass.configure({}).compute(frame, 'a').names, ['Aroon_14_Up', 'Aroon_14_Down'])
    const out = aroonClass.configure({ period: 5, include_oscillator: true }).compute(frame, 'a')
    assert.deepEqual(out.names, ['Aroon_5_Up', 'Aroon_5_Down', 'Aroon_5_Oscillator'])
    assert.strictEqual(out.columns[2]![10], out.columns[0]![10]! - out.columns[1]![10]!)
    assert.strictEqual(aroonClass.configure({ period: 5 }).minRows, 5)
    assert.throws(
      () => aroonClass.configure({ period: 201 }),
      'DataError INDICATOR-InvalidParameter: Aroon period must be <= 200',
    )
    assert.throws(
      () => aroonClass.configure({ include_oscillator: 'yes' }),
      'DataError INDICATOR-InvalidParameter: Aroon include_oscillator must be a boolean',
    )
  })
})
