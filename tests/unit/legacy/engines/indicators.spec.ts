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
import {
  pandasEwmMean,
  pctChange,
  rollingExtreme,
  rollingMean,
  rollingStd,
  seriesMean,
} from '../../../../legacy/local/engines/indicators/rolling.ts'
import { legacyRsiValues } from '../../../../legacy/local/engines/indicators/rsi.ts'
import { legacyTrueRange } from '../../../../legacy/local/engines/indicators/true-range.ts'
import { assertCloseSeries, textbookRsi } from '../../../fixtures/legacy/textbook.ts'

/** Wilder's worked example (StockCharts "RSI" article): 20 closes. */
const WILDER = [
  44.34, 44.09, 44.15, 43.61, 44.33, 44.83, 45.1, 45.42, 45.84, 46.08, 45.89, 46.03, 45.61, 46.28, 46.28, 46.0, 46.03,
  46.41, 46.22, 45.64,
]

function frameOf(columns: Record<string, number[]>): LegacyFrame {
  const n = Object.values(columns)[0].length
  const frame = new LegacyFrame(Float64Array.from({ length: n }, (_, i) => i * 3_600_000))
  for (const [name, values] of Object.entries(columns)) frame.set(name, Float64Array.from(values))
  return frame
}

const nan = (values: ArrayLike<number>): boolean[] => Array.from(values, Number.isNaN)

