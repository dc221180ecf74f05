/**
 * Stage-probe types: what every local path (legacy and reference) records of its stages so the harness can
 * compare them stage by stage (docs/architecture.md §6 "Probes"). Both paths fill the same shapes; host paths serialise
 * them with the typed-JSON codec of `reference/runtime/typed-json.ts`.
 */
import type { ParamTensor } from './training-runtime.ts'

/** Named float64 columns over one timestamp index (epoch milliseconds, UTC). */
export interface ColumnSet {
  readonly timestamps: Float64Array
  readonly names: readonly string[]
  readonly columns: readonly Float64Array[]
}

/** The pre-model stages of one symbol. Maps are keyed by timeframe (e.g. `1h`), in request order. */
export interface SymbolStageProbes {
  readonly symbol: string
  /** OHLCV as loaded and date-filtered. */
  readonly data: Readonly<Record<string, ColumnSet>>
  /** Every indicator-engine output column (KTRDR names such as `rsi_14`, `MACD_12_26`). */
  readonly indicators: Readonly<Record<string, ColumnSet>>
  /** One column per strategy indicator name after mapping (and NaN→0 for a single timeframe). */
  readonly mapped: Readonly<Record<string, ColumnSet>>
  /** `<indicator>_<set>` membership columns (timeframe-prefixed for multi-timeframe). */
  readonly fuzzy: Readonly<Record<string, ColumnSet>>
  /** The float32 feature matrix (rows × names.length, row-major) in model order. */
  readonly features: {
    readonly timestamps: Float64Array
    readonly names: readonly string[]
    readonly values: Float32Array
  }
  /** ZigZag segment labels, one per feature row (BUY 0, HOLD 1, SELL 2). */
  readonly labels: Int32Array
  /** Row indices of the final zigzag pivots on the base timeframe's closes, in order (§5.1). */
  readonly pivots?: Int32Array
}

/** One epoch of the training history. @public */
export interface EpochRecord {
  readonly epoch: number
  readonly train_loss: number
  readonly train_accuracy: number
  readonly val_loss: number | null
  readonly val_accuracy: number | null
  readonly learning_rate: number
}

/** Test-set metrics (weighted precision / recall / F1, zero_division = 0). @public */
export interface TestMetrics {
  readonly test_accuracy: number
  readonly test_loss: number
  readonly precision: number
  readonly recall: number
  readonly f1_score: number
}

/** Everything a local training run exposes to the harness. @public */
export interface TrainingProbes {
  readonly symbols: readonly SymbolStageProbes[]
  /** Combined (subsampled + shuffled) rows: symbol index and label per row, features row-major. */
  readonly combined: {
    readonly features: Float32Array
    readonly labels: Int32Array
    readonly symbolIndices: Int32Array
  }
  readonly split: { readonly train: number; readonly validation: number; readonly test: number }
  readonly initialWeights: readonly ParamTensor[]
  readonly history: readonly EpochRecord[]
  readonly finalWeights: readonly ParamTensor[]
  /** Softmax probabilities (rows × 3) of the final model on the test split, embedding 0 (the old evaluation). */
  readonly predictions: Float32Array
  readonly metrics: TestMetrics
  readonly featureImportance: Readonly<Record<string, number>>
}
