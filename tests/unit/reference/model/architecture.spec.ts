import { test } from '@japa/runner'
import { buildMlpSpec, buildOptimizer } from '../../../../reference/model/architecture.ts'
import { parseStrategy } from '../../../../reference/strategy/load.ts'
import { smallStrategy, smallStrategyYaml } from '../pipeline/fixtures.ts'

test.group('model/architecture', () => {
  test('builds the MultiSymbolMLP: embedding 16 even for one symbol, 3 outputs', ({ assert }) => {
    const spec = buildMlpSpec(smallStrategy({ hiddenLayers: [5, 4] }), 9, 1)
    assert.deepEqual(spec, {
      inputSize: 9,
      hiddenLayers: [5, 4],
      outputSize: 3,
      activation: 'relu',
      dropout: 0.2,
      embedding: { numSymbols: 1, dim: 16 },
    })
  })

  test('an unknown activation means relu; names are case-insensitive', ({ assert }) => {
    const yaml = (activation: string) => smallStrategyYaml().replace('activation: relu', `activation: ${activation}`)
    assert.equal(buildMlpSpec(parseStrategy(yaml('swish'), '<t>'), 3, 2).activation, 'relu')
    assert.equal(buildMlpSpec(parseStrategy(yaml('Tanh'), '<t>'), 3, 2).activation, 'tanh')
  })

  test('adam, sgd and rmsprop get weight decay 1e-4 by default; an unknown optimiser gets Adam without it', ({
    assert,
  }) => {
    const training = smallStrategy().model.training
    assert.deepInclude(buildOptimizer(training), { kind: 'adam', learningRate: 0.005, weightDecay: 1e-4 })
    assert.deepInclude(buildOptimizer({ ...training, optimizer: 'adamw', weightDecay: 0.1 }), {
      kind: 'adam',
      weightDecay: 0,
    })
    assert.deepInclude(buildOptimizer({ ...training, weightDecay: 0 }), { weightDecay: 0 })
    assert.deepEqual(buildOptimizer({ ...training, optimizer: 'SGD' }), {
      kind: 'sgd',
      learningRate: 0.005,
      momentum: 0.9,
      weightDecay: 1e-4,
      gradientClip: 0,
    })
    assert.deepInclude(buildOptimizer({ ...training, optimizer: 'sgd', momentum: 0, gradientClip: 2 }), {
      momentum: 0,
      gradientClip: 2,
    })
    assert.deepEqual(buildOptimizer({ ...training, optimizer: 'RMSprop', weightDecay: 0.01 }), {
      kind: 'rmsprop',
      learningRate: 0.005,
      weightDecay: 0.01,
      alpha: 0.99,
      eps: 1e-8,
      gradientClip: 0,
    })
  })
})
