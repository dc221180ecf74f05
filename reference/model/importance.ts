/**
 * Permutation feature importance on the VALIDATION split (docs/legacy-behaviour.md §6.3; §14 step 8):
 * baseline accuracy minus the accuracy with one column permuted (one `randperm` per feature, in name order,
 * a single repeat, no symbol indices). Values can be negative.
 */
import type { SeededRng } from '../runtime/rng.ts'
import type { RuntimeModel } from '../runtime/training-runtime.ts'
import type { LabelledRows } from './dataset.ts'
import { accuracy, argmaxRows } from './metrics.ts'

/**
 * Importance per feature name; `{}` when there are no validation rows.
 *
 * @param featureNames - one name per feature column, in column order
 */
export function computeFeatureImportance(
  model: RuntimeModel,
  validation: LabelledRows,
  featureNames: readonly string[],
  rng: SeededRng,
): Record<string, number> {
  const { rows, featureCount: f, features, labels } = validation
  if (rows === 0) return {}
  const accuracyOf = (x: Float32Array): number => accuracy(labels, argmaxRows(model.predictLogits(x, rows, null), rows))
  const baseline = accuracyOf(features)
  const importance: Record<string, number> = {}
  featureNames.forEach((name, i) => {
    const perm = rng.randperm(rows)
    const permuted = features.slice()
    for (let r = 0; r < rows; r++) permuted[r * f + i] = features[perm[r]! * f + i]!
    importance[name] = baseline - accuracyOf(permuted)
  })
  return importance
}
