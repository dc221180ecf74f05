import { test } from '@japa/runner'
import { LegacyTrainingSession, type LegacySessionConfig } from '../../../../legacy/host/session.ts'

function config(training: Record<string, unknown>): LegacySessionConfig {
  return { model_config: {}, training_config: training, data_config: {}, gpu_config: {} }
}

function batch(session: LegacyTrainingSession, epoch: number, n: number, total: number): void {
  session.updateProgress(epoch, n, {
    loss: 1 / n,
    accuracy: 0.5,
    device: 'cpu',
    completed_batches: n,
    total_batches: total,
  })
}

test.group('legacy host: TrainingSession progress (docs/legacy-behaviour.md §9.2, §13)', () => {
  test('before training: epoch 0, message "Initializing", items_total null, total_epochs default 100', ({ assert }) => {
    const session = new LegacyTrainingSession('s', config({}), () => 0)
    assert.deepEqual(session.getProgressDict(), {
      epoch: 0,
      total_epochs: 100,
      batch: 0,
      total_batches: 0,
      progress_percent: 0,
      items_processed: 0,
      items_total: null,
      message: 'Initializing',
      current_item: 'Initializing',
    })
  })

  test('batch index is a monotonic maximum; items are cumulative; the message caps them at the epoch total', ({
    assert,
  }) => {
    const session = new LegacyTrainingSession('s', config({ epochs: 2 }), () => 0)
    for (let n = 1; n <= 3; n++) batch(session, 0, n, 3)
    session.updateProgress(1, 3, {
      epoch_loss: 0.4,
      epoch_accuracy: 0.6,
      device: 'cpu',
      total_batches: 3,
      completed_batches: 3,
    })
    batch(session, 1, 1, 3)
    const p = session.getProgressDict()
    assert.equal(p.batch, 3)
    assert.equal(p.epoch, 2)
    assert.equal(p.items_processed, 4)
    assert.equal(p.items_total, 6)
    assert.closeTo(p.progress_percent, (4 / 6) * 100, 1e-12)
    assert.equal(p.message, 'Epoch 2/2 \u00b7 Batch 3/3')
    assert.equal(p.current_item, 'Batch 3/3')
  })

  test('every metric value is appended to its history list; best keeps min for losses, max otherwise', ({ assert }) => {
    const session = new LegacyTrainingSession('s', config({ epochs: 1 }), () => 0)
    batch(session, 0, 1, 2)
    batch(session, 0, 2, 2)
    assert.deepEqual(session.metrics.loss, [1, 0.5])
    assert.deepEqual(session.metrics.device, ['cpu', 'cpu'])
    assert.deepEqual(session.metrics.completed_batches, [1, 2])
    assert.equal(session.bestMetrics.loss, 0.5)
    assert.equal(session.bestMetrics.completed_batches, 2)
  })

  test('a non-numeric epochs value makes the progress dict raise Python’s TypeError text', ({ assert }) => {
    const session = new LegacyTrainingSession('s', config({ epochs: 'ten' }), () => 0)
    assert.throws(() => session.getProgressDict(), "'>' not supported between instances of 'str' and 'int'")
  })
})
