/**
 * Loads a model the refactored store saved, from the reference its save returned, through the store's public
 * `load` — the same call a user of the library makes.
 */
import type { TrainingRuntime } from '../../reference/runtime/training-runtime.ts'
import { ModelStorage, type ModelRef } from '../../reference/storage/model-storage.ts'
import type { Predictor } from './persisted-check.ts'

/** A predictor for the saved model `ref` in the store at `modelsDir`. */
export async function loadWithReferenceStorage(
  modelsDir: string,
  ref: ModelRef | null,
  runtime: TrainingRuntime,
): Promise<Predictor> {
  if (ref === null) throw new Error('the run reported a model_path but no model reference')
  const loaded = await new ModelStorage(modelsDir, { runtime }).load(ref, runtime)
  return (x, rows) => loaded.predict(x, rows)
}
