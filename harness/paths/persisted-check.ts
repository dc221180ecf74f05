/**
 * Checks a saved model the way the refactoring plan (docs/architecture.md §6.10) asks ("model_path exists, loadable, … produce similar
 * predictions"): loads it with the path's own loader, predicts the test split of the run's combined rows with
 * embedding 0, and measures the greatest difference from the run's own predictions (NaN where both are NaN counts
 * as equal: the loaded model reproduces a run whose features carry NaN).
 */
import { existsSync } from 'node:fs'
import type { TrainingProbes } from '../../reference/runtime/probes.ts'
import type { PersistedModelCheck } from './types.ts'

/** Softmax predictions for `rows` rows of features (rows × F, row-major). */
export type Predictor = (x: Float32Array, rows: number) => Float32Array

/** The test split's feature rows (the tail of the combined rows, docs/legacy-behaviour.md §14 step 3). */
function testFeatures(probes: TrainingProbes): { x: Float32Array; rows: number } {
  const total = probes.combined.labels.length
  const width = total > 0 ? probes.combined.features.length / total : 0
  const start = probes.split.train + probes.split.validation
  return { x: probes.combined.features.slice(start * width), rows: total - start }
}

/** Runs the check on the model saved at `modelPath`; `load` reads that model and throws when it cannot. */
export async function checkPersistedModel(
  modelPath: string | null,
  probes: TrainingProbes,
  load: () => Promise<Predictor> | Predictor,
): Promise<PersistedModelCheck> {
  if (modelPath === null || !existsSync(modelPath)) {
    return {
      exists: false,
      loads: false,
      maxPredictionDifference: null,
      error: modelPath === null ? 'no model_path' : null,
    }
  }
  let predict: Predictor
  try {
    predict = await load()
  } catch (error) {
    return { exists: true, loads: false, maxPredictionDifference: null, error: (error as Error).message }
  }
  const { x, rows } = testFeatures(probes)
  const loaded = predict(x, rows)
  let max = 0
  for (let i = 0; i < loaded.length; i++) {
    const inRun = probes.predictions[i] ?? Number.NaN
    // A NaN the run itself predicted (NaN features) is reproduced when the loaded model predicts NaN there too.
    if (Number.isNaN(loaded[i]!) && Number.isNaN(inRun)) continue
    const d = Math.abs(loaded[i]! - inRun)
    max = Number.isNaN(d) ? Infinity : Math.max(max, d)
  }
  if (loaded.length !== probes.predictions.length) max = Infinity
  return { exists: true, loads: true, maxPredictionDifference: max, error: null }
}
