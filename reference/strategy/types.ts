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

/** One `indicators:` entry: its name, optional explicit type, its top-level keys and its `params:` mapping. */
export interface IndicatorSpec {
  readonly name: string
  readonly type: string | null
  /** Every top-level key but `name`, `type` and `params`: the old flow dropped them (§3.2.2). */
  readonly params: Readonly<Record<string, number | string | boolean>>
  /**
   * The `params:` mapping, the only keys that reached the old indicator constructor as keyword arguments (§3.2.2).
   * Values as YAML typed them; floats are `YamlFloat`s. Empty when absent.
   */
  readonly kwargs: Readonly<Record<string, unknown>>
}

/**
 * `model.training.lr_scheduler` as the old trainer built it (docs/legacy-behaviour.md §6.2): `type` (default `step`)
 * and the numbers it read, with their defaults filled in.
 * @public
 */
export type LrSchedulerSpec =
  /** StepLR: the rate is multiplied by `gamma` every `stepSize` epochs. */
  | { readonly type: 'step'; readonly stepSize: number; readonly gamma: number }
  /** ExponentialLR: the rate is multiplied by `gamma` every epoch. */
  | { readonly type: 'exponential'; readonly gamma: number }
  /** ReduceLROnPlateau (mode min): the rate is multiplied by `factor` after `patience` epochs without improvement. */
  | { readonly type: 'reduce_on_plateau'; readonly factor: number; readonly patience: number }

/** `model.training.early_stopping` (§6.2): the old trainer read only these two keys. @public */
export interface EarlyStoppingSpec {
  /** Epochs without improvement before stopping. @default 10 */
  readonly patience: number
  /** `val_loss` or `val_accuracy`; any other value never stops (the old behaviour, warned). @default 'val_loss' */
  readonly monitor: string
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
  /** @default 1e-4 (applied by the old trainer to adam, sgd and rmsprop when the YAML gives none) */
  readonly weightDecay: number | null
  /** SGD momentum (`sgd` only). @default 0.9 */
  readonly momentum: number | null
  /** @default 0 (off) */
  readonly gradientClip: number
  /** `model.training.validation_split`, used only when `training.data_split` is absent. @default 0.2 */
  readonly validationSplit: number | null
  /** null when absent, empty, or of a type the old trainer did not know (warned). */
  readonly lrScheduler: LrSchedulerSpec | null
  /** null when absent or empty. */
  readonly earlyStopping: EarlyStoppingSpec | null
  /** The batch progress hook runs every N batches (`batch % N == 0`). @default 1 */
  readonly progressUpdateFrequency: number
  /** `model.training.progress.batch_stride`: the progress bridge's batch stride; null for its default. */
  readonly progressBatchStride: number | null
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
