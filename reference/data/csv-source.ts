/**
 * `CsvDataSource`: market data from `<dir>/<SYMBOL>_<TIMEFRAME>.csv` files (docs/legacy-behaviour.md §2.1), with the
 * symbol and timeframe checked against the old loader's patterns before any path is built, so a request can
 * never name a file outside the directory.
 */
import { join, resolve } from 'node:path'
import { readOhlcvCsv } from './csv.ts'
import { DataError } from './errors.ts'
import { validateTimeframe } from './timeframe.ts'
import type { MarketDataSource, OhlcvFrame } from './types.ts'

export { validateTimeframe } from './timeframe.ts'

/** The old loader's symbol pattern (§2.1); at most {@link MAX_SYMBOL_LENGTH} characters. */
export const SYMBOL_PATTERN = /^[A-Za-z0-9_\-.]+$/
export const MAX_SYMBOL_LENGTH = 20

/**
 * Throws a `DataError` (code `INVALID_SYMBOL`) unless `symbol` matches `^[A-Za-z0-9_\-.]+$`, has at most 20
 * characters and is not made of dots only (`.`, `..`), which the pattern alone would allow.
 */
export function validateSymbol(symbol: string): string {
  if (!SYMBOL_PATTERN.test(symbol) || symbol.length > MAX_SYMBOL_LENGTH || /^\.+$/.test(symbol)) {
    throw new DataError(
      `invalid symbol ${JSON.stringify(symbol)}: expected 1–${MAX_SYMBOL_LENGTH} characters of A-Z a-z 0-9 _ - .`,
      'INVALID_SYMBOL',
    )
  }
  return symbol
}

/**
 * Reads `<dir>/<SYMBOL>_<TIMEFRAME>.csv`; symbol and timeframe are validated first.
 *
 * @public
 */
export class CsvDataSource implements MarketDataSource {
  readonly description: string
  private readonly dir: string

  /** @param dir - the data directory (resolved against the working directory) */
  constructor(dir: string) {
    this.dir = resolve(dir)
    this.description = `csv:${this.dir}`
  }

  /** The path a (symbol, timeframe) pair reads from, after validation. */
  pathFor(symbol: string, timeframe: string): string {
    return join(this.dir, `${validateSymbol(symbol)}_${validateTimeframe(timeframe)}.csv`)
  }

  load(symbol: string, timeframe: string): OhlcvFrame {
    return readOhlcvCsv(this.pathFor(symbol, timeframe), symbol, timeframe)
  }
}
