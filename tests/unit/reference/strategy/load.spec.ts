import { test } from '@japa/runner'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { StrategyError } from '../../../../reference/strategy/errors.ts'
import { loadStrategy, parseStrategy } from '../../../../reference/strategy/load.ts'

const FIXTURES = 'tests/fixtures/strategies'
const MINIMAL = readFileSync(`${FIXTURES}/minimal.yaml`, 'utf8')

function strategyError(fn: () => unknown): StrategyError {
  try {
    fn()
  } catch (error) {
    if (error instanceof StrategyError) return error
    throw error
  }
  throw new Error('expected a StrategyError, nothing was thrown')
}

/** The minimal strategy with one line replaced (the line must exist). */
function edited(from: string, to: string): string {
  if (!MINIMAL.includes(from)) throw new Error(`fixture has no ${JSON.stringify(from)}`)
  return MINIMAL.replace(from, to)
}

test.group('strategy/load: shipped strategies', () => {
  test('neuro_mean_reversion', ({ assert }) => {
    const s = loadStrategy('strategies/neuro_mean_reversion.yaml')

    assert.equal(s.sourcePath, resolve('strategies/neuro_mean_reversion.yaml'))
    assert.deepEqual(s.trainingData, { symbols: ['AAPL', 'MSFT', 'GOOGL'], timeframes: ['1h', '4h', '1d'] })
    assert.deepEqual(s.indicators, [
      { name: 'rsi', type: null, params: { period: 14, source: 'close' }, kwargs: {} },
      {
        name: 'macd',
        type: null,
        params: { fast_period: 12, slow_period: 26, signal_period: 9, source: 'close' },
        kwargs: {},
      },
    ])
    assert.deepEqual(s.fuzzySets, [
      {
        indicator: 'rsi',
        sets: [
          { name: 'oversold', type: 'triangular', parameters: [0, 20, 35] },
          { name: 'neutral', type: 'triangular', parameters: [30, 50, 70] },
          { name: 'overbought', type: 'triangular', parameters: [65, 80, 100] },
        ],
      },
    ])
    assert.deepEqual(s.model, {
      hiddenLayers: [50, 25],
      activation: 'relu',
      dropout: 0.2,
      symbolEmbeddingDim: null,
      lookbackPeriods: 2,
      training: {
        learningRate: 0.001,
        batchSize: 32,
        epochs: 100,
        optimizer: 'adam',
        weightDecay: null,
        momentum: null,
        gradientClip: 0,
        validationSplit: null,
        lrScheduler: null,
        earlyStopping: null,
        progressUpdateFrequency: 1,
        progressBatchStride: null,
      },
    })
    assert.deepEqual(s.labels, { source: 'zigzag', zigzagThreshold: 0.03, labelLookahead: 20 })
    assert.deepEqual(s.dataSplit, { train: 0.7, validation: 0.15, test: 0.15 })
  })

  test('universal_zero_shot_model', ({ assert }) => {
    const s = loadStrategy('strategies/universal_zero_shot_model.yaml')

    assert.deepEqual(s.trainingData, { symbols: ['EURUSD', 'GBPUSD'], timeframes: ['1h'] })
    assert.deepEqual(
      s.indicators.map((i) => i.name),
      ['rsi', 'macd', 'sma'],
    )
    assert.deepEqual(
      s.fuzzySets.map((f) => [f.indicator, f.sets.map((x) => x.name)]),
      [
        ['rsi', ['oversold', 'neutral', 'overbought']],
        ['sma', ['below', 'neutral', 'above']],
      ],
    )
    assert.deepEqual(s.fuzzySets[1]!.sets[0]!.parameters, [0.85, 0.95, 1.0])
    assert.deepEqual([s.model.hiddenLayers, s.model.lookbackPeriods], [[128, 64, 32], 5])
    assert.deepEqual([s.model.training.batchSize, s.model.training.epochs], [64, 40])
    assert.deepEqual(s.labels, { source: 'zigzag', zigzagThreshold: 0.02, labelLookahead: 12 })
    assert.equal((s.raw.model as Record<string, unknown>).input_size, 36)
  })

  test('simple_ma_crossover', ({ assert }) => {
    const s = loadStrategy('strategies/simple_ma_crossover.yaml')

    assert.deepEqual(s.trainingData, { symbols: ['AAPL'], timeframes: ['1h'] })
    assert.deepEqual(
      s.indicators.map((i) => i.name),
      ['sma', 'ema', 'atr'],
    )
    assert.deepEqual(
      s.fuzzySets.map((f) => [f.indicator, f.sets.map((x) => x.type)]),
      [
        ['sma', ['trapezoidal', 'trapezoidal', 'trapezoidal']],
        ['ema', ['gaussian', 'gaussian', 'gaussian']],
        ['atr', ['gaussian', 'gaussian', 'gaussian']],
      ],
    )
    assert.deepEqual([s.model.hiddenLayers, s.model.lookbackPeriods, s.model.training.epochs], [[32, 16], 3, 60])
    assert.equal(s.labels.zigzagThreshold, 0.025)
  })

  test('multi_tf_rsi_momentum', ({ assert }) => {
    const s = loadStrategy('strategies/multi_tf_rsi_momentum.yaml')

    assert.deepEqual(s.trainingData, { symbols: ['EURUSD', 'AUDUSD'], timeframes: ['1h', '4h'] })
    assert.deepEqual(
      s.fuzzySets.map((f) => f.indicator),
      ['rsi', 'macd'],
    )
    assert.deepEqual(s.fuzzySets[1]!.sets[1], { name: 'flat', type: 'gaussian', parameters: [0, 0.0008] })
    assert.deepEqual([s.model.hiddenLayers, s.model.lookbackPeriods, s.model.training.epochs], [[32, 16], 2, 50])
    assert.equal(s.labels.zigzagThreshold, 0.02)
  })
})

