import { test } from '@japa/runner'
import { wilderAtr } from '../../../../reference/indicators/atr.ts'
import { calculateIndicators, mapIndicators } from '../../../../reference/indicators/engine.ts'
import { rsi } from '../../../../reference/indicators/rsi.ts'
import { sma } from '../../../../reference/indicators/sma.ts'
import { frameFromCloses, RSI_SETS, strategyFrom, wave } from './_fixtures.ts'

const H4 = 4 * 3_600_000

test.group('calculateIndicators', () => {
  test('drops parameters and names the old factory cannot resolve', ({ assert }) => {
    const strategy = strategyFrom(
      '  - name: rsi\n    period: 21\n  - name: stoch\n  - name: adx\n  - name: bbands\n  - name: BollingerBands\n  - name: macd',
      RSI_SETS,
    )
    const frame = frameFromCloses(wave(40))
    const out = calculateIndicators({ '1h': frame }, strategy)
    assert.deepEqual(out['1h']!.names, ['rsi_14', 'MACD_12_26', 'MACD_signal_12_26_9', 'MACD_hist_12_26_9'])
    assert.deepEqual(Array.from(out['1h']!.columns[0]!), Array.from(rsi(frame.close, 14)))
  })

  test('resolves atr only in a single-timeframe run', ({ assert }) => {
    const strategy = strategyFrom('  - name: atr\n  - name: rsi', RSI_SETS)
    const h1 = frameFromCloses(wave(40))
    const h4 = frameFromCloses(wave(40), { timeframe: '4h', stepMs: H4 })
    assert.deepEqual(calculateIndicators({ '1h': h1 }, strategy)['1h']!.names, ['ATR_14', 'rsi_14'])
    const multi = calculateIndicators({ '1h': h1, '4h': h4 }, strategy)
    assert.deepEqual([multi['1h']!.names, multi['4h']!.names], [['rsi_14'], ['rsi_14']])
  })

  test('fails when no strategy indicator can be created, as the old factory did', ({ assert }) => {
    const strategy = strategyFrom('  - name: adx', RSI_SETS)
    assert.throws(
      () => calculateIndicators({ '1h': frameFromCloses(wave(40)) }, strategy),
      "<inline>: no indicator could be created ('adx' resolves to unknown type Adx)",
    )
  })

  test('a multi-timeframe run skips a timeframe that is too short, unless all are', ({ assert }) => {
    const strategy = strategyFrom('  - name: macd', RSI_SETS)
    const warnings: string[] = []
    const frames = {
      '1h': frameFromCloses(wave(40)),
      '1d': frameFromCloses(wave(10), { timeframe: '1d', stepMs: 6 * H4 }),
    }
    const out = calculateIndicators(frames, strategy, { warn: (m) => warnings.push(m) })
    assert.deepEqual(Object.keys(out), ['1h'])
    assert.deepEqual(warnings, [
      "TEST 1d: indicator 'macd' (MACD) needs at least 35 bars, got 10; timeframe 1d skipped",
    ])
  })

  test('an explicit registry type is used as written (case-sensitive)', ({ assert }) => {
    const strategy = strategyFrom(
      '  - name: k\n    type: Stochastic\n  - name: s\n    type: stochastic',
      '  k:\n    low: { type: triangular, parameters: [0, 20, 40] }',
    )
    assert.deepEqual(calculateIndicators({ '1h': frameFromCloses(wave(20)) }, strategy)['1h']!.names, [
      'Stochastic_K_14_3',
      'Stochastic_D_14_3_3',
    ])
  })

  test('too few bars fail with the indicator, timeframe and counts', ({ assert }) => {
    const strategy = strategyFrom('  - name: macd', RSI_SETS)
    assert.throws(
      () => calculateIndicators({ '1h': frameFromCloses(wave(34)) }, strategy),
      "TEST 1h: indicator 'macd' (MACD) needs at least 35 bars, got 34",
    )
  })

  test('keltner_channels is inferred as KeltnerChannels and computed with its hard-coded columns', ({ assert }) => {
    const strategy = strategyFrom('  - name: keltner_channels', RSI_SETS)
    const out = calculateIndicators({ '1h': frameFromCloses(wave(40)) }, strategy)['1h']!
    assert.deepEqual(out.names.slice(0, 3), ['KC_Middle_20', 'KC_Upper_20_10_2.0', 'KC_Lower_20_10_2.0'])
  })

  test('params: reaches RSI, SMA, EMA and MACD, whose columns follow the given periods', ({ assert }) => {
    const strategy = strategyFrom(
      '  - name: rsi\n    params: { period: 5 }\n  - name: sma\n    params: { period: 3, source: high }\n' +
        '  - name: m\n    type: MACD\n    params: { fast_period: 3, slow_period: 7, signal_period: 2 }\n' +
        '  - name: e\n    type: EMA\n    params: { period: 4, source: rsi_5 }',
      RSI_SETS,
    )
    const frame = frameFromCloses(wave(40))
    const out = calculateIndicators({ '1h': frame }, strategy)['1h']!
    assert.deepEqual(out.names, ['rsi_5', 'sma_3', 'MACD_3_7', 'MACD_signal_3_7_2', 'MACD_hist_3_7_2', 'e_4'])
    assert.deepEqual(Array.from(out.columns[0]!), Array.from(rsi(frame.close, 5)))
    assert.deepEqual(Array.from(out.columns[1]!), Array.from(sma(frame.high, 3)))
  })

  test('a class refusing its params: is dropped, and alone it fails the stage', ({ assert }) => {
    const refused = '  - name: rsi\n    params: { period: 14.0 }'
    assert.deepEqual(
      calculateIndicators({ '1h': frameFromCloses(wave(40)) }, strategyFrom(`${refused}\n  - name: macd`, RSI_SETS))[
        '1h'
      ]!.names,
      ['MACD_12_26', 'MACD_signal_12_26_9', 'MACD_hist_12_26_9'],
    )
    assert.throws(
      () => calculateIndicators({ '1h': frameFromCloses(wave(40)) }, strategyFrom(refused, RSI_SETS)),
      "<inline>: no indicator could be created ('rsi' RSIIndicator: DataError DATA-InvalidType: RSI period must be an integer)",
    )
  })

  test('a substituted implementation replaces the default and is reported', ({ assert }) => {
    const strategy = strategyFrom('  - name: atr', '  atr:\n    low: { type: triangular, parameters: [0, 1, 2] }')
    const frame = frameFromCloses(wave(40))
    const warnings: string[] = []
    const out = calculateIndicators({ '1h': frame }, strategy, {
      warn: (m) => warnings.push(m),
      implementations: { ATR: wilderAtr },
    })
    assert.deepEqual(Array.from(out['1h']!.columns[0]!), Array.from(wilderAtr.compute(frame, 'atr').columns[0]!))
    assert.deepEqual(warnings, ['indicator ATR uses a substituted implementation'])
  })
})

