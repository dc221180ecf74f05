/**
 * Loads a model the refactored store saved, given its version directory (`<base>/<strategy>/<stem>_v<N>`),
 * through the store's public `load` — the same call a user of the library makes.
 */
import { basename, dirname } from 'node:path'
import { ModelStorage } from '../../reference/storage/model-storage.ts'
import type { TrainingRuntime } from '../../reference/runtime/training-runtime.ts'
import type { Predictor } from './persisted-check.ts'

/** A predictor for the saved model at `modelPath`. */
export async function loadWithReferenceStorage(
  modelPath: string,
  symbols: readonly string[],
  timeframe: string,
  runtime: TrainingRuntime,
): Promise<Predictor> {
  const strategyDir = dirname(modelPath)
  const storage = new ModelStorage(dirname(strategyDir), { runtime })
  const loaded = await storage.load(basename(strategyDir), symbols, timeframe, basename(modelPath), runtime)
  return (x, rows) => loaded.predict(x, rows)
}
