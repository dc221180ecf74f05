import { test } from '@japa/runner'
import {
  legacyCoreFeatureNames,
  prepareLegacyFeatures,
  prepareLegacyFeaturesSingle,
} from '../../../../legacy/local/engines/features.ts'
import { LegacyFrame } from '../../../../legacy/local/engines/frame.ts'
import { legacySortTimeframes, legacyTimeframeMinutes } from '../../../../legacy/local/engines/timeframes.ts'

const HOUR = 3_600_000

function frameAt(timestamps: number[], columns: Record<string, number[]>): LegacyFrame {
  const frame = new LegacyFrame(Float64Array.from(timestamps))
  for (const [name, values] of Object.entries(columns)) frame.set(name, Float64Array.from(values))
  return frame
}

function row(values: Float32Array, width: number, r: number): number[] {
  return Array.from(values.slice(r * width, (r + 1) * width))
}

test.group('legacy FuzzyNeuralProcessor (docs/legacy-behaviour.md §4.3)', () => {
  test('core filter: "_", "membership" or a keyword; sorted', ({ assert }) => {
    assert.deepEqual(legacyCoreFeatureNames(['zeta', 'rsi_b', 'Uptrend', 'rsi_a', 'MEMBERSHIP1', 'x']), [
      'MEMBERSHIP1',
      'Uptrend',
      'rsi_a',
      'rsi_b',
    ])
    assert.throws(() => legacyCoreFeatureNames(['x', 'y']), 'No fuzzy membership columns found in input data')
  })

  test('single timeframe: sorted core, lags in original order, lag 1 block first, NaN → 0, float32', ({ assert }) => {
    const fuzzy = frameAt([0, HOUR, 2 * HOUR], { rsi_oversold: [0.1, 0.2, 0.3], rsi_neutral: [0.4, NaN, 0.6] })
    const m = prepareLegacyFeaturesSingle(fuzzy, 2)
    assert.deepEqual(m.names, [
      'rsi_neutral',
      'rsi_oversold',
      'rsi_oversold_lag_1',
      'rsi_neutral_lag_1',
      'rsi_oversold_lag_2',
      'rsi_neutral_lag_2',
    ])
    const f = Math.fround
    assert.deepEqual(row(m.values, 6, 0), [f(0.4), f(0.1), 0, 0, 0, 0])
    assert.deepEqual(row(m.values, 6, 1), [0, f(0.2), f(0.1), f(0.4), 0, 0])
    assert.deepEqual(row(m.values, 6, 2), [f(0.6), f(0.3), f(0.2), 0, f(0.1), f(0.4)])
  })

  test('timeframe minutes: m, h, d, w, no suffix = hours, 1M = one minute', ({ assert }) => {
    assert.deepEqual(['1h', '15m', '1d', '1w', '2', '1M'].map(legacyTimeframeMinutes), [60, 15, 1440, 10080, 120, 1])
    assert.deepEqual(legacySortTimeframes(['1d', '4h', '1h', '60m']), ['1h', '60m', '4h', '1d'])
  })

  test('multi timeframe: ffill reindex, bfill of early gaps, double prefix, lags on the combined matrix', ({
    assert,
  }) => {
    // base 1h bars at 0..5 h; the 2h frame starts at 2 h and has a NaN warm-up value at 2 h
    const base = frameAt(
      [0, 1, 2, 3, 4, 5].map((h) => h * HOUR),
      {
        '1h_rsi_low': [NaN, 0.5, 0.25, 1, 0, 0.75],
      },
    )
    const other = frameAt(
      [2, 4].map((h) => h * HOUR),
      { '2h_rsi_low': [NaN, 0.5] },
    )
    const m = prepareLegacyFeatures({ '2h': other, '1h': base }, 1)
    assert.deepEqual(m.names, ['1h_1h_rsi_low', '2h_2h_rsi_low', '1h_1h_rsi_low_lag_1', '2h_2h_rsi_low_lag_1'])
    assert.deepEqual(
      Array.from(m.timestamps),
      [0, 1, 2, 3, 4, 5].map((h) => h * HOUR),
    )
    // reindexed 2h: [NaN, NaN, NaN(2h), NaN, 0.5, 0.5] → bfill → all 0.5; base NaN → 0
    const expectedRows = [
      [0, 0.5, 0, 0],
      [0.5, 0.5, 0, 0.5],
      [0.25, 0.5, 0.5, 0.5],
      [1, 0.5, 0.25, 0.5],
      [0, 0.5, 1, 0.5],
      [0.75, 0.5, 0, 0.5],
    ]
    expectedRows.forEach((expected, r) => assert.deepEqual(row(m.values, 4, r), expected))
  })

  test('multi timeframe without NaN after alignment: plain ffill, no bfill', ({ assert }) => {
    const base = frameAt(
      [0, 1, 2].map((h) => h * HOUR),
      { '1h_x_a': [0.1, 0.2, 0.3] },
    )
    const other = frameAt(
      [0, 2].map((h) => h * HOUR),
      { '2h_x_a': [0.25, 0.75] },
    )
    const m = prepareLegacyFeatures({ '1h': base, '2h': other }, 0)
    assert.deepEqual(
      [0, 1, 2].map((r) => row(m.values, 2, r)[1]),
      [0.25, 0.25, 0.75],
    )
  })
})