test.group('mapIndicators', () => {
  const strategy = strategyFrom('  - name: sma\n  - name: macd\n  - name: stoch\n  - name: rsi', RSI_SETS)

  test('keeps price columns first, then one column per resolvable strategy name', ({ assert }) => {
    const frames = { '1h': frameFromCloses(wave(40)) }
    const mapped = mapIndicators(frames, calculateIndicators(frames, strategy), strategy, false)['1h']!
    assert.deepEqual(mapped.names, ['open', 'high', 'low', 'close', 'volume', 'sma', 'macd', 'rsi'])
  })

  test('sma becomes close / SMA and macd the MACD line; single timeframe turns NaN into 0', ({ assert }) => {
    const frame = frameFromCloses(wave(40))
    const frames = { '1h': frame }
    const indicators = calculateIndicators(frames, strategy)
    const mapped = mapIndicators(frames, indicators, strategy, false)['1h']!
    const ratio = mapped.columns[5]!
    const average = sma(frame.close, 20)
    assert.strictEqual(ratio[25], frame.close[25]! / average[25]!)
    assert.strictEqual(ratio[3], 0)
    assert.deepEqual(Array.from(mapped.columns[6]!), Array.from(indicators['1h']!.columns[1]!))
    assert.strictEqual(mapped.columns[7]![0], 0)
  })

  test('multi-timeframe mapping keeps NaN', ({ assert }) => {
    const frames = { '1h': frameFromCloses(wave(40)), '4h': frameFromCloses(wave(40), { timeframe: '4h', stepMs: H4 }) }
    const mapped = mapIndicators(frames, calculateIndicators(frames, strategy), strategy, true)
    assert.isTrue(Number.isNaN(mapped['4h']!.columns[5]![3]!))
    assert.isTrue(Number.isNaN(mapped['1h']!.columns[7]![0]!))
  })

  test('a missing close becomes 0 in a single-timeframe run and ±inf ratios too', ({ assert }) => {
    const closes = wave(40)
    closes[30] = NaN
    const frames = { '1h': frameFromCloses(closes) }
    const mapped = mapIndicators(frames, calculateIndicators(frames, strategy), strategy, false)['1h']!
    assert.strictEqual(mapped.columns[3]![30], 0)
    assert.isTrue(mapped.columns.every((c) => c.every(Number.isFinite)))
  })
})
