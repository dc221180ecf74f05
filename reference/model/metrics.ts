/**
 * Classification metrics of the old evaluation code (docs/legacy-behaviour.md §6.2–§6.3), in the shared numeric
 * convention of the BRIEF: argmax (first maximum wins, like `torch.argmax`), accuracy = correct / rows,
 * cross-entropy through the runtime's float64 log-sum-exp, and sklearn's `average='weighted'`,
 * `zero_division=0` precision / recall / F1.
 */
import { crossEntropy } from '../runtime/cross-entropy.ts'

/** Number of classes of every model in this project (BUY, HOLD, SELL). */
export const CLASS_COUNT = 3

/** Weighted precision / recall / F1 of one prediction set. */
export interface WeightedScores {
  readonly precision: number
  readonly recall: number
  readonly f1_score: number
}

/** Accuracy, loss and weighted scores of logits against labels. */
export interface ClassificationReport extends WeightedScores {
  readonly accuracy: number
  readonly loss: number
}

/**
 * Row-wise argmax of rows × cols logits; the first maximum wins.
 */
export function argmaxRows(logits: Float32Array, rows: number, cols: number = CLASS_COUNT): Int32Array {
  const out = new Int32Array(rows)
  for (let r = 0; r < rows; r++) {
    let best = 0
    for (let c = 1; c < cols; c++) if (logits[r * cols + c]! > logits[r * cols + best]!) best = c
    out[r] = best
  }
  return out
}

/** correct / rows; 0 for no rows. */
export function accuracy(yTrue: Int32Array, yPred: Int32Array): number {
  if (yTrue.length === 0) return 0
  let correct = 0
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) correct++
  return correct / yTrue.length
}

/**
 * sklearn `precision_recall_fscore_support(average='weighted', zero_division=0)`: labels are the sorted union of
 * true and predicted classes; per-label scores are weighted by support and summed in label order.
 */
export function weightedScores(yTrue: Int32Array, yPred: Int32Array): WeightedScores {
  const labels = [...new Set([...yTrue, ...yPred])].sort((a, b) => a - b)
  let precision = 0
  let recall = 0
  let f1 = 0
  let support = 0
  for (const c of labels) {
    let tp = 0
    let fp = 0
    let fn = 0
    for (let i = 0; i < yTrue.length; i++) {
      const t = yTrue[i] === c
      const p = yPred[i] === c
      if (t && p) tp++
      else if (p) fp++
      else if (t) fn++
    }
    const n = tp + fn
    const pc = tp + fp > 0 ? tp / (tp + fp) : 0
    const rc = tp + fn > 0 ? tp / (tp + fn) : 0
    const fc = pc + rc > 0 ? (2 * pc * rc) / (pc + rc) : 0
    precision += n * pc
    recall += n * rc
    f1 += n * fc
    support += n
  }
  if (support === 0) return { precision: 0, recall: 0, f1_score: 0 }
  return { precision: precision / support, recall: recall / support, f1_score: f1 / support }
}

/**
 * Accuracy and mean cross-entropy (both from one `crossEntropy` pass, as the old full-batch evaluation) and
 * weighted scores of `rows` logits against `labels`; all zeros for no rows.
 */
export function classificationReport(logits: Float32Array, labels: Int32Array, rows: number): ClassificationReport {
  if (rows === 0) return { accuracy: 0, loss: 0, precision: 0, recall: 0, f1_score: 0 }
  const { loss, correct } = crossEntropy(logits, labels, rows, CLASS_COUNT)
  return { accuracy: correct / rows, loss, ...weightedScores(labels, argmaxRows(logits, rows)) }
}
