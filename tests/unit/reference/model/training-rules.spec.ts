// The reference's learning-rate schedules, early stopping and optimiser choice on the fixed cases of
// tests/fixtures/training-rules.ts: each `model.training` dict goes through the strategy loader, then the schedule
// is fed the fixed per-epoch values and must give the old learning rates; early stopping must stop at the old
// epoch.
import { test } from '@japa/runner'
import { buildOptimizer } from '../../../../reference/model/architecture.ts'
import { OPTIMIZER_CASES, SCHEDULE_CASES, STOPPING_CASES } from '../../../fixtures/training-rules.ts'
import { loadTraining, referenceRates, referenceStop } from '../../../fixtures/training-rules-apply.ts'

test.group('reference learning-rate schedules (fixed losses → old learning rates)', () => {
  for (const c of SCHEDULE_CASES) {
    test(c.title, ({ assert }) => {
      assert.deepEqual(referenceRates(c.config, c.metrics), [...c.rates])
    })
  }
})

test.group('reference early stopping (fixed validation figures → old stopping epoch)', () => {
  for (const c of STOPPING_CASES) {
    test(c.title, ({ assert }) => {
      assert.strictEqual(referenceStop(c.config, c.epochs), c.stoppedAt)
    })
  }
})

test.group('reference optimiser choice', () => {
  for (const c of OPTIMIZER_CASES) {
    test(`${JSON.stringify(c.config)} → ${String(c.expected.kind)}`, ({ assert }) => {
      assert.deepInclude(buildOptimizer(loadTraining(c.config)), c.expected)
    })
  }
})
