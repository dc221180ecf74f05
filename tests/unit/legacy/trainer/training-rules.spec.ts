// The legacy port's schedulers, early stopping and optimiser choice on the fixed cases of
// tests/fixtures/training-rules.ts, read from the `model.training` dict the way the old ModelTrainer read it.
import { test } from '@japa/runner'
import { createLrScheduler } from '../../../../legacy/local/trainer/lr-scheduler.ts'
import { readModelTrainerSettings } from '../../../../legacy/local/trainer/trainer-settings.ts'
import { OPTIMIZER_CASES, SCHEDULE_CASES, STOPPING_CASES } from '../../../fixtures/training-rules.ts'
import { legacyRates, legacyStop } from '../../../fixtures/training-rules-apply.ts'

test.group('legacy lr schedulers (fixed losses → old learning rates)', () => {
  for (const c of SCHEDULE_CASES) {
    test(c.title, ({ assert }) => {
      assert.deepEqual(legacyRates(c.config, c.metrics), [...c.rates])
    })
  }
})

test.group('legacy EarlyStopping (fixed validation figures → old stopping epoch)', () => {
  for (const c of STOPPING_CASES) {
    test(c.title, ({ assert }) => {
      assert.strictEqual(legacyStop(c.config, c.epochs), c.stoppedAt)
    })
  }
})

test.group('legacy _create_optimizer', () => {
  for (const c of OPTIMIZER_CASES) {
    test(`${JSON.stringify(c.config)} → ${String(c.expected.kind)}`, ({ assert }) => {
      assert.deepInclude(readModelTrainerSettings(c.config).optimizer, c.expected)
    })
  }

  test('torch refuses negative values; a non-mapping scheduler or early_stopping fails as the old .get did', ({
    assert,
  }) => {
    assert.throws(() => readModelTrainerSettings({ learning_rate: -1 }), 'ValueError: Invalid learning rate: -1')
    assert.throws(() => readModelTrainerSettings({ optimizer: 'sgd', momentum: -0.1 }), /Invalid momentum value/)
    assert.throws(() => readModelTrainerSettings({ weight_decay: -1 }), /Invalid weight_decay value: -1/)
    assert.throws(() => readModelTrainerSettings({ lr_scheduler: 'step' }), /AttributeError: .*lr_scheduler/)
    assert.throws(() => readModelTrainerSettings({ early_stopping: true }), /AttributeError: .*early_stopping/)
    assert.throws(
      () => readModelTrainerSettings({ lr_scheduler: { type: 'reduce_on_plateau', factor: 1 } }),
      /Factor should be < 1\.0/,
    )
    assert.isNull(readModelTrainerSettings({ lr_scheduler: false, early_stopping: {} }).lrScheduler)
    assert.isNull(readModelTrainerSettings({ optimizer: 'weird', weight_decay: 'not read' }).lrScheduler)
  })

  test('a step_size of 0 fails at the first scheduler step (Python modulo by zero)', ({ assert }) => {
    const settings = readModelTrainerSettings({ lr_scheduler: { type: 'step', step_size: 0 } })
    assert.throws(() => createLrScheduler(settings.lrScheduler!).step(0.1, 1), /ZeroDivisionError/)
  })
})
