import { test } from '@japa/runner'
import type { LegacyConfigurationError } from '../../../../legacy/local/engines/errors.ts'
import { LegacyFrame } from '../../../../legacy/local/engines/frame.ts'
import {
  applyLegacyIndicators,
  buildLegacyIndicators,
  inferLegacyIndicatorType,
  legacyIndicatorConfigs,
} from '../../../../legacy/local/engines/indicators/engine.ts'
import { legacyMacdValues } from '../../../../legacy/local/engines/indicators/macd.ts'
import { ewmAdjusted } from '../../../../legacy/local/engines/indicators/rolling.ts'
import { legacyRsiValues } from '../../../../legacy/local/engines/indicators/rsi.ts'
import { textbookRsi } from '../../../fixtures/legacy/textbook.ts'

/** Wilder's worked example (StockCharts "RSI" article): 20 closes. */
const WILDER = [
  44.34, 44.09, 44.15, 43.61, 44.33, 44.83, 45.1, 45.42, 45.84, 46.08, 45.89, 46.03, 45.61, 46.28, 46.28, 46.0, 46.03,
  46.41, 46.22, 45.64,
]

/** Mean of the positive (sign 1) or negated negative (sign −1) deltas 1..p, summed left to right. */
function textbookSeedAverage(close: readonly number[], p: number, sign: 1 | -1): number {
  let s = 0
  for (let i = 1; i <= p; i++) {
    const d = sign * (close[i] - close[i - 1])
    s += d > 0 ? d : 0
  }
  return s / p
}

function frameOf(columns: Record<string, number[]>): LegacyFrame {
  const n = Object.values(columns)[0].length
  const frame = new LegacyFrame(Float64Array.from({ length: n }, (_, i) => i * 3_600_000))
  for (const [name, values] of Object.entries(columns)) frame.set(name, Float64Array.from(values))
  return frame
}

