import { test } from '@japa/runner'
import {
  NAN_LOSS_ERROR,
  trainModel,
  type BatchProgress,
  type EpochProgress,
} from '../../../../reference/model/train-loop.ts'
import { TrainingCancelledError } from '../../../../reference/pipeline/errors.ts'
import { fusedRuntime } from '../../../../reference/runtime/fused-runtime.ts'
import { SeededRng } from '../../../../reference/runtime/rng.ts'
import { weightsSha256 } from '../../../../reference/runtime/training-runtime.ts'
import { fixedClock } from '../pipeline/fixtures.ts'
import { randomRows, smallModel } from './_rows.ts'

const SETTINGS = { epochs: 3, batchSize: 16, learningRate: 0.005, numSymbols: 1 }

test.group('model/train-loop', () => {
  test('reports every batch and epoch with the old metric fields', async ({ assert }) => {
    const batches: BatchProgress[] = []
    const epochs: EpochProgress[] = []
    const outcome = await trainModel(
      smallModel(4),
      fusedRuntime,
      randomRows(40, 4),
      randomRows(10, 4, 1, 7),
      SETTINGS,
      new SeededRng(1),
      fixedClock,
      {
        onBatch: (p) => void batches.push(p),
        onEpoch: (p) => void epochs.push(p),
      },
    )
    assert.lengthOf(batches, 9)
    assert.deepInclude(batches[4]!, {
      epoch: 1,
      batch: 1,
      total_batches_per_epoch: 3,
      completed_batches: 4,
      total_batches: 9,
    })
    assert.deepEqual(
      epochs.map((e) => e.epoch),
      [0, 1, 2],
    )
    assert.equal(epochs[2]!.train_loss, outcome.history[2]!.train_loss)
    assert.equal(outcome.history[2]!.learning_rate, 0.005)
    assert.include(outcome.summary, { epochs_trained: 3, training_time: 0 })
  })

  test('awaits a hook that returns a promise before the next batch', async ({ assert }) => {
    const order: string[] = []
    await trainModel(
      smallModel(4),
      fusedRuntime,
      randomRows(20, 4),
      randomRows(0, 4),
      { ...SETTINGS, epochs: 1 },
      new SeededRng(1),
      fixedClock,
      {
        onBatch: async (p) => {
          await new Promise((r) => setTimeout(r, 5))
          order.push(`batch ${p.batch} done`)
        },
        isCancelled: () => {
          order.push('check')
          return false
        },
      },
    )
    assert.deepEqual(order, ['check', 'check', 'batch 0 done', 'check', 'batch 1 done'])
  })

  test('is deterministic for a seed', async ({ assert }) => {
    const run = async () => {
      const outcome = await trainModel(
        smallModel(4),
        fusedRuntime,
        randomRows(40, 4),
        randomRows(10, 4),
        SETTINGS,
        new SeededRng(3),
        fixedClock,
      )
      return weightsSha256(outcome.model.getParameters())
    }
    assert.equal(await run(), await run())
  })

  test('cancellation at an epoch start throws TrainingCancelledError naming the checkpoint', async ({ assert }) => {
    let epochsSeen = 0
    const promise = trainModel(
      smallModel(4),
      fusedRuntime,
      randomRows(40, 4),
      randomRows(10, 4),
      SETTINGS,
      new SeededRng(1),
      fixedClock,
      {
        onEpoch: () => void epochsSeen++,
        isCancelled: () => epochsSeen >= 2,
      },
    )
    await assert.rejects(() => promise, TrainingCancelledError)
    const error = await promise.catch((e: unknown) => e)
    assert.equal((error as TrainingCancelledError).where, 'epoch 2 start')
  })

  test('cancellation at a batch start stops within that batch', async ({ assert }) => {
    let batches = 0
    const error = await trainModel(
      smallModel(4),
      fusedRuntime,
      randomRows(40, 4),
      randomRows(10, 4),
      SETTINGS,
      new SeededRng(1),
      fixedClock,
      {
        onBatch: () => void batches++,
        isCancelled: () => batches === 2,
      },
    ).catch((e: unknown) => e)
    assert.instanceOf(error, TrainingCancelledError)
    assert.equal((error as TrainingCancelledError).where, 'epoch 0 batch 2 start')
  })

  test('a NaN loss on the first batch (NaN features through tanh) returns the error summary and the initial weights', async ({
    assert,
  }) => {
    const train = randomRows(20, 4)
    train.features.fill(Number.NaN)
    const created = smallModel(4, 1, 5, 'tanh')
    const outcome = await trainModel(
      created,
      fusedRuntime,
      train,
      randomRows(5, 4),
      SETTINGS,
      new SeededRng(1),
      fixedClock,
    )
    assert.deepEqual(outcome.summary, { error: NAN_LOSS_ERROR })
    assert.lengthOf(outcome.history, 0)
    assert.equal(weightsSha256(outcome.model.getParameters()), weightsSha256(created.initialWeights))
  })

  test('an epoch without a training batch fails like the old ZeroDivisionError', async ({ assert }) => {
    await assert.rejects(
      () =>
        trainModel(
          smallModel(4, 2),
          fusedRuntime,
          randomRows(3, 4, 2),
          randomRows(0, 4),
          { ...SETTINGS, numSymbols: 2, batchSize: 8 },
          new SeededRng(1),
          fixedClock,
        ),
      'no training batch in epoch 0: 3 training rows, batch size 8, 2 symbols',
    )
  })
})
