import { test } from '@japa/runner'
import { detectQuirkEffects } from '../../../../reference/quirks/detect.ts'
import { parseStrategy } from '../../../../reference/strategy/load.ts'
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

/** A strategy that sets every key the loader accepts but the old trainer gave no effect. */
const EVERY_UNREAD_KEY = `name: unread_keys
description: documentation only
version: '1'
hypothesis: documentation only
scope: universal
training_data:
  symbols: { mode: multi_symbol, list: [AAPL, MSFT] }
  timeframes: { mode: multi_timeframe, list: [1h, 4h], base_timeframe: 4h }
  history_required: 200
  start_date: '2024-01-01'
  end_date: '2024-06-01'
deployment: { target_symbols: { mode: universal } }
decisions: { confidence_threshold: 0.6 }
orchestrator: { max_position: 1 }
risk_management: { stop_loss: 0.02 }
backtesting: { start_date: '2024-01-01' }
data: { source: local }
indicators:
  - name: rsi
fuzzy_sets:
  rsi:
    low: { type: triangular, parameters: [0, 20, 40] }
model:
  type: mlp
  name: unread
  version: '1'
  input_size: 99
  architecture: { hidden_layers: [4], output_activation: softmax }
  features:
    scale_features: true
    include_price_context: true
    include_volume_context: true
    include_raw_indicators: true
    scaling_method: standard
  training:
    optimizer: adam
    momentum: 0.5
    validation_split: 0.3
    data_mode: local
    estimated_duration_minutes: 5
    total_batches: 10
    batches_per_epoch: 2
    analytics: { enabled: true }
    lr_scheduler: { type: step, step_size: 2, min_lr: 0.0001 }
    early_stopping: { patience: 3, min_delta: 0.01, mode: max, enabled: false }
training:
  method: supervised
  fitness_metrics: [sharpe]
  labels: { zigzag_threshold: 0.03, label_lookahead: 12 }
  data_split: { train: 0.6, validation: 0.2, test: 0.1 }
`

test.group('detectQuirkEffects: no key is silently ignored', () => {
  test('every accepted key without its effect is named in a warning with a quirk id', ({ assert }) => {
    const strategy = parseStrategy(EVERY_UNREAD_KEY, '<unread>')
    const effects = detectQuirkEffects(strategy, ['1h', '4h'])
    const text = effects.map((e) => e.message).join('\n')
    for (const key of [
      'scope',
      'deployment',
      'decisions',
      'orchestrator',
      'risk_management',
      'backtesting',
      'data',
      'training_data.history_required',
      'training_data.start_date',
      'training_data.end_date',
      'training_data.timeframes.base_timeframe: 4h',
      'model.name',
      'model.version',
      'model.input_size',
      'model.architecture.output_activation',
      'model.features.scale_features',
      'model.features.include_price_context',
      'model.features.include_volume_context',
      'model.features.include_raw_indicators',
      'model.features.scaling_method',
      'model.training.momentum',
      'model.training.validation_split',
      'model.training.data_mode',
      'model.training.estimated_duration_minutes',
      'model.training.total_batches',
      'model.training.batches_per_epoch',
      'training_analytics',
      'lr_scheduler.min_lr',
      'early_stopping.min_delta',
      'early_stopping.mode',
      'early_stopping.enabled',
      'training.method',
      'training.fitness_metrics',
      'training.labels.label_lookahead',
      'training.data_split.test',
    ]) {
      assert.include(text, key, `no warning names ${key}`)
    }
    for (const effect of effects) assert.match(effect.message, new RegExp(`^${effect.id}: `))
    assert.notInclude(text, 'hypothesis')
    assert.notInclude(text, 'description')
  })

  test('an unknown optimizer, an unknown scheduler type and a monitor without score are warned', ({ assert }) => {
    const yaml = EVERY_UNREAD_KEY.replace('optimizer: adam', 'optimizer: adagrad')
      .replace('lr_scheduler: { type: step, step_size: 2, min_lr: 0.0001 }', 'lr_scheduler: { type: cosine }')
      .replace(
        'early_stopping: { patience: 3, min_delta: 0.01, mode: max, enabled: false }',
        'early_stopping: { monitor: loss }',
      )
    const effects = detectQuirkEffects(parseStrategy(yaml, '<t>'), ['1h'])
    const byId = new Map(effects.map((e) => [e.id, e.message]))
    assert.equal(
      byId.get('Q-OPTIMIZER-UNKNOWN-ADAM'),
      "Q-OPTIMIZER-UNKNOWN-ADAM: optimizer 'adagrad' trains as Adam without weight decay; momentum 0.5 is not read",
    )
    assert.equal(
      byId.get('Q-LR-SCHEDULER-UNKNOWN-TYPE'),
      'Q-LR-SCHEDULER-UNKNOWN-TYPE: lr_scheduler type "cosine" gives no scheduler',
    )
    assert.equal(
      byId.get('Q-EARLY-STOPPING-NO-SCORE'),
      "Q-EARLY-STOPPING-NO-SCORE: early_stopping.monitor 'loss' gives no score, so early stopping never triggers",
    )
    assert.isFalse(byId.has('Q-ADAM-WEIGHT-DECAY'))
  })
})
