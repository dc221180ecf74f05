/**
 * Steps 10–12 of the old StrategyTrainer (docs/legacy-behaviour.md §6.3, §14 steps 6–8): test metrics,
 * per-symbol metrics on the validation split, and single-repeat permutation importance on the validation split —
 * all with `model(X)` and no symbol indices, i.e. the embedding of symbol 0 for every row.
 */
import type { TestMetrics } from '../../../reference/runtime/probes.ts'
import type { SeededRng } from '../../../reference/runtime/rng.ts'
import { softmaxRows, type RuntimeModel } from '../../../reference/runtime/training-runtime.ts'
import { accuracy, argmaxRows, weightedScores } from './classification-metrics.ts'
import type { LabelledRows } from './dataset.ts'
import { lossAndAccuracy } from './model-trainer.ts'

/** `_evaluate_model` output plus the softmax probabilities the harness probes. */
export interface TestEvaluation {
  readonly metrics: TestMetrics
  /** rows × 3 softmax of the test logits (empty without a test split). */
  readonly predictions: Float32Array
}

/** `_evaluate_model`: all zeros without a test split. */
export function evaluateModel(model: RuntimeModel, test: LabelledRows | null): TestEvaluation {
  if (test === null) {
    return {
      metrics: { test_accuracy: 0, test_loss: 0, precision: 0, recall: 0, f1_score: 0 },
      predictions: new Float32Array(0),
    }
  }
  const logits = model.predictLogits(test.features, test.rows, null)
  const { loss, accuracy: acc } = lossAndAccuracy(logits, test.labels, test.rows)
  const scores = weightedScores(test.labels, argmaxRows(logits, test.rows, 3))
  return {
    metrics: {
      test_accuracy: acc,
      test_loss: loss,
      precision: scores.precision,
      recall: scores.recall,
      f1_score: scores.f1,
    },
    predictions: softmaxRows(logits, test.rows, 3),
  }
}

/** One symbol's validation metrics (`_evaluate_per_symbol_performance`). */
export interface SymbolMetrics {
  readonly accuracy: number
  readonly precision: number
  readonly recall: number
  readonly f1_score: number
  readonly sample_count: number
}

/** Per symbol (request order) on the validation rows of that symbol; zeros when it has none. */
export function evaluatePerSymbolPerformance(
  model: RuntimeModel,
  validation: LabelledRows,
  symbols: readonly string[],
): Record<string, SymbolMetrics> {
  const predicted =
    validation.rows > 0
      ? argmaxRows(model.predictLogits(validation.features, validation.rows, null), validation.rows, 3)
      : new Int32Array(0)
  const out: Record<string, SymbolMetrics> = {}
  symbols.forEach((symbol, s) => {
    const yTrue: number[] = []
    const yPred: number[] = []
    validation.symbolIndices.forEach((v, i) => {
      if (v === s) {
        yTrue.push(validation.labels[i]!)
        yPred.push(predicted[i]!)
      }
    })
    if (yTrue.length === 0) {
      out[symbol] = { accuracy: 0, precision: 0, recall: 0, f1_score: 0, sample_count: 0 }
      return
    }
    const t = Int32Array.from(yTrue)
    const p = Int32Array.from(yPred)
    const scores = weightedScores(t, p)
    out[symbol] = {
      accuracy: accuracy(t, p),
      precision: scores.precision,
      recall: scores.recall,
      f1_score: scores.f1,
      sample_count: t.length,
    }
  })
  return out
}

/**
 * `_calculate_feature_importance`: baseline validation accuracy minus the accuracy with column i replaced by
 * `X[randperm(n), i]`, one permutation per feature in name order (can be negative). No validation rows → {}.
 */
export function calculateFeatureImportance(
  model: RuntimeModel,
  validation: LabelledRows,
  featureNames: readonly string[],
  rng: SeededRng,
): Record<string, number> {
  const n = validation.rows
  if (n === 0) return {}
  const f = validation.featureCount
  const score = (x: Float32Array): number =>
    accuracy(validation.labels, argmaxRows(model.predictLogits(x, n, null), n, 3))
  const baseline = score(validation.features)
  const importance: Record<string, number> = {}
  featureNames.forEach((name, i) => {
    const perm = rng.randperm(n)
    const permuted = validation.features.slice()
    for (let r = 0; r < n; r++) permuted[r * f + i] = validation.features[perm[r]! * f + i]!
    importance[name] = baseline - score(permuted)
  })
  return importance
}
