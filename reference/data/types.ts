/**
 * Market-data types: an OHLCV frame on a UTC millisecond index, and the data-source interface the pipeline
 * reads through (injected, so tests and the harness can hand in synthetic data).
 */

/** One symbol × timeframe of bars, in file order (no sorting or de-duplication, docs/legacy-behaviour.md §2.1). @public */
export interface OhlcvFrame {
  readonly symbol: string
  readonly timeframe: string
  /** Bar open times, epoch milliseconds UTC. */
  readonly timestamps: Float64Array
  readonly open: Float64Array
  readonly high: Float64Array
  readonly low: Float64Array
  /** NaN where the file had an empty or missing close. */
  readonly close: Float64Array
  readonly volume: Float64Array
  /** Extra CSV columns beyond OHLCV, lower-cased names, in file order. */
  readonly extra: { readonly names: readonly string[]; readonly columns: readonly Float64Array[] }
}

/** Where bars come from. Implementations throw `DataError` with file/line context on bad input. @public */
export interface MarketDataSource {
  /** Human-readable description for reports (e.g. the directory). */
  readonly description: string
  load(symbol: string, timeframe: string): OhlcvFrame
}
