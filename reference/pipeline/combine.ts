/**
 * Combining the symbols of a run into one row set (docs/legacy-behaviour.md §4.4; §14 steps 1–2): every
 * symbol above the smallest row count is subsampled with `randperm(n)[:min]` (order kept as drawn), the sets are
 * concatenated in request order with their symbol index, and the whole is shuffled with one global `randperm` —
 * also for a single symbol.
 */
import { gatherRows, type LabelledRows } from '../model/dataset.ts'
import type { SeededRng } from '../runtime/rng.ts'

/** One symbol's model input: features (rows × names.length, row-major) and one label per row. */
export interface SymbolRows {
  readonly symbol: string
  readonly names: readonly string[]
  readonly features: Float32Array
  readonly labels: Int32Array
}

/**
 * Subsamples, concatenates and shuffles the symbols' rows.
 *
 * @throws Error `feature count mismatch: <sym> has X, <sym0> has Y` when the symbols' widths differ, or when a
 *   symbol's label count differs from its feature rows
 */
export function combineSymbols(symbols: readonly SymbolRows[], rng: SeededRng): LabelledRows {
  const first = symbols[0]
  if (!first) throw new Error('combineSymbols: no symbol to combine')
  const f = first.names.length
  for (const s of symbols) {
    if (s.names.length !== f) {
      throw new Error(`feature count mismatch: ${s.symbol} has ${s.names.length}, ${first.symbol} has ${f}`)
    }
    if (s.labels.length * f !== s.features.length) {
      throw new Error(`${s.symbol}: ${s.labels.length} labels for ${s.features.length / Math.max(f, 1)} feature rows`)
    }
  }
  const minRows = Math.min(...symbols.map((s) => s.labels.length))
  const total = minRows * symbols.length
  const concatenated: LabelledRows = {
    features: new Float32Array(total * f),
    labels: new Int32Array(total),
    symbolIndices: new Int32Array(total),
    rows: total,
    featureCount: f,
  }
  symbols.forEach((s, index) => {
    const rows = s.labels.length
    const own: LabelledRows = {
      features: s.features,
      labels: s.labels,
      symbolIndices: new Int32Array(rows).fill(index),
      rows,
      featureCount: f,
    }
    const picked = gatherRows(own, rows > minRows ? rng.randperm(rows).subarray(0, minRows) : identity(rows))
    concatenated.features.set(picked.features, index * minRows * f)
    concatenated.labels.set(picked.labels, index * minRows)
    concatenated.symbolIndices.set(picked.symbolIndices, index * minRows)
  })
  return gatherRows(concatenated, rng.randperm(total))
}

function identity(n: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => i)
}
