/**
 * One named test per pre-model quirk of the old local path that legacy/ must keep (docs/legacy-behaviour.md §12.3).
 */
import { test } from '@japa/runner'
import { runLegacySymbolStages } from '../../../legacy/local/symbol-stages.ts'
import { strategyVariant, tempDir, writeHourlyCsv, writeText } from '../../fixtures/legacy/temp-files.ts'
import { assertCloseSeries, textbookRsi, textbookSma } from '../../fixtures/legacy/textbook.ts'

const FIXTURE_A = './rsi_macd_lookback2.yaml'
const FIXTURE_B = './rsi_macd_sma_lookback5.yaml'
const wave = (n: number, step = 1): number[] =>
  Array.from({ length: n }, (_, i) => 100 + 10 * Math.sin((i * step) / 8) + 0.05 * i * step)

function singleRun(strategyPath: string, closes: number[]): ReturnType<typeof runLegacySymbolStages> {
  const csv = writeHourlyCsv(tempDir(), 'X_1h.csv', closes)
  return runLegacySymbolStages({
    strategyPath,
    symbol: 'X',
    csvFiles: { '1h': csv },
    startDate: '2024-01-01',
    endDate: '2024-12-31',
  })
}

function multiRun(strategyPath: string): ReturnType<typeof runLegacySymbolStages> {
  const dir = tempDir()
  const h1 = writeHourlyCsv(dir, 'X_1h.csv', wave(170))
  const h2 = writeHourlyCsv(dir, 'X_2h.csv', wave(86, 2), '2024-01-01T00:00:00Z', 2)
  return runLegacySymbolStages({
    strategyPath,
    symbol: 'X',
    csvFiles: { '1h': h1, '2h': h2 },
    startDate: '2024-01-01',
    endDate: '2024-12-31',
  })
}

const STRATEGY_TAIL = `model:
  features:
    lookback_periods: 1
training:
  labels:
    zigzag_threshold: 0.03
    label_lookahead: 20
  data_split: {train: 0.7, validation: 0.15, test: 0.15}
`

