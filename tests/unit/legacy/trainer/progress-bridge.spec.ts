import { test } from '@japa/runner'
import { CancellationError, CancellationToken } from '../../../../legacy/local/trainer/cancellation.ts'
import { TrainingProgressBridge, type LegacyProgressUpdate } from '../../../../legacy/local/trainer/progress-bridge.ts'
import { buildTrainingContext } from '../../../../legacy/local/trainer/training-context.ts'
import { tinyStrategy } from './fixtures.ts'

function bridgeFor(epochs: number, token: CancellationToken | null = null, progress: object = {}) {
  const config = tinyStrategy({ training: { epochs, progress } })
  const context = buildTrainingContext({
    operationId: null,
    strategyPath: 'tiny.yaml',
    config,
    symbols: ['A'],
    timeframes: ['1h'],
    startDate: null,
    endDate: null,
  })
  const updates: LegacyProgressUpdate[] = []
  const bridge = new TrainingProgressBridge({ context, cancellationToken: token, onUpdate: (u) => updates.push(u) })
  return { bridge, updates }
}

/** The batch metrics train_multi_symbol sends. */
function batchMetrics(epoch: number, batch: number, bpe: number, epochs: number) {
  return {
    epoch,
    total_epochs: epochs,
    batch,
    total_batches_per_epoch: bpe,
    completed_batches: epoch * bpe + batch,
    total_batches: epochs * bpe,
    train_loss: 1,
    train_accuracy: 0.5,
    progress_type: 'batch',
    multi_symbol: true,
  }
}

test.group('legacy trainer / TrainingProgressBridge (§9.1)', () => {
  test('batch throttling: first, 1, bpe−1, bpe, last overall, every 10th', ({ assert }) => {
    const { bridge, updates } = bridgeFor(2)
    for (let e = 0; e < 2; e++) {
      for (let b = 0; b < 25; b++) bridge.onBatch(e, b, 25, batchMetrics(e, b, 25, 2))
    }
    assert.deepEqual(
      updates.map((u) => u.message),
      [1, 10, 20, 24, 25]
        .flatMap((b) => `Epoch 1/2 \u00b7 Batch ${b}/25`)
        .concat([1, 10, 20, 24, 25].map((b) => `Epoch 2/2 \u00b7 Batch ${b}/25`)),
    )
    const tenth = updates[1]!
    assert.equal(tenth.items_processed, 10)
    assert.equal(tenth.percentage, 20)
    assert.equal(tenth.total_items, 50)
    assert.equal(tenth.step, 0)
    assert.include(tenth.context, {
      phase: 'batch',
      epoch_index: 1,
      total_epochs: 2,
      batch_index: 9,
      batch_number: 10,
      batch_total_per_epoch: 25,
      current_item: 'Epoch 1 \u00b7 Batch 10/25',
    })
    assert.equal(updates[3]!.context.batch_index, 24, 'the bpe−1 update shows batch_number as its index')
    assert.equal(updates.at(-1)!.percentage, 100)
  })

  test('stride from model.training.progress.batch_stride', ({ assert }) => {
    const { bridge, updates } = bridgeFor(1, null, { batch_stride: 4 })
    for (let b = 0; b < 12; b++) bridge.onBatch(0, b, 12, batchMetrics(0, b, 12, 1))
    assert.deepEqual(
      updates.map((u) => u.context.batch_number),
      [1, 4, 8, 11, 12],
    )
  })

  test('epoch, phase and completion updates', ({ assert }) => {
    const { bridge, updates } = bridgeFor(2)
    bridge.onPhase('data_preparation')
    bridge.onBatch(0, 0, 4, batchMetrics(0, 0, 4, 2))
    bridge.onEpoch(0, 2, { epoch: 0, total_epochs: 2, train_loss: 1, progress_type: 'epoch' })
    bridge.onComplete()
    assert.deepEqual(
      updates.map((u) => [u.phase, u.message, u.percentage, u.items_processed, u.step]),
      [
        ['phase', 'Data Preparation', 0, 0, 0],
        ['batch', 'Epoch 1/2 \u00b7 Batch 1/4', 12.5, 1, 0],
        ['epoch', 'Epoch 1/2', 12.5, 1, 1],
        ['completed', 'Training complete', 100, 8, 2],
      ],
    )
    assert.deepEqual(updates[0]!.context, { phase: 'phase', phase_name: 'data_preparation' })
  })

  test('every method but on_cancellation raises once the token is set', ({ assert }) => {
    const token = new CancellationToken()
    const { bridge, updates } = bridgeFor(1, token)
    token.cancel()
    assert.throws(() => bridge.onPhase('cancelled'), CancellationError)
    assert.throws(() => bridge.onBatch(0, 0, 1, {}), CancellationError)
    assert.throws(() => bridge.onEpoch(0, 1, {}), CancellationError)
    assert.throws(() => bridge.onComplete(), CancellationError)
    bridge.onCancellation()
    assert.deepEqual(
      updates.map((u) => [u.message, u.context.phase_name]),
      [['Training cancelled', 'cancelled']],
    )
  })
})
