import { test } from '@japa/runner'
import { NO_HISTORY_ERROR, summarizeHistory } from '../../../../reference/model/training-summary.ts'

const record = (epoch: number, trainAcc: number, valAcc: number | null) => ({
  epoch,
  train_loss: 1 - trainAcc,
  train_accuracy: trainAcc,
  val_loss: valAcc === null ? null : 1 - valAcc,
  val_accuracy: valAcc,
  learning_rate: 0.001,
})

test.group('model/training-summary', () => {
  test('summarises the history with final and best figures', ({ assert }) => {
    const summary = summarizeHistory([record(0, 0.5, 0.6), record(1, 0.7, 0.55)], 1.5)
    assert.deepEqual(summary, {
      epochs_trained: 2,
      final_train_loss: 1 - 0.7,
      final_train_accuracy: 0.7,
      best_train_accuracy: 0.7,
      training_time: 1.5,
      history: {
        train_loss: [0.5, 1 - 0.7],
        train_accuracy: [0.5, 0.7],
        val_loss: [1 - 0.6, 1 - 0.55],
        val_accuracy: [0.6, 0.55],
      },
      final_val_loss: 1 - 0.55,
      final_val_accuracy: 0.55,
      best_val_accuracy: 0.6,
    })
  })

  test('leaves the validation keys out when no validation ran', ({ assert }) => {
    const summary = summarizeHistory([record(0, 0.5, null)], 0)
    assert.notProperty(summary, 'final_val_loss')
    assert.deepEqual((summary as { history: object }).history, { train_loss: [0.5], train_accuracy: [0.5] })
  })

  test('an empty history is the old error summary', ({ assert }) => {
    assert.deepEqual(summarizeHistory([], 0), { error: NO_HISTORY_ERROR })
  })
})
