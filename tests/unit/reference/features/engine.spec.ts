import { test } from '@japa/runner'
import { createFeatures } from '../../../../reference/features/engine.ts'
import type { ColumnSet } from '../../../../reference/runtime/probes.ts'
import { RSI_SETS, strategyFrom } from '../indicators/_fixtures.ts'

const HOUR = 3_600_000

function fuzzy(names: string[], columns: number[][], stepMs = HOUR, offsetMs = 0): ColumnSet {
  return {
    timestamps: Float64Array.from(columns[0]!, (_, i) => offsetMs + i * stepMs),
    names,
    columns: columns.map((c) => Float64Array.from(c)),
  }
}

test.group('createFeatures', () => {
  test('single timeframe: sorted core columns, then lags in the original order with NaN → 0', ({ assert }) => {
    const strategy = strategyFrom('  - name: rsi', RSI_SETS, { lookback: 2 })
    const frame = fuzzy(
      ['rsi_oversold', 'rsi_neutral'],
      [
        [0.1, 0.2, 0.3],
        [0.7, 0.8, 0.9],
      ],
    )
    const out = createFeatures({ '1h': frame }, strategy, ['1h'])
    assert.deepEqual(out.names, [
      'rsi_neutral',
      'rsi_oversold',
      'rsi_oversold_lag_1',
      'rsi_neutral_lag_1',
      'rsi_oversold_lag_2',
      'rsi_neutral_lag_2',
    ])
    assert.deepEqual([out.rows, out.cols], [3, 6])
    const f = (x: number): number => Math.fround(x)
    assert.deepEqual(Array.from(out.values.slice(0, 6)), [f(0.7), f(0.1), 0, 0, 0, 0])
    assert.deepEqual(Array.from(out.values.slice(12, 18)), [f(0.9), f(0.3), f(0.2), f(0.8), f(0.1), f(0.7)])
  })

  test('multi timeframe: forward-fills the higher timeframe, back-fills its head, double-prefixes names', ({
    assert,
  }) => {
    const strategy = strategyFrom('  - name: rsi', RSI_SETS, { lookback: 1 })
    const h1 = fuzzy(['1h_rsi_low'], [[NaN, 0.2, 0.3, 0.4, 0.5, 0.6]])
    const h4 = fuzzy(['4h_rsi_low'], [[0.9, 0.1]], 4 * HOUR, 2 * HOUR)
    const out = createFeatures({ '4h': h4, '1h': h1 }, strategy, ['4h', '1h'])
    assert.deepEqual(out.names, ['1h_1h_rsi_low', '4h_4h_rsi_low', '1h_1h_rsi_low_lag_1', '4h_4h_rsi_low_lag_1'])
    const column = (c: number): number[] => Array.from({ length: out.rows }, (_, r) => out.values[r * out.cols + c]!)
    const f = (x: number): number => Math.fround(x)
    assert.deepEqual(column(0), [0, f(0.2), f(0.3), f(0.4), f(0.5), f(0.6)])
    assert.deepEqual(column(1), [f(0.9), f(0.9), f(0.9), f(0.9), f(0.9), f(0.9)])
    assert.deepEqual(column(2), [0, 0, f(0.2), f(0.3), f(0.4), f(0.5)])
    assert.deepEqual(Array.from(out.timestamps), Array.from(h1.timestamps))
  })

  test('multi timeframe: a later higher-timeframe bar replaces the earlier one from its open time on', ({ assert }) => {
    const strategy = strategyFrom('  - name: rsi', RSI_SETS)
    const h1 = fuzzy(['1h_rsi_low'], [[0, 0, 0, 0, 0, 0]])
    const h4 = fuzzy(['4h_rsi_low'], [[0.25, 0.75]], 4 * HOUR)
    const out = createFeatures({ '1h': h1, '4h': h4 }, strategy, ['1h', '4h'])
    assert.deepEqual(
      Array.from({ length: 6 }, (_, r) => out.values[r * 2 + 1]),
      [0.25, 0.25, 0.25, 0.25, 0.75, 0.75],
    )
  })
})