test.group('legacy pre-model quirks (docs/legacy-behaviour.md §12.3)', () => {
  test('quirk: indicator params dropped (period 21 → 14)', ({ assert }) => {
    const path = strategyVariant(tempDir(), FIXTURE_A, 's.yaml', (t) => t.replace('period: 14', 'period: 21'))
    const closes = wave(60)
    const probes = singleRun(path, closes)
    assert.equal(probes.indicators['1h'].names[0], 'rsi_14')
    assertCloseSeries(probes.indicators['1h'].columns[0], textbookRsi(closes, 14))
  })

  test('quirk: unknown indicator names silently dropped (stoch/adx/bbands)', ({ assert }) => {
    const path = writeText(
      tempDir(),
      's.yaml',
      `name: q
indicators:
  - {name: rsi, period: 14}
  - {name: stoch, k_period: 14, d_period: 3}
  - {name: adx, period: 14}
  - {name: bbands, period: 20, std_dev: 2}
  - {name: BollingerBands, period: 20, multiplier: 2.0}
fuzzy_sets:
  adx: {weak: {type: triangular, parameters: [0, 15, 30]}}
  rsi: {low: {type: triangular, parameters: [0, 20, 35]}}
  BollingerBands: {below_lower: {type: triangular, parameters: [0.85, 0.95, 1.0]}}
${STRATEGY_TAIL}`,
    )
    const probes = singleRun(path, wave(60))
    assert.deepEqual(probes.indicators['1h'].names, ['rsi_14'])
    assert.deepEqual(probes.mapped['1h'].names, ['open', 'high', 'low', 'close', 'volume', 'rsi'])
    assert.deepEqual(probes.fuzzy['1h'].names, ['rsi_low'])
  })

  test('quirk: SMA mapped as close/SMA ratio', ({ assert }) => {
    const closes = wave(60)
    const probes = singleRun(
      strategyVariant(tempDir(), FIXTURE_B, 's.yaml', (t) => t),
      closes,
    )
    const sma = textbookSma(closes, 20)
    const rawIndex = probes.indicators['1h'].names.indexOf('sma_20')
    assertCloseSeries(probes.indicators['1h'].columns[rawIndex], sma)
    const mapped = probes.mapped['1h']
    const ratio = Array.from(mapped.columns[mapped.names.indexOf('sma')])
    assertCloseSeries(
      ratio,
      sma.map((s, i) => (Number.isNaN(s) ? 0 : closes[i] / s)),
    )
    assert.closeTo(ratio[40], 1, 0.2)
  })

  test('quirk: single-timeframe NaN→0 before fuzzy', ({ assert }) => {
    const path = strategyVariant(tempDir(), FIXTURE_A, 's.yaml', (t) =>
      t.replace(
        'oversold:\n      type: triangular\n      parameters: [0, 20, 35]',
        'oversold:\n      type: triangular\n      parameters: [-10, 0, 10]',
      ),
    )
    const probes = singleRun(path, wave(60))
    const mapped = probes.mapped['1h']
    const rsi = Array.from(mapped.columns[mapped.names.indexOf('rsi')])
    assert.deepEqual(rsi.slice(0, 14), Array(14).fill(0))
    const oversold = Array.from(probes.fuzzy['1h'].columns[0])
    assert.deepEqual(oversold.slice(0, 14), Array(14).fill(1))
  })

  test('quirk: multi-timeframe NaN passes + bfill', ({ assert }) => {
    const probes = multiRun(strategyVariant(tempDir(), FIXTURE_A, 's.yaml', (t) => t))
    const mapped2h = probes.mapped['2h']
    const rsi2h = Array.from(mapped2h.columns[mapped2h.names.indexOf('rsi')])
    assert.isTrue(rsi2h.slice(0, 14).every(Number.isNaN))
    const neutral2h = Array.from(probes.fuzzy['2h'].columns[probes.fuzzy['2h'].names.indexOf('2h_rsi_neutral')])
    assert.isTrue(neutral2h.slice(0, 14).every(Number.isNaN))
    const width = probes.features.names.length
    const col = probes.features.names.indexOf('2h_2h_rsi_neutral')
    const base = probes.features.names.indexOf('1h_1h_rsi_neutral')
    // the first 2h membership (bar 14 = 28 h) is pulled back into every earlier base row: a look into the future
    for (let r = 0; r < 28; r++) assert.equal(probes.features.values[r * width + col], Math.fround(neutral2h[14]))
    for (let r = 0; r < 14; r++) assert.equal(probes.features.values[r * width + base], 0)
  })

  test('quirk: sorted core vs unsorted lag order', ({ assert }) => {
    const probes = singleRun(
      strategyVariant(tempDir(), FIXTURE_A, 's.yaml', (t) => t),
      wave(60),
    )
    assert.deepEqual(probes.fuzzy['1h'].names, ['rsi_oversold', 'rsi_neutral', 'rsi_overbought'])
    assert.deepEqual(probes.features.names, [
      'rsi_neutral',
      'rsi_overbought',
      'rsi_oversold',
      'rsi_oversold_lag_1',
      'rsi_neutral_lag_1',
      'rsi_overbought_lag_1',
      'rsi_oversold_lag_2',
      'rsi_neutral_lag_2',
      'rsi_overbought_lag_2',
    ])
  })

  test('quirk: double timeframe prefix', ({ assert }) => {
    const probes = multiRun(strategyVariant(tempDir(), FIXTURE_A, 's.yaml', (t) => t))
    assert.deepEqual(probes.fuzzy['1h'].names, ['1h_rsi_oversold', '1h_rsi_neutral', '1h_rsi_overbought'])
    assert.deepEqual(probes.features.names.slice(0, 6), [
      '1h_1h_rsi_neutral',
      '1h_1h_rsi_overbought',
      '1h_1h_rsi_oversold',
      '2h_2h_rsi_neutral',
      '2h_2h_rsi_overbought',
      '2h_2h_rsi_oversold',
    ])
    assert.equal(probes.features.names[6], '1h_1h_rsi_neutral_lag_1')
    assert.lengthOf(probes.features.names, 18)
    assert.lengthOf(probes.labels, probes.features.timestamps.length)
  })

  test('quirk: zigzag segment labels (post-last-pivot HOLD)', ({ assert }) => {
    // 3 %: up to 110 (bar 10), down to 99 (bar 21), then a drift that never reaches +3 % of 99 → bars 22–39 HOLD
    const closes = [
      ...Array.from({ length: 11 }, (_, i) => 100 + i),
      ...Array.from({ length: 11 }, (_, k) => 109 - k),
      ...Array.from({ length: 18 }, (_, k) => 99.1 + 0.1 * (k % 5)),
    ]
    const probes = singleRun(
      strategyVariant(tempDir(), FIXTURE_A, 's.yaml', (t) => t),
      closes,
    )
    const labels = Array.from(probes.labels)
    assert.deepEqual(labels.slice(0, 22), [1, ...Array(9).fill(0), 1, ...Array(10).fill(2), 1])
    assert.deepEqual(labels.slice(22), Array(18).fill(1))
  })

  test('quirk: ATR only inferred single-timeframe', ({ assert }) => {
    const path = writeText(
      tempDir(),
      's.yaml',
      `name: q
indicators:
  - {name: rsi}
  - {name: atr, period: 7}
fuzzy_sets:
  rsi: {low: {type: triangular, parameters: [0, 20, 35]}}
${STRATEGY_TAIL}`,
    )
    const single = singleRun(path, wave(60))
    assert.deepEqual(single.indicators['1h'].names, ['rsi_14', 'ATR_14'])
    assert.include(single.mapped['1h'].names, 'atr')
    const multi = multiRun(path)
    assert.deepEqual(multi.indicators['1h'].names, ['rsi_14'])
    assert.deepEqual(multi.indicators['2h'].names, ['rsi_14'])
  })
})
