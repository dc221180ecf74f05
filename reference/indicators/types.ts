/**
 * The indicator vocabulary: the registry type names the old indicator factory knew (case-sensitive,
 * docs/legacy-behaviour.md §3.2.1) and the shape every indicator implementation has, so the engine can compose them and
 * a caller can substitute one (the harness's planted-fault canaries swap ATR for Wilder smoothing).
 */
import type { OhlcvFrame } from '../data/types.ts'

/** Registry names of the indicators this port computes. */
export const INDICATOR_TYPES = ['RSI', 'SMA', 'EMA', 'MACD', 'ATR', 'BollingerBands', 'Stochastic', 'ADX'] as const

export type IndicatorType = (typeof INDICATOR_TYPES)[number]

/** Output columns of one indicator, in the order the old engine appended them. */
export interface IndicatorColumns {
  readonly names: readonly string[]
  readonly columns: readonly Float64Array[]
}

/**
 * One indicator with its class defaults (the old flow drops YAML parameters, §3.2.2).
 */
export interface IndicatorImpl {
  /** Fewest bars the old indicator accepted; fewer raise an `IndicatorError` (§3.2.6). */
  readonly minRows: number
  /** Computes the columns; `name` is the strategy name, from which some column names derive (§3.2.3). */
  compute(frame: OhlcvFrame, name: string): IndicatorColumns
}
