/** The error the indicator stage throws (the old `ProcessingError` / `DataError` that failed training, §3.2.6). */

/** An indicator could not be computed: too few bars, or a type this port does not implement. */
export class IndicatorError extends Error {
  override readonly name = 'IndicatorError'
}
