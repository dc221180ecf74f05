/**
 * Test-set evaluation of the old `_evaluate_model` (docs/legacy-behaviour.md §6.3; §14 step 6): one
 * eval-mode forward WITHOUT symbol indices (embedding 0 for every row), accuracy, cross-entropy and weighted
 * precision / recall / F1; all zeros when there is no test split.
 */
import type { TestMetrics } from '../runtime/probes.ts'
import { softmaxRows, type RuntimeModel } from '../runtime/training-runtime.ts'
import type { LabelledRows } from './dataset.ts'
import { CLASS_COUNT, classificationReport } from './metrics.ts'

/** Test metrics and the softmax probabilities (rows × 3) they came from. */
export interface Evaluation {
  readonly metrics: TestMetrics
  readonly predictions: Float32Array
}

/**
 * Evaluates `model` on `test` the old way (symbol indices ignored).
 */
export function evaluateModel(model: RuntimeModel, test: LabelledRows): Evaluation {
  if (test.rows === 0) {
    return {
      metrics: { test_accuracy: 0, test_loss: 0, precision: 0, recall: 0, f1_score: 0 },
      predictions: new Float32Array(0),
    }
  }
  const logits = model.predictLogits(test.features, test.rows, null)
  const report = classificationReport(logits, test.labels, test.rows)
  return {
    metrics: {
      test_accuracy: report.accuracy,
      test_loss: report.loss,
      precision: report.precision,
      recall: report.recall,
      f1_score: report.f1_score,
    },
    predictions: softmaxRows(logits, test.rows, CLASS_COUNT),
  }
}
