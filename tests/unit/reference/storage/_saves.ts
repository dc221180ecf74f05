// Test fixture: a save request for a small trained-looking model, and a child-process saver.
import { createModel } from '../../../../reference/model/create-model.ts'
import { fusedRuntime } from '../../../../reference/runtime/fused-runtime.ts'
import { SeededRng } from '../../../../reference/runtime/rng.ts'
import type { SaveModelRequest } from '../../../../reference/storage/model-files.ts'
import { smallStrategy } from '../pipeline/fixtures.ts'

/** A save request for strategy `small_test_strategy`, symbols AAPL+MSFT at 1h, weights drawn from `seed`. */
export function saveRequest(seed = 1): SaveModelRequest {
  const strategy = smallStrategy()
  const created = createModel(strategy, 6, 2, fusedRuntime, new SeededRng(seed))
  return {
    strategy,
    symbols: ['AAPL', 'MSFT'],
    timeframe: '1h',
    spec: created.spec,
    params: created.initialWeights,
    summary: {
      epochs_trained: 1,
      final_train_loss: 1.1,
      final_train_accuracy: 0.5,
      best_train_accuracy: 0.5,
      training_time: 0.1,
      history: { train_loss: [1.1], train_accuracy: [0.5], val_loss: [1.2], val_accuracy: [0.4] },
      final_val_loss: 1.2,
      final_val_accuracy: 0.4,
      best_val_accuracy: 0.4,
    },
    featureNames: ['a_1', 'a_2', 'b_1', 'b_2', 'c_1', 'c_2'],
    featureImportance: { a_1: 0.1 },
    runtimeName: 'cpu-fused',
  }
}
