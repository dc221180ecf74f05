import { test } from '@japa/runner'
import { detectQuirkEffects } from '../../../../reference/quirks/detect.ts'
import { RSI_SETS, strategyFrom } from '../indicators/_fixtures.ts'

const ids = (effects: { id: string }[]): string[] => effects.map((e) => e.id)

test.group('detectQuirkEffects', () => {
  test('a period other than the class default is reported with both values', ({ assert }) => {
    const effects = detectQuirkEffects(strategyFrom('  - name: rsi\n    period: 21\n    source: close', RSI_SETS), [
      '1h',
    ])
    const dropped = effects.find((e) => e.id === 'Q-INDICATOR-PARAMS-DROPPED')
    assert.strictEqual(dropped?.message, "Q-INDICATOR-PARAMS-DROPPED: indicator 'rsi' asks period: 21 but runs with 14")
  })

  test('parameters equal to the defaults change nothing', ({ assert }) => {
    const strategy = strategyFrom('  - name: rsi\n    period: 14\n  - name: macd\n    fast_period: 12', RSI_SETS)
    assert.notInclude(ids(detectQuirkEffects(strategy, ['1h'])), 'Q-INDICATOR-PARAMS-DROPPED')
  })

  test('unknown names and their orphaned fuzzy sets are reported once per quirk', ({ assert }) => {
    const strategy = strategyFrom(
      '  - name: rsi\n  - name: adx\n  - name: stoch',
      `${RSI_SETS}\n  adx:\n    weak: { type: triangular, parameters: [0, 15, 30] }`,
    )
    const effects = detectQuirkEffects(strategy, ['1h'])
    assert.deepEqual(ids(effects).slice(0, 2), ['Q-INDICATOR-UNKNOWN-DROPPED', 'Q-FUZZY-KEY-UNMATCHED'])
    assert.include(effects[0]!.message, "indicator 'adx' resolves to unknown type Adx")
    assert.include(effects[0]!.message, "indicator 'stoch' resolves to unknown type Stoch")
    assert.include(effects[1]!.message, "'adx'")
  })

  test('atr is reported only in a multi-timeframe run', ({ assert }) => {
    const strategy = strategyFrom('  - name: atr', '  atr:\n    wide: { type: triangular, parameters: [1, 2, 3] }')
    assert.notInclude(ids(detectQuirkEffects(strategy, ['1h'])), 'Q-ATR-SINGLE-TIMEFRAME-ONLY')
    assert.includeMembers(ids(detectQuirkEffects(strategy, ['1h', '4h'])), [
      'Q-ATR-SINGLE-TIMEFRAME-ONLY',
      'Q-FUZZY-KEY-UNMATCHED',
      'Q-MTF-DOUBLE-PREFIX',
    ])
  })

  test('a set with a non-zero membership at 0 is reported for single-timeframe warm-up', ({ assert }) => {
    const covering = strategyFrom('  - name: macd', '  macd:\n    flat: { type: gaussian, parameters: [0, 1] }')
    const shipped = strategyFrom('  - name: rsi', RSI_SETS)
    assert.include(ids(detectQuirkEffects(covering, ['1h'])), 'Q-NAN-TO-ZERO-SINGLE-TIMEFRAME')
    assert.notInclude(ids(detectQuirkEffects(shipped, ['1h'])), 'Q-NAN-TO-ZERO-SINGLE-TIMEFRAME')
    assert.notInclude(ids(detectQuirkEffects(covering, ['1h', '4h'])), 'Q-NAN-TO-ZERO-SINGLE-TIMEFRAME')
  })
})
