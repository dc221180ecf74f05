import { test } from '@japa/runner'
import { LegacyAroon } from '../../../../../legacy/local/engines/indicators/aroon.ts'
import { frameOf, outputs } from './_frames.ts'

test.group('legacy AroonIndicator', () => {
  test('bars since the window extreme (first of ties, NaN skipped, all-NaN window → 0), hard-coded names', ({
    assert,
  }) => {
    const frame = frameOf({ high: [1, 3, 2, 2, NaN, NaN, NaN], low: [1, 0, 0, 1, 2, 2, 2] })
    const out = outputs(new LegacyAroon({ period: 3, include_oscillator: true }), frame)
    assert.deepEqual(out.names, ['Aroon_3_Up', 'Aroon_3_Down', 'Aroon_3_Oscillator'])
    const twoThirds = (2 / 3) * 100
    const oneThird = (1 / 3) * 100
    assert.deepEqual(out.values[0], [NaN, NaN, twoThirds, oneThird, oneThird, oneThird, 0])
    assert.deepEqual(out.values[1], [NaN, NaN, twoThirds, oneThird, oneThird, oneThird, oneThird])
    assert.deepEqual(out.values[2]!.slice(2), [0, 0, 0, 0, -oneThird])
  })

  test('a bool period is an int (printed True); bad arguments and short data fail with the old texts', ({ assert }) => {
    assert.deepEqual(outputs(new LegacyAroon({ period: true }), frameOf({ high: [1], low: [1] })).names, [
      'Aroon_True_Up',
      'Aroon_True_Down',
    ])
    assert.throws(() => new LegacyAroon({ period: 201 }), 'Aroon period must be <= 200')
    assert.throws(() => new LegacyAroon({ period: 0 }), 'Aroon period must be an integer >= 1')
    assert.throws(() => new LegacyAroon({ include_oscillator: 1 }), 'Aroon include_oscillator must be a boolean')
    assert.throws(
      () => new LegacyAroon({}).compute(frameOf({ high: [1, 2], low: [1, 2] })),
      'Aroon indicator requires at least 14 data points',
    )
    assert.throws(
      () => new LegacyAroon({}).compute(frameOf({ high: [1] })),
      "Aroon indicator missing required columns: ['low']",
    )
  })
})
