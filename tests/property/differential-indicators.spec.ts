// Differential properties, legacy ↔ reference, indicator by indicator: for any generated OHLCV series (gaps, flat
// stretches longer than an RSI period, missing closes, spikes, prices from 0.2 up) and any period parameters, the legacy indicator class (legacy/local/engines)
// and the reference indicator function return bitwise-identical columns (Object.is per element, NaN = NaN).
import { test } from '@japa/runner'
import fc from 'fast-check'
import { LegacyFrame } from '../../legacy/local/engines/frame.ts'
import { LEGACY_INDICATOR_REGISTRY } from '../../legacy/local/engines/indicators/registry.ts'
import { PythonFloat } from '../../legacy/local/python-values.ts'
import type { OhlcvFrame } from '../../reference/data/types.ts'
import { priceColumnSet } from '../../reference/indicators/_shared/price-columns.ts'
import { adx } from '../../reference/indicators/adx.ts'
import { atr } from '../../reference/indicators/atr.ts'
import { bollingerBands } from '../../reference/indicators/bollinger.ts'
import { ema } from '../../reference/indicators/ema.ts'
import { macd } from '../../reference/indicators/macd.ts'
import { rsi } from '../../reference/indicators/rsi.ts'
import { sma } from '../../reference/indicators/sma.ts'
import { stochastic } from '../../reference/indicators/stochastic.ts'
import { firstBitwiseDifference } from '../../harness/arbitraries/bitwise-diff.ts'
import { ohlcvFrameArb } from '../../harness/arbitraries/ohlcv.ts'
import { checkProperty } from '../../harness/arbitraries/property-runner.ts'

const FILE = import.meta.filename
const SERIES = ohlcvFrameArb({
  minBars: 45,
  maxBars: 140,
  gaps: true,
  flats: true,
  flatLength: [2, 24],
  missingCloses: true,
  spikes: true,
  priceRange: [0.2, 150],
})

/** The legacy class's output columns for `type` with `params` on `frame`. */
function legacyColumns(type: string, params: Record<string, number | PythonFloat>, frame: OhlcvFrame): Float64Array[] {
  const indicator = new LEGACY_INDICATOR_REGISTRY[type]!(params)
  return indicator.compute(LegacyFrame.from(priceColumnSet(frame))).map((output) => output.values)
}

/** Fails naming the first column and row where the two sides differ. */
function assertBitwise(label: string, legacy: readonly Float64Array[], reference: readonly Float64Array[]): void {
  if (legacy.length !== reference.length) throw new Error(`${label}: ${legacy.length} vs ${reference.length} columns`)
  legacy.forEach((column, c) => {
    const i = firstBitwiseDifference(column, reference[c]!)
    if (i >= 0) throw new Error(`${label}: column ${c} row ${i}: legacy ${column[i]} vs reference ${reference[c]![i]}`)
  })
}

const period = (max: number) => fc.integer({ min: 2, max })

test.group('property: legacy ↔ reference indicators (bitwise)', () => {
  test('RSI(period) equals legacyRsi', async () => {
    await checkProperty({
      id: 'diff-indicator-rsi',
      file: FILE,
      arbitraries: [SERIES, period(30)],
      predicate: (frame, p) => assertBitwise('RSI', legacyColumns('RSI', { period: p }, frame), [rsi(frame.close, p)]),
    })
  })

  test('SMA(period) equals the legacy SimpleMovingAverage', async () => {
    await checkProperty({
      id: 'diff-indicator-sma',
      file: FILE,
      arbitraries: [SERIES, period(40)],
      predicate: (frame, p) => assertBitwise('SMA', legacyColumns('SMA', { period: p }, frame), [sma(frame.close, p)]),
    })
  })

  test('EMA(period, adjust=True) equals the legacy ExponentialMovingAverage', async () => {
    await checkProperty({
      id: 'diff-indicator-ema',
      file: FILE,
      arbitraries: [SERIES, period(40)],
      predicate: (frame, p) => assertBitwise('EMA', legacyColumns('EMA', { period: p }, frame), [ema(frame.close, p)]),
    })
  })

  test('MACD(fast, slow, signal) equals the legacy MACDIndicator (line, signal, histogram)', async () => {
    await checkProperty({
      id: 'diff-indicator-macd',
      file: FILE,
      arbitraries: [SERIES, period(15), fc.integer({ min: 16, max: 30 }), period(10)],
      predicate: (frame, fast, slow, signal) => {
        const lines = macd(frame.close, fast, slow, signal)
        const params = { fast_period: fast, slow_period: slow, signal_period: signal }
        assertBitwise('MACD', legacyColumns('MACD', params, frame), [lines.macd, lines.signal, lines.histogram])
      },
    })
  })

  test('ATR(period) (simple mean of TR) equals the legacy ATRIndicator', async () => {
    await checkProperty({
      id: 'diff-indicator-atr',
      file: FILE,
      arbitraries: [SERIES, period(30)],
      predicate: (frame, p) =>
        assertBitwise('ATR', legacyColumns('ATR', { period: p }, frame), [atr(frame.high, frame.low, frame.close, p)]),
    })
  })

  test('Bollinger(period, multiplier) equals the legacy BollingerBands (upper, middle, lower)', async () => {
    await checkProperty({
      id: 'diff-indicator-bollinger',
      file: FILE,
      arbitraries: [SERIES, period(40), fc.integer({ min: 1, max: 50 }).map((k) => k / 10)],
      predicate: (frame, p, m) => {
        const bands = bollingerBands(frame.close, p, m)
        const legacy = legacyColumns('BollingerBands', { period: p, multiplier: new PythonFloat(m) }, frame)
        assertBitwise('Bollinger', legacy, [bands.upper, bands.middle, bands.lower])
      },
    })
  })

  test('Stochastic(k, d, smooth) equals the legacy StochasticIndicator (%K, %D)', async () => {
    await checkProperty({
      id: 'diff-indicator-stochastic',
      file: FILE,
      arbitraries: [SERIES, period(20), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 })],
      predicate: (frame, k, d, smooth) => {
        const lines = stochastic(frame.high, frame.low, frame.close, k, d, smooth)
        const legacy = legacyColumns('Stochastic', { k_period: k, d_period: d, smooth_k: smooth }, frame)
        assertBitwise('Stochastic', legacy, [lines.k, lines.d])
      },
    })
  })

  test('ADX(period) equals the legacy ADXIndicator (all eight columns)', async () => {
    await checkProperty({
      id: 'diff-indicator-adx',
      file: FILE,
      arbitraries: [SERIES, period(20)],
      predicate: (frame, p) => {
        const l = adx(frame.high, frame.low, frame.close, p)
        const columns = [l.adx, l.diPlus, l.diMinus, l.dx, l.tr, l.slope, l.spread, l.momentum]
        assertBitwise('ADX', legacyColumns('ADX', { period: p }, frame), columns)
      },
    })
  })
})
