/**
 * The error every market-data module throws: one line naming the file, the line and (where relevant) the column,
 * plus a machine-readable code for the cases callers branch on (docs/legacy-behaviour.md §2.1, §2.2).
 */

/** Codes a caller may branch on; `BAD_INPUT` covers every malformed-file case. */
export type DataErrorCode =
  | 'BAD_INPUT'
  | 'FILE_NOT_FOUND'
  | 'INVALID_SYMBOL'
  | 'INVALID_TIMEFRAME'
  | 'INVALID_DATE'
  | 'MULTI_TF_INSUFFICIENT_COVERAGE'
  | 'BASE_TIMEFRAME_FAILED'

/**
 * A market-data failure with a one-line message, e.g. `data/AAPL_1h.csv:7: column 'close': not a number: "abc"`.
 *
 * @public
 */
export class DataError extends Error {
  override readonly name = 'DataError'

  /**
   * @param message - the full one-line message (newlines are replaced by spaces)
   * @param code - the failure class; @default 'BAD_INPUT'
   */
  constructor(
    message: string,
    readonly code: DataErrorCode = 'BAD_INPUT',
  ) {
    super(message.replace(/\s*\n\s*/g, ' '))
  }
}
