/**
 * Every legacy quirk the refactored reference keeps on purpose (docs/architecture.md §3.3), with where it acts and the
 * docs/legacy-behaviour.md section that describes it. Other modules refer to quirks by these ids; the pipeline warns
 * once per id when `detectQuirkEffects` finds that a quirk changes an outcome for a strategy.
 */

/** The stage a quirk acts in. */
export type QuirkStage =
  | 'data'
  | 'strategy'
  | 'indicators'
  | 'mapping'
  | 'fuzzy'
  | 'features'
  | 'labels'
  | 'combine'
  | 'split'
  | 'model'
  | 'training'
  | 'evaluation'
  | 'storage'
  | 'host'

/** One kept quirk. */
export interface Quirk {
  readonly id: string
  readonly description: string
  readonly actsIn: QuirkStage
  /** The docs/legacy-behaviour.md section. */
  readonly section: string
}

/** The registry, in pipeline order. */
export const QUIRKS = [
  {
    id: 'Q-KEYS-NOT-READ',
    description:
      'Strategy keys the old training flow accepted but never read (scope, deployment, decisions, training_data.history_required, model.input_size, training.method, …) change nothing.',
    actsIn: 'strategy',
    section: '§3.1',
  },
  {
    id: 'Q-CSV-PANDAS-FLOAT',
    description:
      'CSV prices are converted as pandas’ default reader does (17 digits accumulated in float64, one power-of-ten scaling), which is one bit off the correctly rounded value for many 16–17-digit numbers.',
    actsIn: 'data',
    section: '§2.1',
  },
  {
    id: 'Q-INDICATOR-PARAMS-DROPPED',
    description: 'Indicator parameters in the YAML (period, fast_period, source, …) are dropped; class defaults apply.',
    actsIn: 'indicators',
    section: '§3.2.2',
  },
  {
    id: 'Q-INDICATOR-UNKNOWN-DROPPED',
    description:
      'Indicator names whose inferred type is not a registry name (stoch, adx, bbands, BollingerBands, …), and indicators whose class refuses its params:, are silently skipped.',
    actsIn: 'indicators',
    section: '§3.2.1',
  },
  {
    id: 'Q-ATR-SINGLE-TIMEFRAME-ONLY',
    description: 'The name `atr` resolves to ATR only in single-timeframe runs; multi-timeframe runs drop it.',
    actsIn: 'indicators',
    section: '§3.2.1',
  },
  {
    id: 'Q-ICHIMOKU-NOT-DISPLACED',
    description:
      'Ichimoku shifts nothing: Senkou A / B and Chikou are unshifted; displacement only appears in the column names.',
    actsIn: 'indicators',
    section: '§3.3',
  },
  {
    id: 'Q-ZIGZAG-EXTRA-PARAMS-IGNORED',
    description: 'The ZigZag class accepts any extra params: keyword (**kwargs) and ignores it.',
    actsIn: 'indicators',
    section: '§3.2.2',
  },
  {
    id: 'Q-SUPERTREND-NAN-BANDS',
    description:
      'SuperTrend bands start NaN in the ATR warm-up and are never replaced, so SuperTrend, its bands, distance and slope are NaN on every bar and the direction is always 1.',
    actsIn: 'indicators',
    section: '§3.3',
  },
  {
    id: 'Q-RSI-NAN-STICKY',
    description:
      'RSI seeds with NaN-skipping means, but one missing close after the seed makes every later RSI value NaN (the Wilder averages stay NaN).',
    actsIn: 'indicators',
    section: '§3.5',
  },
  {
    id: 'Q-ATR-SIMPLE-MEAN',
    description: 'ATR is a simple rolling mean of the true range, not Wilder smoothing.',
    actsIn: 'indicators',
    section: '§3.3',
  },
  {
    id: 'Q-MA-CLOSE-RATIO',
    description: 'Strategy indicators named sma / ema feed fuzzy with close / moving average, not the average itself.',
    actsIn: 'mapping',
    section: '§3.2.4',
  },
  {
    id: 'Q-MACD-LINE-ONLY',
    description: 'A strategy indicator named macd maps to the MACD line; signal and histogram never reach fuzzy.',
    actsIn: 'mapping',
    section: '§3.2.4',
  },
  {
    id: 'Q-NAN-TO-ZERO-SINGLE-TIMEFRAME',
    description:
      'Single-timeframe runs replace ±inf and NaN of the mapped frame with 0 before fuzzy, so warm-up rows get μ(0).',
    actsIn: 'mapping',
    section: '§3.2.5',
  },
  {
    id: 'Q-FUZZY-KEY-UNMATCHED',
    description: 'fuzzy_sets keys without a mapped column (e.g. adx, BollingerBands) are silently skipped.',
    actsIn: 'fuzzy',
    section: '§4.2',
  },
  {
    id: 'Q-FUZZY-MULTI-TIMEFRAME-BASE-NAME',
    description:
      'Multi-timeframe fuzzy matches a column by a derived base name (rsi, sma, … or the text before a digit or _), so keys such as sma_fast never match.',
    actsIn: 'fuzzy',
    section: '§4.2',
  },
  {
    id: 'Q-FUZZY-MULTI-TIMEFRAME-NAN',
    description:
      'Multi-timeframe runs keep NaN indicator values, so warm-up memberships are NaN until the feature fill.',
    actsIn: 'fuzzy',
    section: '§4.2',
  },
  {
    id: 'Q-FEATURES-SORTED-CORE-UNSORTED-LAGS',
    description: 'Core feature columns are sorted by name; lag columns keep the unsorted fuzzy column order.',
    actsIn: 'features',
    section: '§4.3',
  },
  {
    id: 'Q-FEATURES-NO-SCALING',
    description:
      'model.features.scale_features and include_price_context are ignored; features are raw float32 memberships.',
    actsIn: 'features',
    section: '§4.3',
  },
  {
    id: 'Q-MTF-FORWARD-FILL-LOOKAHEAD',
    description:
      'Higher-timeframe features are forward-filled onto the base bars by bar open time, so a bar is visible before it closes.',
    actsIn: 'features',
    section: '§2.2, §4.3',
  },
  {
    id: 'Q-MTF-BACKFILL',
    description:
      'Aligned higher-timeframe features with any NaN are back-filled (future values), then forward-filled, then 0.',
    actsIn: 'features',
    section: '§4.3',
  },
  {
    id: 'Q-MTF-DOUBLE-PREFIX',
    description: 'Multi-timeframe feature names carry the timeframe twice (1h_1h_rsi_oversold).',
    actsIn: 'features',
    section: '§4.3',
  },
  {
    id: 'Q-MTF-LAGS-ON-COMBINED',
    description: 'Multi-timeframe lags are taken over the combined, aligned and zero-filled matrix.',
    actsIn: 'features',
    section: '§4.3',
  },
  {
    id: 'Q-TIMEFRAME-MONTH-AS-MINUTE',
    description: 'The feature processor lower-cases timeframes before parsing, so 1M (a month) sorts as one minute.',
    actsIn: 'features',
    section: '§4.3',
  },
  {
    id: 'Q-ZIGZAG-SEGMENT-LABELS',
    description: 'Labels are zigzag segment labels that look into the future; label_lookahead is unused.',
    actsIn: 'labels',
    section: '§5.1',
  },
  {
    id: 'Q-COMBINE-SUBSAMPLE-SHUFFLE',
    description:
      'Symbols are subsampled to the smallest row count (random subset) and the combined set is shuffled, even for one symbol.',
    actsIn: 'combine',
    section: '§4.4',
  },
  {
    id: 'Q-SPLIT-RANDOM-AFTER-SHUFFLE',
    description:
      'The 70/15/15 split takes contiguous slices of the shuffled set: effectively random, with lag leakage.',
    actsIn: 'split',
    section: '§6.3',
  },
  {
    id: 'Q-SYMBOL-EMBEDDING-ALWAYS',
    description: 'The model always has a symbol embedding (dim 16 by default), even for a single symbol.',
    actsIn: 'model',
    section: '§6.1',
  },
  {
    id: 'Q-OUTPUT-ACTIVATION-IGNORED',
    description: 'model.architecture.output_activation is ignored; the network outputs raw logits.',
    actsIn: 'model',
    section: '§6.1',
  },
  {
    id: 'Q-ADAM-WEIGHT-DECAY',
    description: 'Adam, SGD and RMSprop run with weight_decay 1e-4 when the strategy gives none.',
    actsIn: 'training',
    section: '§6.2',
  },
  {
    id: 'Q-OPTIMIZER-UNKNOWN-ADAM',
    description:
      'An optimizer other than adam, sgd or rmsprop trains with Adam without weight decay (weight_decay and momentum are not read).',
    actsIn: 'training',
    section: '§6.2',
  },
  {
    id: 'Q-LR-SCHEDULER-UNKNOWN-TYPE',
    description:
      'An lr_scheduler type other than step, exponential or reduce_on_plateau gives no scheduler: the learning rate stays constant.',
    actsIn: 'training',
    section: '§6.2',
  },
  {
    id: 'Q-LR-SCHEDULER-KEYS-IGNORED',
    description:
      'lr_scheduler reads only type and its own numbers (step_size, gamma | gamma | factor, patience); reduce_on_plateau always runs with mode min, threshold 1e-4 relative, cooldown 0 and min_lr 0.',
    actsIn: 'training',
    section: '§6.2',
  },
  {
    id: 'Q-EARLY-STOPPING-KEYS-IGNORED',
    description:
      'early_stopping reads only patience and monitor: min_delta is fixed at 1e-4, mode is never passed, and other keys (enabled, …) are ignored, so a non-empty mapping always turns it on.',
    actsIn: 'training',
    section: '§6.2',
  },
  {
    id: 'Q-EARLY-STOPPING-NO-SCORE',
    description:
      'Early stopping never triggers while its score is missing: a monitor other than val_loss or val_accuracy, no validation rows, or a val_loss of exactly 0 (the old truthiness test).',
    actsIn: 'training',
    section: '§6.2',
  },
  {
    id: 'Q-EARLY-STOP-NO-EPOCH-PROGRESS',
    description:
      'The epoch at which early stopping triggers reports no epoch progress: the check runs after the scheduler step and before the epoch callback.',
    actsIn: 'training',
    section: '§6.2',
  },
  {
    id: 'Q-ANALYTICS-NOT-WRITTEN',
    description:
      'model.training.analytics.enabled writes no training-analytics files (the old trainer wrote CSV/JSON under training_analytics/); nothing else changes.',
    actsIn: 'training',
    section: '§6.2',
  },
  {
    id: 'Q-BEST-RESTORE-NOOP',
    description: 'The "restore best model" step restores the final weights (shallow state-dict copy).',
    actsIn: 'training',
    section: '§6.2',
  },
  {
    id: 'Q-FIRST-BATCH-NAN-RETURN',
    description:
      'A NaN loss on the first batch of epoch 0 ends training with an error summary; evaluation and saving still run.',
    actsIn: 'training',
    section: '§6.2',
  },
  {
    id: 'Q-EVAL-EMBEDDING-ZERO',
    description: 'Test metrics, per-symbol metrics and feature importance use symbol index 0 for every row.',
    actsIn: 'evaluation',
    section: '§6.3',
  },
  {
    id: 'Q-PER-SYMBOL-ON-VALIDATION',
    description:
      'Per-symbol metrics and permutation importance are computed on the validation split, not the test split.',
    actsIn: 'evaluation',
    section: '§6.3',
  },
  {
    id: 'Q-AGGREGATOR-DEFAULTS',
    description:
      'The result aggregator reports epochs_completed = requested epochs, training_time_minutes 0, early_stopped false, best_epoch and final_learning_rate null.',
    actsIn: 'training',
    section: '§9.5',
  },
  {
    id: 'Q-HOST-STATUS-OVERWRITE',
    description: 'A cancelled host session is reported as stopped (cancelled is overwritten before any poll sees it).',
    actsIn: 'host',
    section: '§13',
  },
] as const satisfies readonly Quirk[]

/** Every registered quirk id. */
export type QuirkId = (typeof QUIRKS)[number]['id']

/**
 * The registry entry of `id`.
 */
export function quirk(id: QuirkId): Quirk {
  return QUIRKS.find((q) => q.id === id)!
}
