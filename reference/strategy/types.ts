/**
 * The typed form of a KTRDR strategy YAML file (docs/legacy-behaviour.md §3.1), as validated by `loadStrategy`.
 * The parsed document is kept verbatim in `raw` so that callers who must read it the way the old code did can.
 */

export type FuzzyShape = 'triangular' | 'trapezoidal' | 'gaussian'

/** One fuzzy set: triangular [a,b,c], trapezoidal [a,b,c,d] or gaussian [mu, sigma]. */
export interface FuzzySetSpec {
  readonly name: string
  readonly type: FuzzyShape
  readonly parameters: readonly number[]
}

/** The fuzzy sets of one indicator, in YAML order. */
export interface FuzzyIndicatorSpec {
  readonly indicator: string
  readonly sets: readonly FuzzySetSpec[]
}

/** One `indicators:` entry: its name, optional explicit type, and every other key as a parameter. */
export interface IndicatorSpec {
  readonly name: string
  readonly type: string | null
  readonly params: Readonly<Record<string, number | string | boolean>>
}

export interface TrainingHyperParameters {
  /** @default 0.001 */
  readonly learningRate: number
  /** @default 32 */
  readonly batchSize: number
  /** @default 100 */
  readonly epochs: number
  /** @default 'adam' */
  readonly optimizer: string
  /** @default 1e-4 (applied by the old trainer when the YAML gives none) */
  readonly weightDecay: number | null
  /** @default 0 (off) */
  readonly gradientClip: number
  /** `model.training.validation_split`, used only when `training.data_split` is absent. @default 0.2 */
  readonly validationSplit: number | null
}

/**
 * A validated strategy file: indicators, fuzzy sets, model and training settings, labels, data split and the
 * `training_data` block, plus the parsed document in `raw` (docs/legacy-behaviour.md §3.1).
 *
 * @public
 */
export interface StrategyConfig {
  /** Absolute path of the file it came from (or `<inline>` for YAML text). */
  readonly sourcePath: string
  readonly name: string
  readonly description: string
  /** The YAML `training_data` block; used only when a request names no symbols/timeframes. */
  readonly trainingData: { readonly symbols: readonly string[]; readonly timeframes: readonly string[] }
  readonly indicators: readonly IndicatorSpec[]
  readonly fuzzySets: readonly FuzzyIndicatorSpec[]
  readonly model: {
    readonly hiddenLayers: readonly number[]
    readonly activation: string
    readonly dropout: number
    /** `model.symbol_embedding_dim`; the old trainer uses 16 when absent. */
    readonly symbolEmbeddingDim: number | null
    readonly lookbackPeriods: number
    readonly training: TrainingHyperParameters
  }
  readonly labels: { readonly source: 'zigzag'; readonly zigzagThreshold: number; readonly labelLookahead: number }
  /** `training.data_split`; null when absent or empty. */
  readonly dataSplit: { readonly train: number; readonly validation: number; readonly test: number } | null
  /** The parsed YAML document, untouched. */
  readonly raw: Readonly<Record<string, unknown>>
}
