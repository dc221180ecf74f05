import { test } from '@japa/runner'
import { mkdtempSync, readdirSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readOhlcvCsv } from '../../../../reference/data/csv.ts'
import { validateDataQuality } from '../../../../reference/data/quality.ts'
import {
  EMBEDDED_DATASET,
  generateSyntheticMarket,
  generateSyntheticSeries,
  materializeEmbeddedDataset,
  writeSyntheticDataset,
} from '../../../../reference/data/synthetic.ts'
import type { OhlcvFrame } from '../../../../reference/data/types.ts'

const COLUMNS = ['timestamps', 'open', 'high', 'low', 'close', 'volume'] as const

function sameBars(a: OhlcvFrame, b: OhlcvFrame): boolean {
  return COLUMNS.every((c) => a[c].length === b[c].length && a[c].every((v, i) => Object.is(v, b[c][i])))
}

test.group('data/synthetic: series', () => {
  test('the same seed gives identical bars; another seed different ones', ({ assert }) => {
    const a = generateSyntheticSeries({ symbol: 'AAPL', bars: 500, seed: 11 })
    const b = generateSyntheticSeries({ symbol: 'AAPL', bars: 500, seed: 11 })
    const c = generateSyntheticSeries({ symbol: 'AAPL', bars: 500, seed: 12 })

    assert.isTrue(sameBars(a, b))
    assert.isFalse(sameBars(a, c))
  })

  test('bars are valid: high ≥ max(open, close) ≥ min(open, close) ≥ low > 0, volume > 0, open = previous close', ({
    assert,
  }) => {
    for (const symbol of ['AAPL', 'EURUSD', 'BTCUSD', 'ZZZ']) {
      const f = generateSyntheticSeries({ symbol, bars: 800, seed: 5 })
      for (let i = 0; i < 800; i++) {
        const [o, h, l, c] = [f.open[i]!, f.high[i]!, f.low[i]!, f.close[i]!]
        assert.isTrue(h >= Math.max(o, c) && Math.min(o, c) >= l && l > 0 && f.volume[i]! > 0, `${symbol} bar ${i}`)
        if (i > 0) assert.equal(o, f.close[i - 1]!)
      }
      assert.equal(f.timestamps[1]! - f.timestamps[0]!, 3_600_000)
    }
  })

  test('price scales are plausible per asset class', ({ assert }) => {
    const first = (symbol: string): number => generateSyntheticSeries({ symbol, bars: 1, seed: 1 }).open[0]!
    assert.isAbove(first('EURUSD'), 1)
    assert.isBelow(first('GBPUSD'), 1.5)
    assert.isAbove(first('MSFT'), 100)
    assert.isBelow(first('AAPL'), 300)
    assert.isAbove(first('BTCUSD'), 10_000)
  })

  test('anomalies are planted where asked and the clean path is otherwise unchanged', ({ assert }) => {
    const anomalies = { gaps: 2, multiDayGaps: 1, flatStretches: 2, missingCloses: 3, spikes: 2 }
    const clean = generateSyntheticSeries({ symbol: 'EURUSD', bars: 1000, seed: 9 })
    const dirty = generateSyntheticSeries({ symbol: 'EURUSD', bars: 1000, seed: 9, anomalies })

    const missing = Array.from(dirty.close).filter(Number.isNaN).length
    const gapHours = Array.from(dirty.timestamps)
      .map((t, i) => (i === 0 ? 1 : (t - dirty.timestamps[i - 1]!) / 3_600_000))
      .filter((h) => h > 1)
    let flatRuns = 0
    let longestTie = 1
    for (let i = 1, tie = 1; i < dirty.close.length; i++) {
      const flat = (k: number): boolean => dirty.open[k] === dirty.close[k] && dirty.high[k] === dirty.low[k]
      if (flat(i) && !flat(i - 1)) flatRuns++
      tie = dirty.close[i] === dirty.close[i - 1] ? tie + 1 : 1
      longestTie = Math.max(longestTie, tie)
    }
    const jumps = Array.from(dirty.close)
      .map((c, i) => (i === 0 ? 1 : c / dirty.close[i - 1]!))
      .filter((r) => Math.abs(r - 1) > 0.1)
    const checks = new Set(validateDataQuality(dirty).issues.map((issue) => issue.check))

    assert.equal(missing, 3)
    assert.lengthOf(gapHours, 3)
    assert.isAbove(Math.max(...gapHours), 48)
    assert.equal(flatRuns, 2)
    assert.isAbove(longestTie, 15)
    assert.lengthOf(jumps, 4)
    assert.includeMembers([...checks], ['outliers', 'missing_values', 'timestamp_gaps'])
    assert.equal(dirty.open[0], clean.open[0])
    assert.equal(dirty.close[0], clean.close[0])
  })

  test('anomalies stay inside their window', ({ assert }) => {
    const dirty = generateSyntheticSeries({
      symbol: 'AAPL',
      bars: 600,
      seed: 3,
      anomalies: { missingCloses: 4 },
      anomalyWindow: [300, 500],
    })
    const missing = Array.from(dirty.close, (c, i) => (Number.isNaN(c) ? i : -1)).filter((i) => i >= 0)
    assert.lengthOf(missing, 4)
    assert.isTrue(missing.every((i) => i > 300 && i < 500))
  })

  test('prices sit on the symbol’s tick (2 decimals for stocks, 5 for forex), so their text is short', ({ assert }) => {
    for (const [symbol, decimals] of [
      ['AAPL', 2],
      ['AUDUSD', 5],
    ] as const) {
      const f = generateSyntheticSeries({ symbol, bars: 300, seed: 4 })
      for (const column of [f.open, f.high, f.low, f.close]) {
        for (const v of column) assert.isAtMost(String(v).split('.')[1]?.length ?? 0, decimals)
      }
    }
  })

  test('too many anomalies for the series length is a RangeError', ({ assert }) => {
    assert.throws(
      () => generateSyntheticSeries({ symbol: 'X', bars: 60, seed: 1, anomalies: { spikes: 3 } }),
      'synthetic: 3 anomalies need at least 75 bars, got 60',
    )
  })
})