test.group('strategy/load: defaults', () => {
  test('absent optional fields take the documented defaults and raw keeps the document', ({ assert }) => {
    const s = parseStrategy(MINIMAL, '<inline>')

    assert.equal(s.sourcePath, '<inline>')
    assert.equal(s.description, '')
    assert.deepEqual(s.trainingData, { symbols: [], timeframes: [] })
    assert.deepEqual(s.model.training, {
      learningRate: 0.001,
      batchSize: 32,
      epochs: 100,
      optimizer: 'adam',
      weightDecay: null,
      momentum: null,
      gradientClip: 0,
      validationSplit: null,
      lrScheduler: null,
      earlyStopping: null,
      progressUpdateFrequency: 1,
      progressBatchStride: null,
    })
    assert.deepEqual([s.model.activation, s.model.dropout, s.model.lookbackPeriods], ['relu', 0.2, 0])
    assert.equal(s.labels.labelLookahead, 20)
    assert.isNull(s.dataSplit)
    assert.deepEqual(Object.keys(s.raw), ['name', 'indicators', 'fuzzy_sets', 'model', 'training'])
  })

  test('an empty data_split is null; a missing test fraction is what the others leave', ({ assert }) => {
    const empty = edited('  labels:', '  data_split: {}\n  labels:')
    assert.isNull(parseStrategy(empty, 'e.yaml').dataSplit)

    const partial = edited('  labels:', '  data_split: { train: 0.6, validation: 0.3 }\n  labels:')
    const split = parseStrategy(partial, 'p.yaml').dataSplit!
    assert.equal(split.train, 0.6)
    assert.closeTo(split.test, 0.1, 1e-12)
  })

  test('an explicit indicator type is checked instead of the name', ({ assert }) => {
    const typed = edited('  - name: rsi', '  - name: rsi\n  - name: fast_ma\n    type: EMA\n    period: 5')
    assert.deepEqual(parseStrategy(typed, 't.yaml').indicators[1], {
      name: 'fast_ma',
      type: 'EMA',
      params: { period: 5 },
      kwargs: {},
    })
  })
})

