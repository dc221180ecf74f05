/**
 * The tensor triple the old StrategyTrainer passed around after step 6 — features (rows × F, row-major float32),
 * labels and symbol indices — and the row gather every later step uses.
 */

/** Rows of (features, label, symbol index); `features` is `rows × featureCount` row-major. */
export interface LabelledRows {
  readonly features: Float32Array
  readonly labels: Int32Array
  readonly symbolIndices: Int32Array
  readonly rows: number
  readonly featureCount: number
}

/** One symbol's model inputs: the float32 feature matrix and its ZigZag labels (docs/legacy-behaviour.md §4.3, §5.1). */
export interface SymbolTrainingInput {
  readonly symbol: string
  readonly featureNames: readonly string[]
  /** rows × featureNames.length, row-major. */
  readonly features: Float32Array
  readonly labels: Int32Array
}

/** `rows[picks]`: a new set holding rows `picks[0], picks[1], …` of `source`, in that order. */
export function gatherRows(source: LabelledRows, picks: ArrayLike<number>): LabelledRows {
  const f = source.featureCount
  const features = new Float32Array(picks.length * f)
  const labels = new Int32Array(picks.length)
  const symbolIndices = new Int32Array(picks.length)
  for (let k = 0; k < picks.length; k++) {
    const r = picks[k]!
    features.set(source.features.subarray(r * f, (r + 1) * f), k * f)
    labels[k] = source.labels[r]!
    symbolIndices[k] = source.symbolIndices[r]!
  }
  return { features, labels, symbolIndices, rows: picks.length, featureCount: f }
}

/** The contiguous slice `[start, end)` of `source` (a copy), bounds clamped to the rows like a Python slice. */
export function sliceRows(source: LabelledRows, from: number, to: number): LabelledRows {
  const f = source.featureCount
  const start = Math.min(Math.max(from, 0), source.rows)
  const end = Math.min(Math.max(to, start), source.rows)
  return {
    features: source.features.slice(start * f, end * f),
    labels: source.labels.slice(start, end),
    symbolIndices: source.symbolIndices.slice(start, end),
    rows: end - start,
    featureCount: f,
  }
}
