import { test } from '@japa/runner'
import type { LabelledRows } from '../../../../legacy/local/trainer/dataset.ts'
import { ModelTrainer, type TrainingOutcome } from '../../../../legacy/local/trainer/model-trainer.ts'
import { LegacyEarlyStopping } from '../../../../legacy/local/trainer/early-stopping.ts'
import { createLrScheduler } from '../../../../legacy/local/trainer/lr-scheduler.ts'
import { readModelTrainerSettings } from '../../../../legacy/local/trainer/trainer-settings.ts'
import { fusedRuntime } from '../../../../reference/runtime/fused-runtime.ts'
import { SeededRng } from '../../../../reference/runtime/rng.ts'
import { initParameters, weightsSha256, type MlpSpec } from '../../../../reference/runtime/training-runtime.ts'
import { fixedClock, handMadeSymbol } from './fixtures.ts'

function rowsOf(symbol: string, n: number, seed: number): LabelledRows {
  const s = handMadeSymbol(symbol, n, 4, seed)
  return { features: s.features.values, labels: s.labels, symbolIndices: new Int32Array(n), rows: n, featureCount: 4 }
}

const spec: MlpSpec = {
  inputSize: 4,
  hiddenLayers: [6],
  outputSize: 3,
  activation: 'relu',
  dropout: 0.2,
  embedding: { numSymbols: 1, dim: 3 },
}

function train(
  seed: number,
  epochs: number,
  options: {
    training?: Record<string, unknown>
    validationRows?: number
    onEpoch?: (epoch: number) => void
    log?: (line: string) => void
  } = {},
): TrainingOutcome {
  const rng = new SeededRng(seed)
  const trainer = new ModelTrainer({
    settings: readModelTrainerSettings({ learning_rate: 0.08, batch_size: 8, epochs, ...options.training }),
    runtime: fusedRuntime,
    progressCallback: options.onEpoch
      ? (_epoch, _total, metrics) => {
          if (metrics.progress_type === 'epoch') options.onEpoch!(metrics.epoch)
        }
      : null,
    cancellationToken: null,
    clock: fixedClock(),
    warn: options.log ?? (() => {}),
  })
  const validation = rowsOf('A', options.validationRows ?? 30, 12)
  return trainer.trainMultiSymbol(spec, initParameters(spec, rng), rowsOf('A', 60, 11), validation, 1, rng)
}

test.group('legacy trainer / ModelTrainer (§6.2)', () => {
  test('quirk: Adam weight decay 1e-4 as L2 on the gradient', ({ assert }) => {
    const defaults = readModelTrainerSettings({ learning_rate: 0.01 })
    assert.equal(defaults.optimizer.weightDecay, 1e-4)
    assert.equal(readModelTrainerSettings({ optimizer: 'AdamW?' }).optimizer.weightDecay, 0, 'unknown name → Adam(lr)')
    assert.equal(readModelTrainerSettings({ optimizer: 'sgd' }).optimizer.weightDecay, 1e-4, 'sgd decays too')

    // Symbol 1's embedding row gets no data gradient when every row is symbol 0. With L2-on-gradient Adam its
    // gradient is wd·p, and Adam's normalisation turns that into a full lr-sized step toward 0 (AdamW would
    // move it by lr·wd·p ≈ 1e-6 only; no decay leaves it untouched).
    const twoSymbols: MlpSpec = { ...spec, dropout: 0, embedding: { numSymbols: 2, dim: 3 } }
    const step = (weightDecay: number) => {
      const params = initParameters(twoSymbols, new SeededRng(4))
      const settings = readModelTrainerSettings({ learning_rate: 0.01, weight_decay: weightDecay })
      const model = fusedRuntime.createModel(twoSymbols, params, settings.optimizer)
      const batch = rowsOf('A', 8, 13)
      model.trainStep({ x: batch.features, y: batch.labels, symbols: batch.symbolIndices, rows: 8 }, new SeededRng(1))
      const before = params[0]!.values.subarray(3, 6)
      const after = model.getParameters()[0]!.values.subarray(3, 6)
      return [...after].map((v, i) => v - before[i]!)
    }
    const before = initParameters(twoSymbols, new SeededRng(4))[0]!.values.subarray(3, 6)
    step(1e-4).forEach((delta, i) => assert.closeTo(delta, -0.01 * Math.sign(before[i]!), 2e-5))
    assert.deepEqual(step(0), [0, 0, 0])
  })

  test('quirk: best-model restore is a no-op (final weights kept)', ({ assert }) => {
    const epochs = 6
    // Find a seed whose best validation accuracy is strictly above the last epoch's.
    let seed = 1
    let outcome = train(seed, epochs)
    const bestEpoch = (o: TrainingOutcome) => {
      const acc = o.history.map((h) => h.val_accuracy!)
      return acc.indexOf(Math.max(...acc))
    }
    const lastIsBest = (o: TrainingOutcome) =>
      o.history[epochs - 1]!.val_accuracy! >= Math.max(...o.history.map((h) => h.val_accuracy!))
    while (lastIsBest(outcome)) outcome = train(++seed, epochs)
    const summary = outcome.summary as { best_val_accuracy: number; final_val_accuracy: number }
    assert.isAbove(summary.best_val_accuracy, summary.final_val_accuracy)

    const finalSha = weightsSha256(outcome.model.getParameters())
    const best = train(seed, bestEpoch(outcome) + 1)
    assert.notEqual(weightsSha256(best.model.getParameters()), finalSha, 'the best epoch had other weights')
    assert.equal(weightsSha256(train(seed, epochs).model.getParameters()), finalSha, 'the last epoch is what is kept')
    // The last epoch's validation accuracy is reproduced by the kept model.
    const val = rowsOf('A', 30, 12)
    const logits = outcome.model.predictLogits(val.features, val.rows, val.symbolIndices)
    let correct = 0
    for (let r = 0; r < val.rows; r++) {
      const row = [...logits.subarray(r * 3, r * 3 + 3)]
      if (row.indexOf(Math.max(...row)) === val.labels[r]) correct++
    }
    assert.equal(correct / val.rows, summary.final_val_accuracy)
  })

  test('history and summary keys follow _create_training_summary', ({ assert }) => {
    const outcome = train(2, 2)
    assert.lengthOf(outcome.history, 2)
    assert.deepEqual(Object.keys(outcome.summary), [
      'epochs_trained',
      'final_train_loss',
      'final_train_accuracy',
      'best_train_accuracy',
      'training_time',
      'history',
      'final_val_loss',
      'final_val_accuracy',
      'best_val_accuracy',
    ])
    assert.equal(outcome.history[1]!.learning_rate, 0.08)
  })
})