test.group('data/synthetic: market and files', () => {
  test('each symbol derives from (seed, symbol): adding a symbol changes no other', ({ assert }) => {
    const one = generateSyntheticMarket({ symbols: ['MSFT'], bars: 300, seed: 4, timeframes: ['1h'] })
    const two = generateSyntheticMarket({ symbols: ['AAPL', 'MSFT'], bars: 300, seed: 4, timeframes: ['1h'] })

    assert.isTrue(sameBars(one.MSFT!['1h']!, two.MSFT!['1h']!))
    assert.isFalse(sameBars(two.AAPL!['1h']!, two.MSFT!['1h']!))
  })

  test('the embedded dataset: six symbols, AUDUSD below 1, every anomaly inside the quick profile’s window', ({
    assert,
  }) => {
    const market = generateSyntheticMarket(EMBEDDED_DATASET)
    const quickEnd = Date.UTC(2024, 2, 3)

    assert.deepEqual(Object.keys(market), ['AAPL', 'MSFT', 'GOOGL', 'EURUSD', 'GBPUSD', 'AUDUSD'])
    assert.isBelow(Math.max(...market.AUDUSD!['1h']!.high), 1)
    for (const [symbol, byTf] of Object.entries(market)) {
      assert.deepEqual(Object.keys(byTf), ['1h', '4h', '1d'])
      const hourly = byTf['1h']!
      const quick = Array.from(hourly.timestamps).filter((t) => t < quickEnd).length
      const close = hourly.close.slice(0, quick)
      const gaps = Array.from(hourly.timestamps.slice(1, quick), (t, i) => (t - hourly.timestamps[i]!) / 3_600_000)
      let longestTie = 1
      for (let i = 1, tie = 1; i < close.length; i++) {
        tie = close[i] === close[i - 1] ? tie + 1 : 1
        longestTie = Math.max(longestTie, tie)
      }
      const spikes = Array.from(close, (c, i) => (i === 0 ? 1 : c / close[i - 1]!)).filter((r) => Math.abs(r - 1) > 0.1)
      assert.equal(close.filter(Number.isNaN).length, 3, `${symbol} missing closes`)
      assert.isAbove(longestTie, 15, `${symbol} flat stretch`)
      assert.isAbove(Math.max(...gaps), 48, `${symbol} multi-day gap`)
      assert.lengthOf(spikes, 4, `${symbol} spikes in and out`)
      for (const tf of ['4h', '1d']) {
        const frame = byTf[tf]!
        const missing = Array.from(frame.close, (c, i) => (Number.isNaN(c) ? frame.timestamps[i]! : -1))
        assert.deepEqual(
          missing.filter((t) => t >= 0 && t < quickEnd).length,
          1,
          `${symbol} ${tf} missing close in the quick window`,
        )
      }
    }
  }).timeout(20_000)

  test('writeSyntheticDataset writes readable files that read back bit-exact; nothing temporary is left', ({
    assert,
  }) => {
    const dir = mkdtempSync(join(tmpdir(), 'ktrdr-synth-'))
    const options = { symbols: ['GBPUSD'], bars: 48, seed: 2, timeframes: ['1h', '1d'] }

    const written = writeSyntheticDataset(dir, options)

    assert.deepEqual(written, [join(dir, 'GBPUSD_1h.csv'), join(dir, 'GBPUSD_1d.csv')])
    assert.deepEqual(readdirSync(dir).sort(), ['GBPUSD_1d.csv', 'GBPUSD_1h.csv'])
    const market = generateSyntheticMarket(options)
    assert.isTrue(sameBars(readOhlcvCsv(written[1]!, 'GBPUSD', '1d'), market.GBPUSD!['1d']!))
    assert.throws(
      () => writeSyntheticDataset(dir, { ...options, timeframes: ['15m'] }),
      /cannot derive timeframe "15m"/,
    )
  })

  test('materializeEmbeddedDataset writes the files once', ({ assert }) => {
    const dir = join(mkdtempSync(join(tmpdir(), 'ktrdr-embedded-')), 'data')

    assert.equal(materializeEmbeddedDataset(dir), dir)
    const mtime = statSync(join(dir, 'AAPL_1h.csv')).mtimeMs
    materializeEmbeddedDataset(dir)

    assert.lengthOf(readdirSync(dir), 18)
    assert.equal(statSync(join(dir, 'AAPL_1h.csv')).mtimeMs, mtime)
  }).timeout(20_000)
})
