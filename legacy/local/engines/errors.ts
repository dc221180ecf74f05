/**
 * Error types of the legacy engines, named after the Python exceptions the old code raised so tests and
 * reports can tell them apart: ConfigurationError, ProcessingError, DataError (inside indicators), ValueError.
 */

/** The old `ConfigurationError` (bad indicator or fuzzy configuration). `code` is the old KTRDR error code. */
export class LegacyConfigurationError extends Error {
  override readonly name = 'LegacyConfigurationError'
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

/**
 * The old `ProcessingError`: an indicator computation failed (e.g. its data-length check, docs/legacy-behaviour.md
 * §3.2.6), or a multi-timeframe stage produced nothing for any timeframe.
 */
export class LegacyProcessingError extends Error {
  override readonly name = 'LegacyProcessingError'
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

/** The old indicator-level `DataError` (insufficient rows, missing source column). */
export class LegacyIndicatorDataError extends Error {
  override readonly name = 'LegacyIndicatorDataError'
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

/** Python's `ValueError` / `KeyError` as raised by the old trainer, labeller and feature processor. */
export class LegacyValueError extends Error {
  override readonly name = 'LegacyValueError'
}
