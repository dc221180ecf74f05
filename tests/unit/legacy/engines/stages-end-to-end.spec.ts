import { test } from '@japa/runner'
import { runLegacySymbolStages } from '../../../../legacy/local/symbol-stages.ts'
import { fixturePath, tempDir, writeHourlyCsv } from '../../../fixtures/legacy/temp-files.ts'
import { textbookEma, textbookRsi, textbookSma, textbookTriangle } from '../../../fixtures/legacy/textbook.ts'

const RSI_SETS: [string, (x: number) => number][] = [
  ['oversold', textbookTriangle(0, 20, 35)],
  ['neutral', textbookTriangle(30, 50, 70)],
  ['overbought', textbookTriangle(65, 80, 100)],
]
const SMA_SETS: [string, (x: number) => number][] = [
  ['below', textbookTriangle(0.85, 0.95, 1.0)],
  ['neutral', textbookTriangle(0.98, 1.0, 1.02)],
  ['above', textbookTriangle(1.0, 1.05, 1.15)],
]
const zeroNaN = (v: number): number => (Number.isNaN(v) ? 0 : v)
const segment = (label: number, n: number): number[] => Array(n).fill(label)

/** Expected float32 features: sorted core columns, then lags (original order) for 1..lookback, NaN → 0. */
function expectedFeatures(fuzzy: Record<string, number[]>, lookback: number): { names: string[]; rows: number[][] } {
  const original = Object.keys(fuzzy)
  const core = [...original].sort()
  const names = [...core]
  for (let lag = 1; lag <= lookback; lag++) names.push(...original.map((c) => `${c}_lag_${lag}`))
  const n = fuzzy[original[0]].length
  const rows = Array.from({ length: n }, (_, r) => {
    const values = core.map((c) => fuzzy[c][r])
    for (let lag = 1; lag <= lookback; lag++)
      values.push(...original.map((c) => (r - lag >= 0 ? fuzzy[c][r - lag] : 0)))
    return values.map((v) => Math.fround(zeroNaN(v)))
  })
  return { names, rows }
}

