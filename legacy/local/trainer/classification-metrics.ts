/**
 * The evaluation arithmetic of the old StrategyTrainer: `torch.max(outputs, 1)` class picks, accuracy, and
 * sklearn's weighted precision / recall / F1 with `zero_division=0` (docs/legacy-behaviour.md §6.3), in the operation
 * order of BRIEF "Shared numeric conventions".
 */

/** Argmax per row of `rows × cols` logits; the first maximum wins. */
export function argmaxRows(logits: Float32Array, rows: number, cols: number): Int32Array {
  const out = new Int32Array(rows)
  for (let r = 0; r < rows; r++) {
    let best = 0
    let max = logits[r * cols]!
    for (let c = 1; c < cols; c++) {
      const v = logits[r * cols + c]!
      if (v > max) {
        max = v
        best = c
      }
    }
    out[r] = best
  }
  return out
}

/** correct / rows (0 rows → NaN, as a mean over nothing). */
export function accuracy(yTrue: Int32Array, yPred: Int32Array): number {
  let correct = 0
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) correct++
  return correct / yTrue.length
}

/** Weighted precision, recall and F1 over the labels present in `yTrue ∪ yPred`. */
export interface WeightedScores {
  readonly precision: number
  readonly recall: number
  readonly f1: number
}

/**
 * sklearn `precision_score` / `recall_score` / `f1_score` with `average='weighted', zero_division=0`: per sorted
 * label the tp / fp / fn counts; weights are the true supports.
 */
export function weightedScores(yTrue: Int32Array, yPred: Int32Array): WeightedScores {
  const labels = [...new Set([...yTrue, ...yPred])].sort((a, b) => a - b)
  let p = 0
  let r = 0
  let f = 0
  let support = 0
  for (const c of labels) {
    let tp = 0
    let fp = 0
    let fn = 0
    for (let i = 0; i < yTrue.length; i++) {
      const t = yTrue[i] === c
      const q = yPred[i] === c
      if (t && q) tp++
      else if (q) fp++
      else if (t) fn++
    }
    const precision = tp + fp > 0 ? tp / (tp + fp) : 0
    const recall = tp + fn > 0 ? tp / (tp + fn) : 0
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0
    const s = tp + fn
    p += s * precision
    r += s * recall
    f += s * f1
    support += s
  }
  if (support === 0) return { precision: 0, recall: 0, f1: 0 }
  return { precision: p / support, recall: r / support, f1: f / support }
}
