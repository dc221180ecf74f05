/**
 * Mean cross-entropy of a batch of logits and its gradient, in the shared numeric convention (BRIEF: float64
 * logsumexp = max + log Σ exp(l − max), rows summed in order, divided by rows). Used by every runtime for the
 * reported loss and by the fused runtime for dlogits (docs/legacy-behaviour.md §6.2: `CrossEntropyLoss()`, mean).
 */

/** Loss and argmax hits of one batch. */
export interface CrossEntropyResult {
  readonly loss: number
  readonly correct: number
}

/**
 * Computes the mean cross-entropy and correct-argmax count (first maximum wins, like `torch.argmax`).
 * When `dlogits` is given it receives (softmax − onehot) / rows, row-major, as float32.
 */
export function crossEntropy(
  logits: Float32Array,
  y: Int32Array,
  rows: number,
  cols: number,
  dlogits: Float32Array | null = null,
): CrossEntropyResult {
  let total = 0
  let correct = 0
  const invRows = 1 / rows
  const exps = new Float64Array(cols)
  for (let r = 0; r < rows; r++) {
    const base = r * cols
    let max = -Infinity
    let arg = 0
    for (let c = 0; c < cols; c++) {
      const l = logits[base + c]!
      if (l > max) {
        max = l
        arg = c
      }
    }
    let sum = 0
    for (let c = 0; c < cols; c++) {
      exps[c] = Math.exp(logits[base + c]! - max)
      sum += exps[c]!
    }
    const label = y[r]!
    total += max + Math.log(sum) - logits[base + label]!
    if (arg === label) correct++
    if (dlogits) {
      for (let c = 0; c < cols; c++) {
        const p = exps[c]! / sum
        dlogits[base + c] = (c === label ? p - 1 : p) * invRows
      }
    }
  }
  return { loss: total / rows, correct }
}
