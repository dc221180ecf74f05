/**
 * The indicator vocabulary: the types of the old indicator registry (docs/legacy-behaviour.md §3.2.1), the shape
 * of a class built from a strategy's `params:` and of the indicator it configures, so the engine can compose them
 * and a caller can substitute one (the harness's planted-fault canaries swap ATR for Wilder smoothing).
 */
import type { OhlcvFrame } from '../data/types.ts'
import type { IndicatorKwargs } from './_params/python-args.ts'

/** Every type of the old registry (`BUILT_IN_INDICATORS`, class-name aliases resolved), in its order. */
export const INDICATOR_TYPES = [
  'RSI',
  'SMA',
  'EMA',
  'MACD',
  'ZigZag',
  'Stochastic',
  'WilliamsR',
  'ATR',
  'OBV',
  'BollingerBands',
  'CCI',
  'Momentum',
  'ROC',
  'VWAP',
  'ParabolicSAR',
  'Ichimoku',
  'RVI',
  'MFI',
  'Aroon',
  'DonchianChannels',
  'KeltnerChannels',
  'ADLine',
  'CMF',
  'ADX',
  'SuperTrend',
  'FisherTransform',
  'BollingerBandWidth',
  'VolumeRatio',
  'SqueezeIntensity',
  'DistanceFromMA',
] as const

/** A registry name of {@link INDICATOR_TYPES}. */
export type IndicatorType = (typeof INDICATOR_TYPES)[number]

/** Output columns of one indicator, in the order the old engine appended them. */
export interface IndicatorColumns {
  readonly names: readonly string[]
  readonly columns: readonly Float64Array[]
}

/**
 * One configured indicator: a class built from a strategy entry's `params:` (top-level keys are dropped, §3.2.2).
 */
export interface IndicatorImpl {
  /** Fewest bars the old indicator accepted; fewer raise an `IndicatorError` (§3.2.6). */
  readonly minRows: number
  /**
   * Computes the columns; `name` is the strategy name, from which some column names derive (§3.2.3). `column`
   * looks a column up in the old engine's growing frame (price columns, then the earlier indicators' outputs),
   * for classes that read a configurable `source`; without it, the frame's own price columns.
   */
  compute(frame: OhlcvFrame, name: string, column?: ColumnLookup): IndicatorColumns
}

/** A column of the old engine's frame by name, or `undefined`. */
export type ColumnLookup = (name: string) => Float64Array | undefined

/**
 * One class of the old registry (`BUILT_IN_INDICATORS`), built from a strategy entry's `params:` mapping as the old
 * factory called it (`IndicatorClass(**params)`, §3.2.2).
 */
export interface IndicatorClass {
  /** The Python class name. */
  readonly className: string
  /**
   * The configured indicator.
   *
   * @throws IndicatorParameterError where the old constructor raised (the old factory then dropped the entry)
   */
  configure(kwargs: IndicatorKwargs): IndicatorImpl
}
