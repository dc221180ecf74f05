import { test } from '@japa/runner'
import { generatePlaceholderLabels, preparePlaceholderFeatures } from '../../../../legacy/host/placeholder-features.ts'
import type { PriceSeries } from '../../../../legacy/host/price-series.ts'
import { SeededRng } from '../../../../reference/runtime/rng.ts'

function series(close: number[]): PriceSeries {
  const f = (values: number[]): Float64Array => Float64Array.from(values)
  return {
    symbol: 'AAPL',
    timeframe: '1h',
    timestamps: f(close.map((_, i) => i * 3_600_000)),
    open: f(close.map((c) => c - 1)),
    high: f(close.map((c) => c + 2)),
    low: f(close.map((c) => c - 3)),
    close: f(close),
    volume: f(close.map(() => 100)),
  }
}

test.group('legacy host: placeholder features and labels (docs/legacy-behaviour.md §4.3, §5.3)', () => {
  test('six price slots then 14 N(0, 0.01) draws per row, in row order, from the injected generator', ({ assert }) => {
    const s = series([100, 102, 99])
    const x = preparePlaceholderFeatures(s, 1, 3, new SeededRng(5))
    const rng = new SeededRng(5)
    const expected: number[] = []
    for (const i of [1, 2]) {
      const [o, h, l, c] = [s.open[i]! / 1e5, s.high[i]! / 1e5, s.low[i]! / 1e5, s.close[i]! / 1e5]
      expected.push(o, h, l, c, (h - l) * 1e5, (c - o) * 1e5)
      for (let k = 0; k < 14; k++) expected.push(rng.normal(0, 0.01))
    }
    assert.deepEqual(Array.from(x), Array.from(Float32Array.from(expected)))
  })

  test('±1 % next-bar labels inside the batch; the batch’s last bar is HOLD; NaN compares as HOLD', ({ assert }) => {
    const close = Float64Array.from([100, 101.5, 100.4, 100.5, NaN, 90, 50])
    assert.deepEqual(Array.from(generatePlaceholderLabels(close, 0, 6)), [0, 2, 1, 1, 1, 1])
    assert.deepEqual(Array.from(generatePlaceholderLabels(close, 5, 7)), [2, 1])
  })
})
