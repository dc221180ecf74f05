import { test } from '@japa/runner'
import { fromLocalRun } from '../../../../legacy/local/trainer/result-aggregator.ts'
import { buildTrainingContext } from '../../../../legacy/local/trainer/training-context.ts'
import { tinyStrategy } from './fixtures.ts'

const context = buildTrainingContext({
  operationId: 'op-1',
  strategyPath: '/strategies/tiny_file.yaml',
  config: tinyStrategy({ training: { epochs: 7 } }),
  symbols: ['EURUSD'],
  timeframes: ['1h'],
  startDate: null,
  endDate: '2024-06-30',
})

const summary = {
  epochs_trained: 3,
  final_train_loss: 0.9,
  final_train_accuracy: 0.6,
  best_train_accuracy: 0.61,
  training_time: 42.5,
  history: { train_loss: [], train_accuracy: [] },
  final_val_loss: 1.0,
  final_val_accuracy: 0.55,
  best_val_accuracy: 0.58,
}

test.group('legacy trainer / from_local_run (§9.5)', () => {
  test('quirk: aggregator defaults (epochs_completed, training_time_minutes)', ({ assert }) => {
    const result = fromLocalRun(context, {
      model_path: '/m/v1',
      training_metrics: summary,
      test_metrics: { test_loss: 1.1, test_accuracy: 0.5, precision: 0.4, recall: 0.5, f1_score: 0.45 },
      per_symbol_metrics: { EURUSD: {} },
      feature_importance: { a: 0.1 },
      model_info: { parameters_count: 10 },
      data_summary: { total_samples: 100 },
    })
    // The trainer wrote epochs_trained = 3 and training_time = 42.5 s; the aggregator reads other keys.
    assert.deepEqual(result.training_metrics, {
      final_train_loss: 0.9,
      final_val_loss: 1.0,
      final_train_accuracy: 0.6,
      final_val_accuracy: 0.55,
      epochs_completed: 7,
      early_stopped: false,
      training_time_minutes: 0.0,
      best_epoch: null,
      final_learning_rate: null,
    })
    assert.deepEqual(result.validation_metrics, { val_loss: 1.0, val_accuracy: 0.55 })
    assert.deepEqual(result.resource_usage, { gpu_used: false, peak_memory_mb: null, training_mode: 'local' })
    assert.deepEqual(result.artifacts, {
      model_path: '/m/v1',
      analytics_dir: null,
      checkpoints: [],
      feature_importance: { a: 0.1 },
      per_symbol_metrics: { EURUSD: {} },
    })
    assert.deepEqual(result.session_info, {
      operation_id: 'op-1',
      strategy_name: 'tiny_file',
      symbols: ['EURUSD'],
      timeframes: ['1h'],
      training_mode: 'local',
      use_host_service: false,
      start_date: null,
      end_date: '2024-06-30',
      data_summary: { total_samples: 100 },
    })
    assert.deepEqual(result.model_info, { parameters_count: 10 })
  })

  test('an error summary and a missing epochs key fall back to zeros and total_steps 1', ({ assert }) => {
    const noEpochs = buildTrainingContext({
      operationId: null,
      strategyPath: 's.yaml',
      config: { model: { training: {} } },
      symbols: ['A'],
      timeframes: ['1h'],
      startDate: null,
      endDate: null,
    })
    const result = fromLocalRun(noEpochs, { training_metrics: { error: 'NaN loss detected in multi-symbol training' } })
    assert.equal(result.training_metrics.epochs_completed, 1)
    assert.equal(result.training_metrics.final_train_loss, 0.0)
    assert.deepEqual(result.test_metrics, { test_loss: 0, test_accuracy: 0, precision: 0, recall: 0, f1_score: 0 })
    assert.notProperty(result.session_info, 'data_summary')
    assert.deepEqual(result.model_info, {})
  })
})
