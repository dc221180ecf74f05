/**
 * The shape every legacy indicator class shares: the old BaseIndicator contract (a mutable `name` that the
 * factory overwrites with the strategy name, `compute` on the growing engine frame).
 */
import type { LegacyFrame } from '../frame.ts'
import { LegacyIndicatorDataError } from '../errors.ts'

/** One computed output column. */
export interface IndicatorOutput {
  readonly name: string
  readonly values: Float64Array
}

/** A constructed indicator: `className` is the Python class name used in error messages. */
export interface LegacyIndicator {
  readonly className: string
  /** BaseIndicator.name; column names derive from `name.toLowerCase()` where the old class did so. */
  name: string
  compute(frame: LegacyFrame): IndicatorOutput[]
}

/** The source column, or the old DataError when it is missing. */
export function sourceColumn(frame: LegacyFrame, source: string, indicator: string): Float64Array {
  const column = frame.get(source)
  if (!column) {
    throw new LegacyIndicatorDataError('DATA-MissingColumns', `${indicator}: missing required columns: ['${source}']`)
  }
  return column
}

/** `BaseIndicator.validate_input_data` (empty frame) then `validate_sufficient_data` (RSI, SMA, EMA). */
export function requireRows(frame: LegacyFrame, required: number, indicator: string): void {
  if (frame.rows === 0)
    throw new LegacyIndicatorDataError('DATA-EmptyDataFrame', `${indicator}: Input DataFrame is empty`)
  if (frame.rows < required) {
    throw new LegacyIndicatorDataError(
      'DATA-InsufficientDataPoints',
      `Insufficient data: ${frame.rows} points available, ${required} required`,
    )
  }
}

/** The explicit length check of MACD, Stochastic, ATR and ADX: "<label> requires at least N data points …". */
export function requireDataPoints(frame: LegacyFrame, required: number, label: string): void {
  if (frame.rows < required) {
    throw new LegacyIndicatorDataError(
      'DATA-InsufficientData',
      `${label} requires at least ${required} data points for accurate calculation`,
    )
  }
}
