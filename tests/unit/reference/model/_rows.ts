// Test fixture: random labelled rows and a fresh model on the fused runtime.
import { createModel, type CreatedModel } from '../../../../reference/model/create-model.ts'
import type { LabelledRows } from '../../../../reference/model/dataset.ts'
import { fusedRuntime } from '../../../../reference/runtime/fused-runtime.ts'
import { SeededRng } from '../../../../reference/runtime/rng.ts'
import { smallStrategy } from '../pipeline/fixtures.ts'

/** `rows` rows of `featureCount` uniform features, labels 0–2 and symbols 0…numSymbols−1, from their own seed. */
export function randomRows(rows: number, featureCount: number, numSymbols = 1, seed = 99): LabelledRows {
  const rng = new SeededRng(seed)
  const features = new Float32Array(rows * featureCount)
  for (let i = 0; i < features.length; i++) features[i] = rng.uniform()
  return {
    features,
    labels: Int32Array.from({ length: rows }, () => rng.intRange(0, 3)),
    symbolIndices: Int32Array.from({ length: rows }, (_, r) => r % numSymbols),
    rows,
    featureCount,
  }
}

/** A model of the small test strategy for `featureCount` features. */
export function smallModel(featureCount: number, numSymbols = 1, seed = 5, activation = 'relu'): CreatedModel {
  return createModel(smallStrategy({ activation }), featureCount, numSymbols, fusedRuntime, new SeededRng(seed))
}
