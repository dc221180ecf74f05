/**
 * Per-symbol metrics on the VALIDATION split (docs/legacy-behaviour.md §6.3; §14 step 7): one eval-mode
 * forward of the validation rows without symbol indices, then each symbol's rows scored on their own.
 */
import type { RuntimeModel } from '../runtime/training-runtime.ts'
import { rowsOfSymbol, type LabelledRows } from './dataset.ts'
import { accuracy, argmaxRows, weightedScores } from './metrics.ts'

/** One symbol's validation metrics. @public */
export interface SymbolMetrics {
  readonly accuracy: number
  readonly precision: number
  readonly recall: number
  readonly f1_score: number
  readonly sample_count: number
}

/**
 * Metrics per symbol (keyed by symbol name, request order); zeros for a symbol without validation rows.
 */
export function computePerSymbolMetrics(
  model: RuntimeModel,
  validation: LabelledRows,
  symbols: readonly string[],
): Record<string, SymbolMetrics> {
  const predicted =
    validation.rows > 0
      ? argmaxRows(model.predictLogits(validation.features, validation.rows, null), validation.rows)
      : new Int32Array(0)
  const out: Record<string, SymbolMetrics> = {}
  symbols.forEach((symbol, s) => {
    const rows = rowsOfSymbol(validation, s)
    if (rows.length === 0) {
      out[symbol] = { accuracy: 0, precision: 0, recall: 0, f1_score: 0, sample_count: 0 }
      return
    }
    const yTrue = rows.map((r) => validation.labels[r]!)
    const yPred = rows.map((r) => predicted[r]!)
    out[symbol] = { accuracy: accuracy(yTrue, yPred), ...weightedScores(yTrue, yPred), sample_count: rows.length }
  })
  return out
}