test.group('legacy stages end to end (docs/legacy-behaviour.md §1.2 steps 1–5)', () => {
  test('(a) RSI + MACD, rsi sets, lookback 2, zigzag 3 %: every stage matches hand computation', ({ assert }) => {
    // up 100→118 (bars 0–9), down to 95.5 (bar 24), flat 95.5 (25–28), up to 106.5 (bar 39)
    const closes = [
      ...Array.from({ length: 10 }, (_, i) => 100 + 2 * i),
      ...Array.from({ length: 15 }, (_, k) => 118 - 1.5 * (k + 1)),
      ...segment(95.5, 4),
      ...Array.from({ length: 11 }, (_, k) => 96.5 + k),
    ]
    const csv = writeHourlyCsv(tempDir(), 'X_1h.csv', closes)
    const probes = runLegacySymbolStages({
      strategyPath: fixturePath('rsi_macd_lookback2.yaml'),
      symbol: 'X',
      csvFiles: { '1h': csv },
      startDate: '2024-01-01',
      endDate: '2024-01-03',
    })
    assert.lengthOf(probes.data['1h'].timestamps, 40)
    assert.deepEqual(probes.indicators['1h'].names, [
      'rsi_14',
      'MACD_12_26',
      'MACD_signal_12_26_9',
      'MACD_hist_12_26_9',
    ])
    const rsi = textbookRsi(closes, 14)
    assert.deepEqual(Array.from(probes.indicators['1h'].columns[0]), rsi)
    const mapped = probes.mapped['1h']
    assert.deepEqual(mapped.names, ['open', 'high', 'low', 'close', 'volume', 'rsi', 'macd'])
    assert.deepEqual(Array.from(mapped.columns[5]), rsi.map(zeroNaN))
    const fast = textbookEma(closes, 12)
    const slow = textbookEma(closes, 26)
    assert.deepEqual(
      Array.from(mapped.columns[6]),
      fast.map((f, i) => f - slow[i]),
    )
    const fuzzy: Record<string, number[]> = {}
    for (const [set, mf] of RSI_SETS) fuzzy[`rsi_${set}`] = rsi.map((v) => mf(zeroNaN(v)))
    assert.deepEqual(probes.fuzzy['1h'].names, Object.keys(fuzzy))
    probes.fuzzy['1h'].columns.forEach((column, c) => assert.deepEqual(Array.from(column), Object.values(fuzzy)[c]))
    const expected = expectedFeatures(fuzzy, 2)
    assert.deepEqual(probes.features.names, expected.names)
    assert.deepEqual(Array.from(probes.features.values), expected.rows.flat())
    assert.deepEqual(Array.from(probes.features.timestamps), Array.from(probes.data['1h'].timestamps))
    // pivots at bars 0, 9, 24 and 39 (the up-move pivot at 31 moves on to 39)
    assert.deepEqual(Array.from(probes.labels), [1, ...segment(0, 8), 1, ...segment(2, 14), 1, ...segment(0, 14), 1])
  })

  test('(b) RSI + MACD + SMA, lookback 5, zigzag 2 %, with a missing close and a flat stretch', ({ assert }) => {
    // up 100→111 (0–11), flat 111 (12–13), down to 95 (29), missing close (30), up 95.5→102 (31–44)
    const closes = [
      ...Array.from({ length: 12 }, (_, i) => 100 + i),
      111,
      111,
      ...Array.from({ length: 16 }, (_, k) => 110 - k),
      NaN,
      ...Array.from({ length: 14 }, (_, k) => 95.5 + 0.5 * k),
    ]
    const csv = writeHourlyCsv(tempDir(), 'X_1h.csv', closes)
    const probes = runLegacySymbolStages({
      strategyPath: fixturePath('rsi_macd_sma_lookback5.yaml'),
      symbol: 'X',
      csvFiles: { '1h': csv },
      startDate: '2024-01-01',
      endDate: null,
      clock: () => new Date('2024-01-03T12:00:00Z'),
    })
    assert.lengthOf(probes.data['1h'].timestamps, 45)
    const rsi = textbookRsi(closes, 14)
    const smaRatio = textbookSma(closes, 20).map((s, i) => closes[i] / s)
    assert.isFalse(Number.isNaN(smaRatio[29]))
    assert.isTrue(Number.isNaN(smaRatio[44]))
    const mapped = probes.mapped['1h']
    assert.deepEqual(mapped.names, ['open', 'high', 'low', 'close', 'volume', 'rsi', 'macd', 'sma'])
    assert.deepEqual(Array.from(mapped.columns[5]), rsi.map(zeroNaN))
    assert.deepEqual(Array.from(mapped.columns[7]), smaRatio.map(zeroNaN))
    assert.equal(mapped.columns[3][30], 0)
    const fast = textbookEma(closes, 12)
    const slow = textbookEma(closes, 26)
    assert.deepEqual(
      Array.from(mapped.columns[6]),
      fast.map((f, i) => f - slow[i]),
    )
    const fuzzy: Record<string, number[]> = {}
    for (const [set, mf] of RSI_SETS) fuzzy[`rsi_${set}`] = rsi.map((v) => mf(zeroNaN(v)))
    for (const [set, mf] of SMA_SETS) fuzzy[`sma_${set}`] = smaRatio.map((v) => mf(zeroNaN(v)))
    assert.deepEqual(probes.fuzzy['1h'].names, Object.keys(fuzzy))
    probes.fuzzy['1h'].columns.forEach((column, c) => assert.deepEqual(Array.from(column), Object.values(fuzzy)[c]))
    const expected = expectedFeatures(fuzzy, 5)
    assert.lengthOf(probes.features.names, 36)
    assert.deepEqual(probes.features.names, expected.names)
    assert.deepEqual(Array.from(probes.features.values), expected.rows.flat())
    // pivots at bars 0, 11, 29 and 44; the missing close (bar 30) sits inside the last up segment
    assert.deepEqual(Array.from(probes.labels), [1, ...segment(0, 10), 1, ...segment(2, 17), 1, ...segment(0, 14), 1])
  })
})
