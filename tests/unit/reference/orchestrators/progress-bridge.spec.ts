import { test } from '@japa/runner'
import type { BatchProgress, EpochProgress } from '../../../../reference/model/train-loop.ts'
import {
  batchStrideOf,
  ProgressBridge,
  type ProgressUpdate,
} from '../../../../reference/orchestrators/progress-bridge.ts'
import { parseStrategy } from '../../../../reference/strategy/load.ts'
import { smallStrategy, smallStrategyYaml } from '../pipeline/fixtures.ts'

const batch = (epoch: number, b: number, bpe: number, epochs: number): BatchProgress => ({
  epoch,
  total_epochs: epochs,
  batch: b,
  total_batches_per_epoch: bpe,
  completed_batches: epoch * bpe + b,
  total_batches: epochs * bpe,
  train_loss: 1,
  train_accuracy: 0.5,
  progress_type: 'batch',
})

const epochEnd = (epoch: number, epochs: number): EpochProgress => ({
  epoch,
  total_epochs: epochs,
  train_loss: 1,
  train_accuracy: 0.5,
  val_loss: null,
  val_accuracy: null,
  progress_type: 'epoch',
})

/** Feeds a whole run of `epochs` × `bpe` batches and returns what the bridge emitted. */
function simulate(epochs: number, bpe: number, stride: number): ProgressUpdate[] {
  const updates: ProgressUpdate[] = []
  const bridge = new ProgressBridge({ onUpdate: (u) => void updates.push(u), batchStride: stride })
  bridge.onPhase('initializing', 'Preparing training environment')
  bridge.onPhase('data_preparation', 'Loading market data')
  bridge.onPhase('training', 'Training model')
  for (let e = 0; e < epochs; e++) {
    for (let b = 0; b < bpe; b++) bridge.onBatch(batch(e, b, bpe, epochs))
    bridge.onEpoch(epochEnd(e, epochs))
  }
  bridge.onPhase('evaluation', 'Evaluating model')
  bridge.onComplete()
  return updates
}

test.group('orchestrators/progress-bridge', () => {
  test('throttles batches by the old stride rule', ({ assert }) => {
    const batches = simulate(2, 25, 10).filter((u) => u.kind === 'batch')
    assert.deepEqual(
      batches.map((u) => `${u.epoch}:${u.batch}`),
      ['1:1', '1:10', '1:20', '1:24', '1:25', '2:1', '2:10', '2:20', '2:24', '2:25'],
    )
    assert.equal(batches[1]!.message, 'Epoch 1/2 · Batch 10/25')
  })

  test('percentages are items / total batches, never decrease, and end at 100', ({ assert }) => {
    const updates = simulate(3, 7, 2)
    const percentages = updates.map((u) => u.percentage)
    percentages.slice(1).forEach((p, i) => assert.isAtLeast(p, percentages[i]!))
    const firstEpoch = updates.find((u) => u.kind === 'epoch')!
    assert.closeTo(firstEpoch.percentage, (7 / 21) * 100, 1e-12)
    assert.deepInclude(updates.at(-1)!, { phase: 'completed', percentage: 100, itemsProcessed: 21 })
    assert.equal(updates[0]!.percentage, 0)
  })

  test('emits cancelled (and only one terminal update)', ({ assert }) => {
    const updates: ProgressUpdate[] = []
    const bridge = new ProgressBridge({ onUpdate: (u) => void updates.push(u) })
    bridge.onBatch(batch(0, 0, 4, 2))
    bridge.onCancelled('Training cancelled (epoch 1 start)')
    bridge.onFailed('late')
    assert.deepEqual(
      updates.map((u) => u.phase),
      ['training', 'cancelled'],
    )
    assert.equal(updates[1]!.percentage, updates[0]!.percentage)
  })

  test('batchStrideOf reads model.training.progress.batch_stride, else 10; the loader refuses a stride below 1', ({
    assert,
  }) => {
    assert.equal(batchStrideOf(smallStrategy()), 10)
    const withStride = (stride: string) =>
      smallStrategyYaml().replace(
        '    optimizer: adam',
        `    optimizer: adam\n    progress: { batch_stride: ${stride} }`,
      )
    assert.equal(batchStrideOf(parseStrategy(withStride('3'), '<t>')), 3)
    assert.throws(
      () => parseStrategy(withStride('0'), '<t>'),
      '<t>: model.training.progress.batch_stride: expected an integer in [1, 9007199254740991], got 0',
    )
  })
})