test.group('legacy indicators (docs/legacy-behaviour.md §3.3)', () => {
  test('RSI 14 equals the textbook loop; the first value matches the hand sums', ({ assert }) => {
    const rsi = legacyRsiValues(Float64Array.from(WILDER), 14)
    for (let i = 0; i < 14; i++) assert.isTrue(Number.isNaN(rsi[i]))
    assertCloseSeries(rsi, textbookRsi(WILDER, 14))
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

  test('EMA adjust=False lines by hand: MACD(1, 3, 3) of 10, 20, 30', ({ assert }) => {
    const { macd, signal, hist } = legacyMacdValues(Float64Array.from([10, 20, 30]), 1, 3, 3)
    assert.deepEqual(Array.from(macd), [0, 5, 7.5])
    assert.deepEqual(Array.from(signal), [0, 2.5, 5])
    assert.deepEqual(Array.from(hist), [0, 2.5, 2.5])
  })

  test('EMA adjust=True by hand: span 3 of 10, 20 is (0.5·10 + 20) / 1.5', ({ assert }) => {
    const ema = pandasEwmMean(Float64Array.from([10, 20]), { span: 3 }, true)
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
    assert.closeTo(sma[39], s / 20, 1e-12)
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
      'Failed to compute indicator MACDIndicator: MACD requires at least 35 data points for accurate calculation',
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

  test('the name momentum builds the old MomentumIndicator; a prototype key is no registry name', ({ assert }) => {
    const [momentum] = buildLegacyIndicators(legacyIndicatorConfigs([{ name: 'momentum' }], false, 'test.yaml'))
    assert.strictEqual(momentum!.className, 'MomentumIndicator')
    assert.throws(
      () => buildLegacyIndicators(legacyIndicatorConfigs([{ name: 'x', type: 'toString' }], false, 'test.yaml')),
      'Failed to create any indicators from configuration: Indicator type toString not found',
    )
  })
})

test.group('legacy indicators: missing values as pandas treats them (docs/legacy-behaviour.md §3.5)', () => {
  test('RSI: the seed mean skips a NaN delta (gains 1 of 1, losses 0 → 100), the recursion continues after it', ({
    assert,
  }) => {
    // deltas: -, 1, NaN, NaN, -1, 2 → seed over rows 1..3 = mean(1) / mean(0); then (2/3, 1/3) → 66.6…, (10/9, 2/9) → 83.3…
    const rsi = legacyRsiValues(Float64Array.of(10, 11, NaN, 13, 12, 14), 3)
    assert.deepEqual(nan(rsi.slice(0, 3)), [true, true, true])
    assert.equal(rsi[3], 100)
    assert.closeTo(rsi[4], 100 - 100 / (1 + 2), 1e-12)
    assert.closeTo(rsi[5], 100 - 100 / (1 + 5), 1e-12)
  })

  test('RSI: one NaN delta after the seed makes every later value NaN', ({ assert }) => {
    const rsi = legacyRsiValues(Float64Array.of(10, 11, 12, 11, NaN, 12, 13, 14), 3)
    assert.closeTo(rsi[3], 100 - 100 / (1 + 2), 1e-12)
    assert.deepEqual(nan(rsi), [true, true, true, false, true, true, true, true])
  })

  test('RSI: a seed window of NaN deltas gives NaN from the seed on; NaN-only flat deltas still give 50', ({
    assert,
  }) => {
    assert.isTrue(legacyRsiValues(Float64Array.of(1, NaN, NaN, NaN, 5, 6), 3).every(Number.isNaN))
    const flat = legacyRsiValues(Float64Array.of(5, 5, NaN, 5, 5), 2)
    assert.deepEqual(Array.from(flat.slice(2)), [50, 50, 50])
  })

  test('Series.mean skips NaN: (1 + 3) / 2', ({ assert }) => {
    assert.equal(seriesMean(Float64Array.of(9, 1, NaN, 3), 1, 4), 2)
    assert.isTrue(Number.isNaN(seriesMean(Float64Array.of(NaN, NaN), 0, 2)))
  })

  test('ewm adjust=False decays through a NaN row: span 3 of 10, 20, NaN, 30 is 10, 15, 15, (¼·15 + ½·30) / ¾', ({
    assert,
  }) => {
    const y = pandasEwmMean(Float64Array.of(10, 20, NaN, 30), { span: 3 }, false)
    assert.deepEqual(Array.from(y), [10, 15, 15, 25])
  })

  test('ewm adjust=True decays through a NaN row: span 3 of 10, NaN, 20 is 10, 10, (¼·10 + 20) / 1¼', ({ assert }) => {
    const y = pandasEwmMean(Float64Array.of(10, NaN, 20), { span: 3 }, true)
    assert.deepEqual(Array.from(y), [10, 10, 18])
  })

  test('ewm: leading NaN rows stay NaN, the average starts at the first value', ({ assert }) => {
    const y = pandasEwmMean(Float64Array.of(NaN, 4, 8), { span: 3 }, false)
    assert.deepEqual(Array.from(y.slice(1)), [4, 6])
    assert.isTrue(Number.isNaN(y[0]))
  })

  test('MACD: the slow line keeps decaying through a missing close (22.5 without the NaN row, 25 with it)', ({
    assert,
  }) => {
    const { macd } = legacyMacdValues(Float64Array.of(10, 20, NaN, 30), 1, 3, 3)
    assert.deepEqual(Array.from(macd), [0, 5, 5, 30 - 25])
  })

  test('rolling mean: a window holding a NaN is NaN (min_periods = window); equal values give the value exactly', ({
    assert,
  }) => {
    assert.deepEqual(nan(rollingMean(Float64Array.of(1, 2, NaN, 4, 5, 6), 2)), [true, false, true, true, false, false])
    const tenths = rollingMean(new Float64Array(25).fill(0.1), 20)
    assert.equal(tenths[24], 0.1)
    assert.notEqual(
      Array(20)
        .fill(0.1)
        .reduce((a: number, b: number) => a + b, 0) / 20,
      0.1,
    )
  })

  test('rolling mean, min_periods = 1: the mean of the non-NaN values of the window', ({ assert }) => {
    const out = rollingMean(Float64Array.of(1, NaN, 3, NaN, NaN), 2, 1)
    assert.deepEqual(Array.from(out.slice(0, 4)), [1, 1, 3, 3])
    assert.isTrue(Number.isNaN(out[4]))
  })

  test('rolling std: sample std by hand, 0 for an equal window, NaN for a window holding a NaN', ({ assert }) => {
    const std = rollingStd(Float64Array.of(1, 2, 3, 4, 4, 4, NaN), 3)
    assert.closeTo(std[2], 1, 1e-15)
    assert.closeTo(std[3], 1, 1e-15)
    assert.equal(std[5], 0)
    assert.deepEqual(nan(std), [true, true, false, false, false, false, true])
  })

  test('rolling max / min skip nothing at min_periods = window and skip NaN below it', ({ assert }) => {
    const x = Float64Array.of(3, NaN, 1, 2)
    assert.deepEqual(nan(rollingExtreme(x, 2, (a, b) => a >= b)), [true, true, true, false])
    assert.deepEqual(Array.from(rollingExtreme(x, 2, (a, b) => a <= b, 1)), [3, 3, 1, 1])
  })

  test('pct_change pads a NaN with the previous value first: 1, NaN, 2, 4 → NaN, 0, 1, 1', ({ assert }) => {
    const out = pctChange(Float64Array.of(1, NaN, 2, 4), 1)
    assert.isTrue(Number.isNaN(out[0]))
    assert.deepEqual(Array.from(out.slice(1)), [0, 1, 1])
  })

  test('true range skips the missing previous close: the bar after it is high − low', ({ assert }) => {
    const tr = legacyTrueRange(Float64Array.of(2, 3, 4), Float64Array.of(1, 1, 1), Float64Array.of(1.5, NaN, 3))
    assert.deepEqual(Array.from(tr), [1, 2, 3])
  })
})
