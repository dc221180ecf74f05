/**
 * The errors of the indicator stage: `IndicatorError`, the old `ProcessingError` / `DataError` that failed
 * training (§3.2.6), and `IndicatorParameterError`, an old constructor refusing its `params:` (the old factory
 * then dropped that indicator, §3.2.1).
 */

/** An indicator could not be computed: too few bars, or a type this port does not implement. */
export class IndicatorError extends Error {
  override readonly name = 'IndicatorError'
}

/** An indicator class refused its keyword arguments (the message carries the old exception type and text). */
export class IndicatorParameterError extends Error {
  override readonly name = 'IndicatorParameterError'
}
