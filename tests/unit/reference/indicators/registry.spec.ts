import { test } from '@japa/runner'
import { calculateIndicators, mapIndicators } from '../../../../reference/indicators/engine.ts'
import { IndicatorError } from '../../../../reference/indicators/errors.ts'
import { INDICATOR_CLASSES, isRegistryName, REGISTRY_TYPES } from '../../../../reference/indicators/registry.ts'
import { resolveIndicators } from '../../../../reference/indicators/resolve.ts'
import { williamsR } from '../../../../reference/indicators/williams-r.ts'
import { detectQuirkEffects } from '../../../../reference/quirks/detect.ts'
import { frameFromCloses, RSI_SETS, strategyFrom, wave } from './_fixtures.ts'

const CCI_SETS = '  cci:\n    low: { type: triangular, parameters: [-200, -100, 0] }'

test.group('indicator registry', () => {
  test('knows every name of the old registry, case-sensitively, aliases included', ({ assert }) => {
    assert.lengthOf(Object.keys(REGISTRY_TYPES), 63)
    assert.strictEqual(REGISTRY_TYPES.WilliamsRIndicator, 'WilliamsR')
    assert.strictEqual(REGISTRY_TYPES.ChaikinMoneyFlow, 'CMF')
    assert.isFalse(isRegistryName('williamsr'))
    assert.isFalse(isRegistryName('toString'))
  })

  test('an explicit type or class-name alias computes with class defaults, top-level keys dropped', ({ assert }) => {
    const strategy = strategyFrom(
      '  - name: w\n    type: WilliamsRIndicator\n    period: 5\n  - name: cci\n    type: CCI',
      CCI_SETS,
    )
    const frame = frameFromCloses(wave(40))
    const out = calculateIndicators({ '1h': frame }, strategy)['1h']!
    assert.deepEqual(out.names, ['WilliamsR_14', 'cci'])
    assert.deepEqual(Array.from(out.columns[0]!), Array.from(williamsR(frame.high, frame.low, frame.close, 14)))
    const effects = detectQuirkEffects(strategy, ['1h']).map((e) => e.message)
    assert.include(
      effects[0],
      "indicator 'w' top-level period: 5 is dropped (only a params: mapping reaches the class)",
    )
  })

  test('params: reaches the class', ({ assert }) => {
    const strategy = strategyFrom('  - name: w\n    type: WilliamsR\n    params: { period: 5 }', RSI_SETS)
    const frame = frameFromCloses(wave(40))
    const out = calculateIndicators({ '1h': frame }, strategy)['1h']!
    assert.deepEqual(out.names, ['WilliamsR_5'])
    assert.deepEqual(Array.from(out.columns[0]!), Array.from(williamsR(frame.high, frame.low, frame.close, 5)))
  })

  test('name inference reaches a type only where the old PascalCase rule gives a registry name', ({ assert }) => {
    const strategy = strategyFrom(
      '  - name: williams_r\n  - name: momentum\n  - name: zig_zag\n  - name: ichimoku\n  - name: rsi',
      RSI_SETS,
    )
    const resolved = resolveIndicators(strategy.indicators, false)
    assert.deepEqual(
      resolved.map((r) => [r.requestedType, r.status]),
      [
        ['WilliamsR', 'computed'],
        ['Momentum', 'computed'],
        ['ZigZag', 'computed'],
        ['Ichimoku', 'computed'],
        ['RSI', 'computed'],
      ],
    )
    const frames = { '1h': frameFromCloses(wave(60)) }
    const computed = calculateIndicators(frames, strategy)
    const mapped = mapIndicators(frames, computed, strategy, false)['1h']!
    // williams_r and zig_zag never match their columns (WilliamsR_14, ZigZag_5) by prefix
    assert.deepEqual(mapped.names.slice(5), ['momentum', 'ichimoku', 'rsi'])
  })

  test('a class refusing its params: is dropped, and when every one fails the stage fails', ({ assert }) => {
    const strategy = strategyFrom('  - name: rvi\n    type: RVI\n    params: { period: 2 }\n  - name: rsi', RSI_SETS)
    const resolved = resolveIndicators(strategy.indicators, false)
    assert.deepEqual(resolved[0]!.status, 'dropped')
    assert.deepEqual(calculateIndicators({ '1h': frameFromCloses(wave(40)) }, strategy)['1h']!.names, ['rsi_14'])
    const alone = strategyFrom('  - name: rvi\n    type: RVI\n    params: { period: 2 }', RSI_SETS)
    assert.throws(() => calculateIndicators({ '1h': frameFromCloses(wave(40)) }, alone), IndicatorError)
    assert.include(
      detectQuirkEffects(strategy, ['1h'])
        .map((e) => e.message)
        .join('\n'),
      "indicator 'rvi' RVIIndicator: DataError INDICATOR-InvalidParameter: RVI period must be an integer >= 4 and is not computed",
    )
  })

  test('every type has its class, and params: reaches the eight older ones too', ({ assert }) => {
    assert.sameMembers(Object.keys(INDICATOR_CLASSES), [...new Set(Object.values(REGISTRY_TYPES))])
    const strategy = strategyFrom(
      '  - name: rsi\n    params: { period: 21 }\n  - name: k\n    type: StochasticIndicator\n' +
        '    params: { k_period: 5, d_period: 2, smooth_k: 4 }\n  - name: d\n    type: AverageDirectionalIndex\n' +
        '    period: 9\n    params: { period: 3 }',
      RSI_SETS,
    )
    const out = calculateIndicators({ '1h': frameFromCloses(wave(40)) }, strategy)['1h']!
    assert.deepEqual(out.names.slice(0, 4), ['rsi_21', 'Stochastic_K_5_4', 'Stochastic_D_5_2_4', 'ADX_3'])
    assert.include(
      detectQuirkEffects(strategy, ['1h'])
        .map((e) => e.message)
        .join('\n'),
      "indicator 'd' top-level period: 9 is dropped (only a params: mapping reaches the class)",
    )
  })

  test('a later indicator reads an earlier one through its source', ({ assert }) => {
    const strategy = strategyFrom(
      '  - name: rsi\n  - name: zz\n    type: ZigZag\n    params: { threshold: 0.2, source: rsi_14 }',
      RSI_SETS,
    )
    const out = calculateIndicators({ '1h': frameFromCloses(wave(60)) }, strategy)['1h']!
    assert.deepEqual(out.names, ['rsi_14', 'ZigZag_20'])
    assert.isTrue(Number.isNaN(out.columns[1]![0]!))
  })
})

test.group('indicator registry: quirk warnings of the params: classes', () => {
  test('Ichimoku is never displaced; ZigZag ignores extra keywords — both say so', ({ assert }) => {
    const strategy = strategyFrom(
      '  - name: ichimoku\n  - name: zz\n    type: ZigZag\n    params: { threshold: 0.1, depth: 12 }',
      RSI_SETS,
    )
    const messages = detectQuirkEffects(strategy, ['1h']).map((e) => e.message)
    assert.include(
      messages,
      "Q-ICHIMOKU-NOT-DISPLACED: indicator 'ichimoku': the Senkou spans and Chikou are not shifted by the displacement",
    )
    assert.include(messages, 'Q-ZIGZAG-EXTRA-PARAMS-IGNORED: ZigZag parameter depth is accepted and ignored')
  })
})
