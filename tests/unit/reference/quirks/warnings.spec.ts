import { test } from '@japa/runner'
import { computeSymbolStages } from '../../../../reference/pipeline/symbol-stages.ts'
import { frameFromCloses, RSI_SETS, strategyFrom, wave } from '../indicators/_fixtures.ts'

test.group('quirk warnings in computeSymbolStages', () => {
  test('warn once per quirk id that changes the outcome, naming the id', ({ assert }) => {
    const strategy = strategyFrom(
      '  - name: rsi\n    period: 21\n  - name: macd\n    fast_period: 8\n  - name: stoch\n  - name: adx',
      RSI_SETS,
    )
    const warnings: string[] = []
    computeSymbolStages({
      strategy,
      symbol: 'TEST',
      frames: { '1h': frameFromCloses(wave(60)) },
      warn: (m) => warnings.push(m),
    })
    const ids = warnings.map((w) => w.split(':')[0])
    assert.deepEqual(ids, [
      'Q-INDICATOR-PARAMS-DROPPED',
      'Q-INDICATOR-UNKNOWN-DROPPED',
      'Q-ZIGZAG-SEGMENT-LABELS',
      'Q-ADAM-WEIGHT-DECAY',
    ])
    assert.include(warnings[0]!, "indicator 'rsi' asks period: 21 but runs with 14")
    assert.include(warnings[0]!, "indicator 'macd' asks fast_period: 8 but runs with 12")
  })

  test('a strategy whose quirks change nothing warns about no pre-model quirk', ({ assert }) => {
    const strategy = strategyFrom('  - name: rsi\n    period: 14', RSI_SETS)
    const warnings: string[] = []
    const probes = computeSymbolStages({
      strategy,
      symbol: 'TEST',
      frames: { '1h': frameFromCloses(wave(60)) },
      warn: (m) => warnings.push(m),
    })
    assert.deepEqual(
      warnings.map((w) => w.split(':')[0]),
      ['Q-ZIGZAG-SEGMENT-LABELS', 'Q-ADAM-WEIGHT-DECAY'],
    )
    assert.deepEqual(probes.features.names.slice(0, 3), ['rsi_neutral', 'rsi_overbought', 'rsi_oversold'])
    assert.lengthOf(probes.labels, 60)
  })
})