test.group('strategy/load: errors name the file and the field', () => {
  const fixtureCases: [string, string][] = [
    ['bad_triangle', 'fuzzy_sets.rsi.oversold.parameters: triangular needs a ≤ b ≤ c, got [35,20,0]'],
    ['missing_section', 'model: required section is missing'],
    ['unknown_indicator', 'indicators[1].name: unknown indicator "vwap"'],
    [
      'unknown_key',
      'model.architecture.dropuot: unknown key (allowed: hidden_layers, activation, output_activation, dropout)',
    ],
  ]
  for (const [name, expected] of fixtureCases) {
    test(name, ({ assert }) => {
      const file = `${FIXTURES}/${name}.yaml`
      assert.equal(strategyError(() => loadStrategy(file)).message, `${file}: ${expected}`)
    })
  }

  test('bad YAML names the line and column', ({ assert }) => {
    const error = strategyError(() => loadStrategy(`${FIXTURES}/bad_yaml.yaml`))

    assert.match(error.message, /^tests\/fixtures\/strategies\/bad_yaml\.yaml:7:1: YAML syntax error: Flow map .*\}$/)
    assert.equal(error.location, '7:1')
    assert.notInclude(error.message, '\n')
  })

  test('a missing file', ({ assert }) => {
    assert.equal(
      strategyError(() => loadStrategy(`${FIXTURES}/nope.yaml`)).message,
      `${FIXTURES}/nope.yaml: no such file`,
    )
  })

  const inlineCases: [string, string, string][] = [
    [
      'name: minimal',
      'name: x\nsurprise: 1',
      'surprise: unknown key (allowed: name, description, version, hypothesis, scope',
    ],
    ['name: minimal', 'name: x\nname: y', '3:1: YAML syntax error: Map keys must be unique'],
    ['name: minimal', 'name: ""', 'name: expected a non-empty string, got string ""'],
    ['name: minimal', 'description: nameless', 'name: required field is missing'],
    ['indicators:\n  - name: rsi', 'indicators: []', 'indicators: no indicators'],
    ['  rsi:\n    low: { type: triangular, parameters: [0, 20, 40] }', '  {}', 'fuzzy_sets: no fuzzy sets'],
    ['training:\n  labels:', 'training: {}\nnot_training:\n  labels:', 'not_training: unknown key'],
    ['  labels:\n    zigzag_threshold: 0.03', '  method: supervised', 'training.labels: required section is missing'],
    ['zigzag_threshold: 0.03', 'zigzag_threshold: 1', 'training.labels.zigzag_threshold: must be in (0, 1), got 1'],
    ['zigzag_threshold: 0.03', 'zigzag_threshold: 0.03\n    horizon: 3', 'training.labels.horizon: unknown key'],
    [
      'hidden_layers: [8]',
      'hidden_layers: [8, 2.5]',
      'model.architecture.hidden_layers[1]: expected an integer in [1, 4096], got 2.5',
    ],
    [
      'hidden_layers: [8]',
      'hidden_layers: [8, 0]',
      'model.architecture.hidden_layers[1]: expected an integer in [1, 4096], got 0',
    ],
    [
      'hidden_layers: [8]',
      'hidden_layers: [8]\n    dropout: 1',
      'model.architecture.dropout: must be in [0, 1), got 1',
    ],
    [
      'hidden_layers: [8]',
      'hidden_layers: [8]\n  features: { lookback_periods: -1 }',
      'model.features.lookback_periods: expected an integer in [0, 1000], got -1',
    ],
    [
      'hidden_layers: [8]',
      'hidden_layers: [8]\n  training: { epochs: 10, nesterov: true }',
      'model.training.nesterov: unknown key',
    ],
    [
      'hidden_layers: [8]',
      'hidden_layers: [8]\n  training: { optimizer: sgd, momentum: -0.5 }',
      'model.training.momentum: must be in [0, Infinity], got -0.5',
    ],
    [
      'hidden_layers: [8]',
      'hidden_layers: [8]\n  training: { lr_scheduler: { type: step, step_size: 0 } }',
      'model.training.lr_scheduler.step_size: expected an integer in [1, 9007199254740991], got 0',
    ],
    [
      'hidden_layers: [8]',
      'hidden_layers: [8]\n  training: { lr_scheduler: { gamma: 0 } }',
      'model.training.lr_scheduler.gamma: must be in (0, Infinity], got 0',
    ],
    [
      'hidden_layers: [8]',
      'hidden_layers: [8]\n  training: { lr_scheduler: { type: reduce_on_plateau, factor: 1 } }',
      'model.training.lr_scheduler.factor: must be in (0, 1), got 1',
    ],
    [
      'hidden_layers: [8]',
      'hidden_layers: [8]\n  training: { lr_scheduler: { type: reduce_on_plateau, patience: 1.5 } }',
      'model.training.lr_scheduler.patience: expected an integer in [0, 9007199254740991], got 1.5',
    ],
    [
      'hidden_layers: [8]',
      'hidden_layers: [8]\n  training: { lr_scheduler: step }',
      'model.training.lr_scheduler: expected a mapping, got string "step"',
    ],
    [
      'hidden_layers: [8]',
      'hidden_layers: [8]\n  training: { early_stopping: true }',
      'model.training.early_stopping: expected a mapping, got boolean true',
    ],
    [
      'hidden_layers: [8]',
      'hidden_layers: [8]\n  training: { early_stopping: { patience: -1 } }',
      'model.training.early_stopping.patience: expected an integer in [0, 9007199254740991], got -1',
    ],
    [
      'hidden_layers: [8]',
      'hidden_layers: [8]\n  training: { early_stopping: { monitor: 3 } }',
      'model.training.early_stopping.monitor: expected a non-empty string, got number 3',
    ],
    [
      'hidden_layers: [8]',
      'hidden_layers: [8]\n  training: { progress: { batch_stride: 0 } }',
      'model.training.progress.batch_stride: expected an integer in [1, 9007199254740991], got 0',
    ],
    [
      'hidden_layers: [8]',
      'hidden_layers: [8]\n  training: { progress: { every: 3 } }',
      'model.training.progress.every: unknown key (allowed: batch_stride)',
    ],
    [
      'hidden_layers: [8]',
      'hidden_layers: [8]\n  training: { progress_update_frequency: 0 }',
      'model.training.progress_update_frequency: expected an integer in [1, 9007199254740991], got 0',
    ],
    [
      'hidden_layers: [8]',
      'hidden_layers: [8]\n  training: { learning_rate: 0 }',
      'model.training.learning_rate: must be in (0, Infinity]',
    ],
    [
      '  labels:',
      '  data_split: { train: 1.2, validation: 0.1 }\n  labels:',
      'training.data_split.train: must be in [0, 1], got 1.2',
    ],
    ['  labels:', '  data_split: { train: 0.7, valid: 0.3 }\n  labels:', 'training.data_split.valid: unknown key'],
    ['  labels:', '  data_split: { train: 0.8, validation: 0.3 }\n  labels:', 'training.data_split: fractions sum to'],
    ['[0, 20, 40] }', '[0, 20, 40], weight: 2 }', 'fuzzy_sets.rsi.low.weight: unknown key (allowed: type, parameters)'],
    [
      '[0, 20, 40] }',
      '[0, 20, 30, 40] }',
      'fuzzy_sets.rsi.low.parameters: triangular needs 3 parameters, got [0,20,30,40]',
    ],
    [
      'triangular, parameters: [0, 20, 40]',
      'trapezoidal, parameters: [0, 20, 10, 40]',
      'fuzzy_sets.rsi.low.parameters: trapezoidal needs a ≤ b ≤ c ≤ d, got [0,20,10,40]',
    ],
    [
      'triangular, parameters: [0, 20, 40]',
      'gaussian, parameters: [50, 0]',
      'fuzzy_sets.rsi.low.parameters: gaussian needs σ > 0, got [50,0]',
    ],
    [
      'triangular, parameters: [0, 20, 40]',
      'gaussian, parameters: [50, .nan]',
      'fuzzy_sets.rsi.low.parameters: parameters must be finite numbers, got [50,NaN]',
    ],
    ['triangular, parameters', 'sigmoid, parameters', 'fuzzy_sets.rsi.low.type: unknown membership type "sigmoid"'],
    ['  - name: rsi', '  - name: rsi\n  - period: 3', 'indicators[1].name: expected a non-empty string, got nothing'],
    ['  - name: rsi', '  - name: rsi\n  - name: rsi', 'indicators[1].name: duplicate indicator name "rsi"'],
    ['  - name: rsi', '  - name: rsi\n    type: vwap', 'indicators[0].type: unknown indicator "vwap"'],
    [
      '  - name: rsi',
      '  - name: rsi\n    period: [14]',
      'indicators[0].period: expected a finite number, got a list [14]',
    ],
    [
      'name: minimal',
      'name: x\ntraining_data: { symbols: [../etc] }',
      'training_data.symbols[0]: invalid symbol "../etc"',
    ],
    [
      'name: minimal',
      'name: x\ntraining_data: { timeframes: { list: [1h, 1y] } }',
      'training_data.timeframes.list[1]: invalid timeframe "1y"',
    ],
    [
      'name: minimal',
      'name: x\ntraining_data: { symbols: { mode: single_symbol, list: [AAPL] } }',
      'training_data.symbols.mode: expected single or multi_symbol, got "single_symbol"',
    ],
    [
      'name: minimal',
      'name: x\ntraining_data: { symbols: { mode: single, list: [AAPL] } }',
      'training_data.symbols.list: mode single names one symbol, not a list',
    ],
    [
      'name: minimal',
      'name: x\ntraining_data: { symbols: { mode: single } }',
      'training_data.symbols.symbol: required for mode single',
    ],
    [
      'name: minimal',
      'name: x\ntraining_data: { timeframes: { mode: single, timeframe: 1y } }',
      'training_data.timeframes.timeframe: invalid timeframe "1y"',
    ],
    [
      'name: minimal',
      'name: x\ntraining_data: { timeframes: { mode: multi_timeframe, timeframe: 1h } }',
      'training_data.timeframes.timeframe: belongs to mode single; mode multi_timeframe takes a list',
    ],
    [
      'name: minimal',
      'name: x\ntraining_data: { timeframes: { mode: multi_timeframe } }',
      'training_data.timeframes.list: required field is missing',
    ],
    [
      'name: minimal',
      'name: x\ntraining_data: { timeframes: { mode: multi_timeframe, list: [1h, 4h], base_timeframe: 1d } }',
      'training_data.timeframes.base_timeframe: "1d" is not one of the timeframes',
    ],
    [
      'name: minimal',
      'name: x\ntraining_data: { symbols: { mode: single, symbol: AAPL, selection_criteria: {} } }',
      'training_data.symbols.selection_criteria: unknown key (allowed: mode, list, symbol)',
    ],
    [
      'name: minimal',
      'name: x\ntraining_data: { history_required: many }',
      'training_data.history_required: expected a finite number, got string "many"',
    ],
    ['hidden_layers: [8]', 'hidden_layers: [8]\n  type: lstm', 'model.type: unsupported model type "lstm" (only mlp)'],
  ]
  for (const [from, to, expected] of inlineCases) {
    test(`inline: ${expected.split(':')[0]}`, ({ assert }) => {
      const message = strategyError(() => parseStrategy(edited(from, to), 'inline.yaml')).message

      assert.isTrue(message.startsWith(`inline.yaml${expected.match(/^\d/) ? ':' : ': '}${expected}`), message)
    })
  }
})

