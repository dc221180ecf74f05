import { resolve } from 'node:path'
import { test } from '@japa/runner'
import { newStartBody, oldStartBody } from '../../../../reference/host-service/client/start-bodies.ts'
import { loadStrategy } from '../../../../reference/strategy/load.ts'

const PATH = resolve(import.meta.dirname, '../../../../strategies/neuro_mean_reversion.yaml')

test.group('host client: start bodies (docs/legacy-behaviour.md §9.3)', () => {
  test('the old body merges model.training over the adapter’s keys and adds the seed', ({ assert }) => {
    const body = oldStartBody(loadStrategy(PATH), PATH, {
      symbols: ['AAPL', 'MSFT'],
      timeframes: ['1h'],
      startDate: '2024-01-01',
      endDate: '2024-02-01',
      seed: 5,
      epochs: 2,
    })
    assert.deepEqual(body.model_configuration, {
      strategy_config: PATH,
      symbols: ['AAPL', 'MSFT'],
      timeframes: ['1h'],
      model_type: 'mlp',
      multi_symbol: true,
    })
    assert.deepEqual(body.training_configuration, {
      validation_split: 0.2,
      start_date: '2024-01-01',
      end_date: '2024-02-01',
      data_mode: 'local',
      learning_rate: 0.001,
      batch_size: 32,
      epochs: 2,
      optimizer: 'adam',
      seed: 5,
    })
    assert.deepEqual(body.gpu_configuration, { enable_gpu: true, memory_fraction: 0.8, mixed_precision: true })
  })

  test('the new body carries the YAML text and defaults the dates as the old backend did', ({ assert }) => {
    const body = newStartBody('name: x', { symbols: ['AAPL'], timeframes: ['1h'], seed: 1 })
    assert.equal((body.model_configuration as { strategy_yaml: string }).strategy_yaml, 'name: x')
    assert.deepEqual(body.training_configuration, {
      start_date: '2020-01-01',
      end_date: new Date().toISOString().slice(0, 10),
      seed: 1,
    })
  })
})
