/**
 * Error type of the legacy data layer: the old `DataError` family (DataError, DataFormatError,
 * DataValidationError, DataNotFoundError), reduced to one class carrying the old error code.
 */

/**
 * A data loading failure of the old local path (docs/legacy-behaviour.md §2). `code` is the old KTRDR error code
 * (e.g. `DATA-FileNotFound`, `MULTI_TF_INSUFFICIENT_COVERAGE`); the message names the file and line where known.
 */
export class LegacyDataError extends Error {
  override readonly name = 'LegacyDataError'
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}
