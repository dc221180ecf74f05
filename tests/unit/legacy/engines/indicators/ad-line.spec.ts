import { test } from '@japa/runner'
import { LegacyAdLine } from '../../../../../legacy/local/engines/indicators/ad-line.ts'
import { frameOf, outputs } from './_frames.ts'

test.group('legacy ADLineIndicator', () => {
  test('multiplier 0 on a zero range (even with a missing close), NaN on a missing close, cumsum past NaN', ({
    assert,
  }) => {
    const frame = frameOf({ high: [3, 4, 5, 5], low: [1, 2, 3, 5], close: [2, 4, NaN, NaN], volume: [10, 20, 30, 40] })
    const out = outputs(new LegacyAdLine({}), frame)
    assert.deepEqual(out.names, [
      'AD_Line',
      'AD_MF_Multiplier',
      'AD_MF_Volume',
      'AD_ROC_10',
      'AD_Momentum_21',
      'AD_Relative_Strength',
    ])
    assert.deepEqual(out.values.slice(0, 3), [
      [0, 20, NaN, 20],
      [0, 1, NaN, 0],
      [0, 20, NaN, 0],
    ])
  })

  test('ROC forward-fills the NaN row (pct_change pad); strength needs 20 of the last 50 values', ({ assert }) => {
    // high 2, low 0, close 2, volume 1: multiplier 1, so the line counts 1, 2, 3, …; row 11's close is missing
    const n = 22
    const close = Array.from({ length: n }, (_, i) => (i === 11 ? NaN : 2))
    const frame = frameOf({ high: close.map(() => 2), low: close.map(() => 0), close, volume: close.map(() => 1) })
    const out = outputs(new LegacyAdLine({ use_sma_smoothing: true, smoothing_period: 2 }), frame)
    const [line, , , sma, roc, momentum, strength] = out.values
    assert.strictEqual(out.names[3], 'AD_Line_SMA_2')
    assert.deepEqual(line!.slice(9, 14), [10, 11, NaN, 12, 13])
    assert.deepEqual(sma!.slice(10, 14), [10.5, NaN, NaN, 12.5])
    assert.strictEqual(roc![11], (11 / 2 - 1) * 100)
    assert.strictEqual(roc![21], (21 / 11 - 1) * 100)
    assert.strictEqual(momentum![21], 20)
    assert.isNaN(strength![19])
    assert.strictEqual(strength![20], (20 / 10.5 - 1) * 100)
  })

  test('the old checks', ({ assert }) => {
    assert.throws(() => new LegacyAdLine({ use_sma_smoothing: 1 }), 'use_sma_smoothing must be a boolean')
    assert.throws(() => new LegacyAdLine({ smoothing_period: 1 }), 'smoothing_period must be at least 2')
    const short = frameOf({ high: [1], low: [1], close: [1], volume: [1] })
    assert.throws(
      () => new LegacyAdLine({ use_sma_smoothing: true }).compute(short),
      'A/D Line requires at least 21 data points',
    )
    assert.throws(
      () => new LegacyAdLine({}).compute(frameOf({ high: [1] })),
      'A/D Line requires columns: low, close, volume',
    )
  })
})
