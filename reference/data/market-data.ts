/**
 * The data stage: load one symbol's timeframes from a `MarketDataSource`, filter them by date, and for several
 * timeframes trim them to their common coverage as the old `MultiTimeframeCoordinator` did
 * (docs/legacy-behaviour.md §2.1 filters, §2.2 old-local loading).
 */
import { DataError } from './errors.ts'
import { frameLength, selectTimeRange } from './frame.ts'
import { formatUtcTimestamp, parseUtcTimestamp } from './timestamps.ts'
import type { MarketDataSource, OhlcvFrame } from './types.ts'

/** Multi-timeframe coverage thresholds of the old coordinator (§2.2). */
export const MULTI_TF_MIN_BARS = 50
export const MULTI_TF_MIN_DAYS = 7

const DAY_MS = 86_400_000

/**
 * Keeps the bars with `start ≤ timestamp ≤ end` (both inclusive; null = unbounded), in file order. A date-only
 * bound such as `2024-12-31` means 00:00 UTC that day, so the later bars of an end day are excluded (§2.1).
 *
 * @throws DataError (code `INVALID_DATE`) when a bound is not a date
 */
export function filterByDate(frame: OhlcvFrame, start: string | null, end: string | null): OhlcvFrame {
  const lo = start === null ? -Infinity : parseBound(start, 'start')
  const hi = end === null ? Infinity : parseBound(end, 'end')
  return selectTimeRange(frame, lo, hi)
}

/**
 * Loads `symbol` at each timeframe and filters it by date (§2.2).
 *
 * One timeframe: load and filter. Several: each is loaded and filtered; a failure (or an empty result) of the
 * base (first) timeframe throws `DataError` (code `BASE_TIMEFRAME_FAILED`), failures of the others are passed to
 * `warn` and skipped. Then common_start = max of first timestamps and common_end = min of last timestamps; coverage
 * is sufficient iff the fewest bars any timeframe has inside [common_start, common_end] is ≥ 50 and the window
 * spans ≥ 7 days, else `DataError` with code `MULTI_TF_INSUFFICIENT_COVERAGE`. Every timeframe is then cut to
 * that window (inclusive) and `warn` is told so.
 *
 * @param warn - receives one line per skipped timeframe and per trim; @default ignore
 * @returns frames keyed by timeframe, in request order (skipped timeframes absent)
 */
export function loadMarketData(
  source: MarketDataSource,
  symbol: string,
  timeframes: readonly string[],
  start: string | null,
  end: string | null,
  warn: (message: string) => void = () => {},
): Record<string, OhlcvFrame> {
  if (timeframes.length === 0) throw new DataError(`${symbol}: no timeframe requested`)
  if (timeframes.length === 1) {
    const tf = timeframes[0]!
    return { [tf]: filterByDate(source.load(symbol, tf), start, end) }
  }
  const loaded: Record<string, OhlcvFrame> = {}
  timeframes.forEach((tf, index) => {
    let frame: OhlcvFrame | null = null
    let failure: string
    try {
      frame = filterByDate(source.load(symbol, tf), start, end)
      failure = frameLength(frame) === 0 ? `no bars between ${start ?? '-∞'} and ${end ?? '+∞'}` : ''
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error)
    }
    if (failure === '') loaded[tf] = frame!
    else if (index === 0) throw new DataError(`${symbol} ${tf} (base timeframe): ${failure}`, 'BASE_TIMEFRAME_FAILED')
    else warn(`${symbol} ${tf}: skipped: ${failure}`)
  })
  return trimToCommonCoverage(symbol, loaded, warn)
}

function trimToCommonCoverage(
  symbol: string,
  frames: Record<string, OhlcvFrame>,
  warn: (message: string) => void,
): Record<string, OhlcvFrame> {
  const list = Object.values(frames)
  const commonStart = Math.max(...list.map((f) => f.timestamps[0]!))
  const commonEnd = Math.min(...list.map((f) => f.timestamps[frameLength(f) - 1]!))
  const trimmed = Object.fromEntries(
    Object.entries(frames).map(([tf, f]) => [tf, selectTimeRange(f, commonStart, commonEnd)] as const),
  )
  const minBars = Math.min(...Object.values(trimmed).map(frameLength))
  const spanMs = commonEnd - commonStart
  if (minBars < MULTI_TF_MIN_BARS || !(spanMs >= MULTI_TF_MIN_DAYS * DAY_MS)) {
    throw new DataError(
      `${symbol}: insufficient common coverage over ${Object.keys(frames).join(', ')}: ` +
        `${minBars} bars (need ${MULTI_TF_MIN_BARS}) over ${(Math.max(spanMs, 0) / DAY_MS).toFixed(2)} days ` +
        `(need ${MULTI_TF_MIN_DAYS}) between ${formatUtcTimestamp(commonStart)} and ${formatUtcTimestamp(commonEnd)}`,
      'MULTI_TF_INSUFFICIENT_COVERAGE',
    )
  }
  warn(
    `${symbol}: timeframes trimmed to their common coverage ${formatUtcTimestamp(commonStart)} … ${formatUtcTimestamp(commonEnd)}`,
  )
  return trimmed
}

function parseBound(text: string, which: 'start' | 'end'): number {
  const ms = parseUtcTimestamp(text)
  if (Number.isNaN(ms)) throw new DataError(`${which} date: cannot parse ${JSON.stringify(text)}`, 'INVALID_DATE')
  return ms
}