test.group('strategy/load: limits', () => {
  test('text over the byte limit', ({ assert }) => {
    const message = strategyError(() => parseStrategy(`${MINIMAL}#${'x'.repeat(300 * 1024)}\n`, 'big.yaml')).message
    assert.match(message, /^big\.yaml: YAML is \d+ bytes, over the 262144-byte limit$/)
  })

  test('too many indicators, fuzzy sets or layers', ({ assert }) => {
    const indicators = Array.from({ length: 65 }, (_, i) => `  - name: rsi\n    type: rsi\n    k: ${i}`).join('\n')
    const many = edited(
      '  - name: rsi',
      indicators.replace(/name: rsi\n {4}type/g, (m, offset: number) => m.replace('rsi', `r${offset}`)),
    )
    assert.equal(
      strategyError(() => parseStrategy(many, 'm.yaml')).message,
      'm.yaml: indicators: 65 entries exceed the limit of 64',
    )

    const sets = Array.from({ length: 33 }, (_, i) => `    s${i}: { type: gaussian, parameters: [${i}, 1] }`).join('\n')
    const manySets = edited('    low: { type: triangular, parameters: [0, 20, 40] }', sets)
    assert.equal(
      strategyError(() => parseStrategy(manySets, 's.yaml')).message,
      's.yaml: fuzzy_sets.rsi: 33 sets exceed the limit of 32',
    )

    const deep = edited('hidden_layers: [8]', 'hidden_layers: [8, 8, 8, 8, 8, 8, 8, 8, 8]')
    assert.match(strategyError(() => parseStrategy(deep, 'd.yaml')).message, /expected 1–8 layers, got 9$/)

    const wide = edited('hidden_layers: [8]', 'hidden_layers: [4097]')
    assert.match(
      strategyError(() => parseStrategy(wide, 'w.yaml')).message,
      /hidden_layers\[0\]: expected an integer in \[1, 4096\], got 4097$/,
    )
  })

  test('nesting deeper than 16, including nesting too deep for the parser', ({ assert }) => {
    const nested = edited('name: minimal', `name: x\ndata: ${'['.repeat(20)}${']'.repeat(20)}`)
    assert.equal(strategyError(() => parseStrategy(nested, 'n.yaml')).message, 'n.yaml: nesting deeper than 16 levels')

    const hostile = `data: ${'['.repeat(60_000)}`
    assert.equal(strategyError(() => parseStrategy(hostile, 'h.yaml')).message, 'h.yaml: nesting deeper than 16 levels')
  })

  test('callers may tighten the limits', ({ assert }) => {
    assert.match(
      strategyError(() => parseStrategy(MINIMAL, 'l.yaml', { maxBytes: 100 })).message,
      /over the 100-byte limit$/,
    )
  })
})
