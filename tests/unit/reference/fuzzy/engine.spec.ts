import { test } from '@japa/runner'
import { FuzzyError, generateFuzzyMemberships } from '../../../../reference/fuzzy/engine.ts'
import type { ColumnSet } from '../../../../reference/runtime/probes.ts'
import { RSI_SETS, strategyFrom } from '../indicators/_fixtures.ts'

const SMA_SETS = `  sma:
    below: { type: triangular, parameters: [0.9, 0.95, 1.0] }
    above: { type: triangular, parameters: [1.0, 1.05, 1.1] }`

function mapped(names: string[], rows: number[][]): ColumnSet {
  return {
    timestamps: Float64Array.from(rows[0]!, (_, i) => i * 3_600_000),
    names,
    columns: rows.map((r) => Float64Array.from(r)),
  }
}

test.group('generateFuzzyMemberships', () => {
  const strategy = strategyFrom(
    '  - name: sma\n  - name: rsi\n  - name: adx',
    `${SMA_SETS}\n${RSI_SETS}\n  adx:\n    weak: { type: triangular, parameters: [0, 15, 30] }`,
  )

  test('single timeframe: mapped column order × YAML set order; keys without a column are skipped', ({ assert }) => {
    const frame = mapped(
      ['close', 'rsi', 'sma'],
      [
        [1, 1],
        [10, 50],
        [0.95, 1.05],
      ],
    )
    const out = generateFuzzyMemberships({ '1h': frame }, strategy, false)['1h']!
    assert.deepEqual(out.names, ['rsi_oversold', 'rsi_neutral', 'rsi_overbought', 'sma_below', 'sma_above'])
    assert.deepEqual(Array.from(out.columns[0]!), [0.5, 0])
    assert.deepEqual(Array.from(out.columns[4]!), [0, 1])
  })

  test('multi timeframe: prefixes the timeframe, keeps NaN and skips OHLCV columns', ({ assert }) => {
    const h1 = mapped(
      ['close', 'rsi'],
      [
        [1, 1],
        [NaN, 50],
      ],
    )
    const h4 = mapped(
      ['close', 'rsi'],
      [
        [1, 1],
        [20, 80],
      ],
    )
    const out = generateFuzzyMemberships({ '1h': h1, '4h': h4 }, strategy, true)
    assert.deepEqual(out['1h']!.names, ['1h_rsi_oversold', '1h_rsi_neutral', '1h_rsi_overbought'])
    assert.isTrue(Number.isNaN(out['1h']!.columns[1]![0]!))
    assert.deepEqual(Array.from(out['4h']!.columns[0]!), [1, 0])
  })

  test('multi timeframe matches columns by base name, so a key like sma_fast never matches', ({ assert }) => {
    const fast = strategyFrom(
      '  - name: sma_fast\n    type: SMA',
      `  sma_fast:\n    low: { type: triangular, parameters: [0, 1, 2] }`,
    )
    assert.throws(
      () =>
        generateFuzzyMemberships(
          { '1h': mapped(['close', 'sma_fast'], [[1], [1]]), '4h': mapped(['close'], [[1]]) },
          fast,
          true,
        ),
      FuzzyError,
    )
  })
})
