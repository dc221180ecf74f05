/**
 * Size limits on a strategy document: a guard against hostile or accidental giant inputs, applied by the loader
 * and reused by the host service, which accepts strategy YAML over HTTP.
 */

/** Upper bounds checked before and while a strategy is validated. */
export interface StrategyLimits {
  /** YAML text size in bytes (UTF-8). @default 262144 (256 KiB) */
  readonly maxBytes: number
  /** Entries under `indicators`. @default 64 */
  readonly maxIndicators: number
  /** Indicators under `fuzzy_sets`. @default 64 */
  readonly maxFuzzyIndicators: number
  /** Sets per fuzzy indicator. @default 32 */
  readonly maxSetsPerIndicator: number
  /** Entries in `model.architecture.hidden_layers`. @default 8 */
  readonly maxHiddenLayers: number
  /** Units in one hidden layer. @default 4096 */
  readonly maxLayerWidth: number
  /** Nesting depth of the parsed document (the top-level mapping is depth 1). @default 16 */
  readonly maxDepth: number
}

/** The limits used when the caller gives none. */
export const DEFAULT_STRATEGY_LIMITS: StrategyLimits = {
  maxBytes: 256 * 1024,
  maxIndicators: 64,
  maxFuzzyIndicators: 64,
  maxSetsPerIndicator: 32,
  maxHiddenLayers: 8,
  maxLayerWidth: 4096,
  maxDepth: 16,
}