test.group('legacy indicators (docs/legacy-behaviour.md §3.3)', () => {
  test('RSI 14 equals the textbook loop bitwise; the first value matches the hand sums', ({ assert }) => {
    const rsi = legacyRsiValues(Float64Array.from(WILDER), 14)
    const expected = textbookRsi(WILDER, 14)
    for (let i = 0; i < 14; i++) assert.isTrue(Number.isNaN(rsi[i]))
    assert.deepEqual(Array.from(rsi.slice(14)), expected.slice(14))
    // gains over deltas 1..14 sum to 3.34, losses to 1.40 (StockCharts rounds the averages and prints 70.53)
    assert.closeTo(rsi[14], 100 - 100 / (1 + 3.34 / 14 / (1.4 / 14)), 1e-9)
    assert.deepEqual(
      Array.from(rsi.slice(14)).map((v) => Math.round(v * 100) / 100),
      [70.46, 66.25, 66.48, 69.35, 66.29, 57.92],
    )
  })

  test('RSI: a flat series is NaN for the first period rows and 50 afterwards', ({ assert }) => {
    const rsi = legacyRsiValues(new Float64Array(18).fill(7), 14)
    assert.isTrue(Number.isNaN(rsi[13]))
    assert.deepEqual(Array.from(rsi.slice(14)), [50, 50, 50, 50])
  })

  test('RSI: a missing close counts as a 0 gain and 0 loss on both neighbouring deltas', ({ assert }) => {
    const withGap = [...WILDER]
    withGap[16] = NaN
    const rsi = legacyRsiValues(Float64Array.from(withGap), 14)
    let up = textbookSeedAverage(WILDER, 14, 1)
    let down = textbookSeedAverage(WILDER, 14, -1)
    const step = (d: number): number => {
      up = (up * 13 + (d > 0 ? d : 0)) / 14
      down = (down * 13 + (d < 0 ? -d : 0)) / 14
      return 100 - 100 / (1 + up / down)
    }
    assert.equal(rsi[15], step(WILDER[15] - WILDER[14]))
    assert.equal(rsi[16], step(0))
    assert.equal(rsi[17], step(0))
    assert.equal(rsi[18], step(WILDER[18] - WILDER[17]))
  })

  test('EMA adjust=False lines by hand: MACD(1, 3, 3) of 10, 20, 30', ({ assert }) => {
    const { macd, signal, hist } = legacyMacdValues(Float64Array.from([10, 20, 30]), 1, 3, 3)
    assert.deepEqual(Array.from(macd), [0, 5, 7.5])
    assert.deepEqual(Array.from(signal), [0, 2.5, 5])
    assert.deepEqual(Array.from(hist), [0, 2.5, 2.5])
  })

  test('EMA adjust=True by hand: span 3 of 10, 20 is (0.5·10 + 20) / 1.5', ({ assert }) => {
    const ema = ewmAdjusted(Float64Array.from([10, 20]), 3)
    assert.equal(ema[0], 10)
    assert.closeTo(ema[1], (0.5 * 10 + 20) / 1.5, 1e-12)
  })

  test('type inference: map first, else snake_case → PascalCase; the registry is case-sensitive', ({ assert }) => {
    assert.equal(inferLegacyIndicatorType('RSI', false), 'RSI')
    assert.equal(inferLegacyIndicatorType('bollinger_bands', false), 'BollingerBands')
    assert.equal(inferLegacyIndicatorType('BollingerBands', false), 'Bollingerbands')
    assert.equal(inferLegacyIndicatorType('stoch', false), 'Stoch')
    assert.equal(inferLegacyIndicatorType('atr', false), 'ATR')
    assert.equal(inferLegacyIndicatorType('atr', true), 'Atr')
    assert.equal(inferLegacyIndicatorType('stochastic', true), 'Stochastic')
  })

  test('column names: rsi from the custom name, hard-coded MACD / ATR, generic Bollinger names', ({ assert }) => {
    const closes = Array.from({ length: 40 }, (_, i) => 100 + Math.sin(i))
    const frame = frameOf({
      open: closes,
      high: closes.map((c) => c + 1),
      low: closes.map((c) => c - 1),
      close: closes,
      volume: closes.map(() => 1),
    })
    const configs = legacyIndicatorConfigs(
      [
        { name: 'Fast_RSI', type: 'RSI' },
        { name: 'macd' },
        { name: 'atr' },
        { name: 'bollinger_bands' },
        { name: 'stochastic' },
        { name: 'sma' },
        { name: 'ema' },
        { name: 'x', type: 'ADX' },
      ],
      false,
      'test.yaml',
    )
    const out = applyLegacyIndicators(buildLegacyIndicators(configs), frame.toColumnSet())
    assert.deepEqual(out.names.slice(5), [
      'fast_rsi_14',
      'MACD_12_26',
      'MACD_signal_12_26_9',
      'MACD_hist_12_26_9',
      'ATR_14',
      'upper',
      'middle',
      'lower',
      'Stochastic_K_14_3',
      'Stochastic_D_14_3_3',
      'sma_20',
      'ema_20',
      'ADX_14',
      'DI_Plus_14',
      'DI_Minus_14',
      'DX_14',
      'TR_14',
      'ADX_Slope_14',
      'DI_Spread_14',
      'ADX_Momentum_14',
    ])
    const sma = out.get('sma_20')!
    let s = 0
    for (let j = 20; j <= 39; j++) s += closes[j]
    assert.equal(sma[39], s / 20)
    assert.isTrue(Number.isNaN(sma[18]))
    const atr = out.get('ATR_14')!
    assert.isTrue(Number.isNaN(atr[12]))
    assert.isAbove(atr[13], 0)
  })

  test('an explicit params mapping is honoured (top-level keys are not)', ({ assert }) => {
    const configs = legacyIndicatorConfigs([{ name: 'rsi', period: 21, params: { period: 5 } }], false, 'test.yaml')
    const [rsi] = buildLegacyIndicators(configs)
    const out = applyLegacyIndicators([rsi], frameOf({ close: WILDER }).toColumnSet())
    assert.deepEqual(out.names, ['close', 'rsi_5'])
    assert.deepEqual(Array.from(out.get('rsi_5')!.slice(5)), textbookRsi(WILDER, 5).slice(5))
  })

  test('the data-length check fails with a ProcessingError naming the indicator', ({ assert }) => {
    const [macd] = buildLegacyIndicators(legacyIndicatorConfigs([{ name: 'macd' }], false, 'test.yaml'))
    assert.throws(
      () => applyLegacyIndicators([macd], frameOf({ close: WILDER }).toColumnSet()),
      'Failed to compute indicator MACDIndicator: MACD requires at least 35 data points, 20 available',
    )
  })

  test('all indicators failing to build raises CONFIG-IndicatorCreationFailed', ({ assert }) => {
    try {
      buildLegacyIndicators(legacyIndicatorConfigs([{ name: 'stoch' }, { name: 'adx' }], false, 'test.yaml'))
      assert.fail('expected an error')
    } catch (error) {
      assert.equal((error as LegacyConfigurationError).code, 'CONFIG-IndicatorCreationFailed')
      assert.include((error as Error).message, 'Indicator type Stoch not found')
    }
  })

  test('a registered but unported type fails loudly', ({ assert }) => {
    assert.throws(
      () => buildLegacyIndicators(legacyIndicatorConfigs([{ name: 'momentum' }], false, 'test.yaml')),
      "indicator type 'Momentum' was in the old registry but is not ported to legacy/",
    )
  })
})
