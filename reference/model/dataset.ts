/**
 * The labelled row set the model stages work on: float32 features (rows × featureCount, row-major), class labels
 * and the symbol index of every row (docs/legacy-behaviour.md §4.4, §6.3). Owns row gathering and slicing only.
 */

/** Rows of features with their labels and symbol indices. */
export interface LabelledRows {
  /** rows × featureCount, row-major. */
  readonly features: Float32Array
  /** Class per row: BUY 0, HOLD 1, SELL 2. */
  readonly labels: Int32Array
  /** Symbol index (request order) per row. */
  readonly symbolIndices: Int32Array
  readonly rows: number
  readonly featureCount: number
}

/**
 * Copies the rows at `positions` (in that order) into a new set.
 */
export function gatherRows(set: LabelledRows, positions: ArrayLike<number>): LabelledRows {
  const f = set.featureCount
  const rows = positions.length
  const features = new Float32Array(rows * f)
  const labels = new Int32Array(rows)
  const symbolIndices = new Int32Array(rows)
  for (let k = 0; k < rows; k++) {
    const r = positions[k]!
    features.set(set.features.subarray(r * f, (r + 1) * f), k * f)
    labels[k] = set.labels[r]!
    symbolIndices[k] = set.symbolIndices[r]!
  }
  return { features, labels, symbolIndices, rows, featureCount: f }
}

/**
 * The contiguous rows [start, end) as a new set (copied, so later stages can never alias the source).
 */
export function sliceRows(set: LabelledRows, start: number, end: number): LabelledRows {
  const f = set.featureCount
  return {
    features: set.features.slice(start * f, end * f),
    labels: set.labels.slice(start, end),
    symbolIndices: set.symbolIndices.slice(start, end),
    rows: end - start,
    featureCount: f,
  }
}

/** Positions (ascending) of the rows whose symbol index is `symbol`. */
export function rowsOfSymbol(set: LabelledRows, symbol: number): Int32Array {
  const out: number[] = []
  for (let r = 0; r < set.rows; r++) if (set.symbolIndices[r] === symbol) out.push(r)
  return Int32Array.from(out)
}
