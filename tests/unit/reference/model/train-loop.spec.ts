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
import { EarlyStopping } from '../../../../reference/model/early-stopping.ts'
import { createLearningRateSchedule } from '../../../../reference/model/lr-schedule.ts'
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

test.group('model/train-loop: learning-rate schedule and early stopping', () => {
  test('each epoch records the rate it trained with; the step schedule changes it after the record', async ({
    assert,
  }) => {
    const outcome = await trainModel(
      smallModel(4),
      fusedRuntime,
      randomRows(40, 4),
      randomRows(10, 4, 1, 7),
      { ...SETTINGS, epochs: 5, lrScheduler: { type: 'step', stepSize: 2, gamma: 0.5 } },
      new SeededRng(1),
      fixedClock,
    )
    assert.deepEqual(
      outcome.history.map((h) => h.learning_rate),
      [0.005, 0.005, 0.0025, 0.0025, 0.00125],
    )
    assert.isNull(outcome.stoppedEpoch)
    const constant = await trainModel(
      smallModel(4),
      fusedRuntime,
      randomRows(40, 4),
      randomRows(10, 4, 1, 7),
      { ...SETTINGS, epochs: 5 },
      new SeededRng(1),
      fixedClock,
    )
    assert.deepEqual(outcome.history.slice(0, 2), constant.history.slice(0, 2), 'same until the new rate trains')
    assert.notEqual(outcome.history[2]!.train_loss, constant.history[2]!.train_loss)
  })

  test('reduce_on_plateau steps on the training loss when there is no validation set', async ({ assert }) => {
    const spec = { type: 'reduce_on_plateau', factor: 0.5, patience: 0 } as const
    const outcome = await trainModel(
      smallModel(4),
      fusedRuntime,
      randomRows(40, 4),
      randomRows(0, 4),
      { ...SETTINGS, learningRate: 0.05, epochs: 8, lrScheduler: spec },
      new SeededRng(3),
      fixedClock,
    )
    const replay = createLearningRateSchedule(spec)
    let rate = 0.05
    const expected = outcome.history.map((h) => {
      const used = rate
      rate = replay.next(rate, h.train_loss)
      return used
    })
    assert.deepEqual(
      outcome.history.map((h) => h.learning_rate),
      expected,
    )
    assert.isBelow(Math.min(...expected), 0.05, 'the plateau reduced the rate at least once')
  })

  test('early stopping ends training after the scheduler step and before the epoch hook', async ({ assert }) => {
    const epochs: number[] = []
    const settings = {
      ...SETTINGS,
      epochs: 12,
      lrScheduler: { type: 'exponential', gamma: 0.5 } as const,
      earlyStopping: { patience: 1, monitor: 'val_accuracy' },
    }
    const outcome = await trainModel(
      smallModel(4),
      fusedRuntime,
      randomRows(40, 4),
      randomRows(20, 4, 1, 7),
      settings,
      new SeededRng(2),
      fixedClock,
      { onEpoch: (p) => void epochs.push(p.epoch) },
    )
    const replay = new EarlyStopping(settings.earlyStopping)
    const expectedStop = outcome.history.findIndex((h) => replay.shouldStop(h))
    assert.isAbove(expectedStop, 0)
    assert.isBelow(expectedStop, 11, 'stops before the last epoch')
    assert.strictEqual(outcome.stoppedEpoch, expectedStop)
    assert.lengthOf(outcome.history, expectedStop + 1, 'the stopping epoch is recorded')
    assert.deepEqual(
      epochs,
      Array.from({ length: expectedStop }, (_, i) => i),
      'the stopping epoch reports no epoch progress',
    )
    assert.include(outcome.summary, { epochs_trained: expectedStop + 1 })
    assert.strictEqual(outcome.history.at(-1)!.learning_rate, 0.005 * 0.5 ** expectedStop)
  })

  test('progress_update_frequency: the batch hook runs for every N-th batch', async ({ assert }) => {
    const batches: number[] = []
    await trainModel(
      smallModel(4),
      fusedRuntime,
      randomRows(80, 4),
      randomRows(0, 4),
      { ...SETTINGS, epochs: 1, progressUpdateFrequency: 2 },
      new SeededRng(1),
      fixedClock,
      { onBatch: (p) => void batches.push(p.batch) },
    )
    assert.deepEqual(batches, [0, 2, 4])
  })
})
