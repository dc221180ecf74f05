/**
 * A realistic `ModelStorage` save request for the storage reliability tests (issue 10): the shipped
 * neuro_mean_reversion strategy, a freshly initialised model of its architecture (9 features, 1 symbol) and the
 * training summary the pipeline writes. Weights come from `seed`, so each writer's version is recognisable.
 */
import { createModel } from '../../reference/model/create-model.ts'
import { fusedRuntime } from '../../reference/runtime/fused-runtime.ts'
import { SeededRng } from '../../reference/runtime/rng.ts'
import type { SaveModelRequest } from '../../reference/storage/model-files.ts'
import { loadStrategy } from '../../reference/strategy/load.ts'
import { RELIABILITY_STRATEGY_PATH } from './workspace.ts'

const FEATURES = ['rsi_oversold', 'rsi_neutral', 'rsi_overbought'].flatMap((name) => [
  name,
  `${name}_lag_1`,
  `${name}_lag_2`,
])

/** Symbols and timeframe of every request: the version stem is `AAPL_1h`. */
export const SAVE_STEM = 'AAPL_1h'

/**
 * @param seed - the weights (so each writer's version has its own weights digest)
 */
export function reliabilitySaveRequest(seed: number): SaveModelRequest {
  const strategy = loadStrategy(RELIABILITY_STRATEGY_PATH)
  const created = createModel(strategy, FEATURES.length, 1, fusedRuntime, new SeededRng(seed))
  created.model.dispose()
  return {
    strategy,
    symbols: ['AAPL'],
    timeframe: '1h',
    spec: created.spec,
    params: created.initialWeights,
    summary: {
      epochs_trained: 1,
      final_train_loss: 1,
      final_train_accuracy: 0.5,
      best_train_accuracy: 0.5,
      training_time: 0,
      history: { train_loss: [1], train_accuracy: [0.5] },
    },
    featureNames: FEATURES,
    featureImportance: null,
    runtimeName: fusedRuntime.name,
  }
}
