import { test } from '@japa/runner'
import { adLine, adLineClass } from '../../../../reference/indicators/ad-line.ts'
import { frameFromCloses, wave } from './_fixtures.ts'

test.group('A/D line', () => {
  test('multiplier 0 on a zero range, NaN on a missing close; the line carries on past NaN', ({ assert }) => {
    const l = adLine(
      Float64Array.of(3, 4, 5, 5),
      Float64Array.of(1, 2, 3, 5),
      Float64Array.of(2, 4, NaN, NaN),
      Float64Array.of(10, 20, 30, 40),
    )
    assert.deepEqual(Array.from(l.multiplier), [0, 1, NaN, 0])
    assert.deepEqual(Array.from(l.line), [0, 20, NaN, 20])
  })

  test('ROC pads the NaN row; momentum 21 bars; strength needs 20 values of the last 50', ({ assert }) => {
    const n = 22
    const close = Float64Array.from({ length: n }, (_, i) => (i === 11 ? NaN : 2))
    const l = adLine(
      close.map(() => 2),
      close.map(() => 0),
      close,
      close.map(() => 1),
    )
    assert.strictEqual(l.roc[11], (11 / 2 - 1) * 100)
    assert.strictEqual(l.roc[21], (21 / 11 - 1) * 100)
    assert.strictEqual(l.momentum[21], 20)
    assert.isNaN(l.relativeStrength[19])
    assert.strictEqual(l.relativeStrength[20], (20 / 10.5 - 1) * 100)
  })

  test('hard-coded columns, the smoothing column and its rows', ({ assert }) => {
    const frame = frameFromCloses(wave(30))
    assert.deepEqual(adLineClass.configure({}).compute(frame, 'ad').names, [
      'AD_Line',
      'AD_MF_Multiplier',
      'AD_MF_Volume',
      'AD_ROC_10',
      'AD_Momentum_21',
      'AD_Relative_Strength',
    ])
    const smoothed = adLineClass.configure({ use_sma_smoothing: true, smoothing_period: 5 })
    assert.strictEqual(smoothed.minRows, 5)
    assert.strictEqual(smoothed.compute(frame, 'ad').names[3], 'AD_Line_SMA_5')
    assert.strictEqual(adLineClass.configure({}).minRows, 1)
    assert.throws(
      () => adLineClass.configure({ use_sma_smoothing: 'true' }),
      'ValueError: use_sma_smoothing must be a boolean',
    )
  })
})