test.group('legacy trainer / ModelTrainer: scheduler and early stopping (§6.2)', () => {
  test('each epoch records the rate it trained with; scheduler.step runs after the record', ({ assert }) => {
    const outcome = train(3, 5, { training: { lr_scheduler: { type: 'step', step_size: 2, gamma: 0.5 } } })
    assert.deepEqual(
      outcome.history.map((h) => h.learning_rate),
      [0.08, 0.08, 0.04, 0.04, 0.02],
    )
    const constant = train(3, 5)
    assert.deepEqual(outcome.history.slice(0, 2), constant.history.slice(0, 2), 'same until the new rate trains')
    assert.notEqual(outcome.history[2]!.train_loss, constant.history[2]!.train_loss)
  })

  test('reduce_on_plateau steps on the training loss when there is no validation set', ({ assert }) => {
    const config = { type: 'reduce_on_plateau', factor: 0.5, patience: 0 } as const
    const outcome = train(4, 10, { training: { learning_rate: 0.3, lr_scheduler: config }, validationRows: 0 })
    const replay = createLrScheduler({ type: 'reduce_on_plateau', factor: 0.5, patience: 0 })
    let rate = 0.3
    const expected = outcome.history.map((h) => {
      const used = rate
      rate = replay.step(rate, h.train_loss)
      return used
    })
    assert.deepEqual(
      outcome.history.map((h) => h.learning_rate),
      expected,
    )
    assert.isBelow(Math.min(...expected), 0.3, 'the plateau reduced the rate at least once')
  })

  test('early stopping breaks after the scheduler step, before the epoch callback, with the old print', ({
    assert,
  }) => {
    const epochs: number[] = []
    const lines: string[] = []
    const early = { patience: 1, monitor: 'val_accuracy' }
    const outcome = train(5, 12, {
      training: { lr_scheduler: { type: 'exponential', gamma: 0.5 }, early_stopping: early },
      onEpoch: (e) => epochs.push(e),
      log: (line) => lines.push(line),
    })
    const replay = new LegacyEarlyStopping(early)
    const expectedStop = outcome.history.findIndex((h) => replay.check(h))
    assert.isAbove(expectedStop, 0)
    assert.isBelow(expectedStop, 11, 'stops before the last epoch')
    assert.strictEqual(outcome.stoppedEpoch, expectedStop)
    assert.lengthOf(outcome.history, expectedStop + 1, 'the stopping epoch is recorded')
    assert.deepEqual(
      epochs,
      Array.from({ length: expectedStop }, (_, i) => i),
      'the stopping epoch emits no epoch callback',
    )
    assert.deepEqual(lines, [`Early stopping triggered at epoch ${expectedStop}`])
    assert.include(outcome.summary, { epochs_trained: expectedStop + 1 })
    assert.strictEqual(outcome.history.at(-1)!.learning_rate, 0.08 * 0.5 ** expectedStop)
  })
})
