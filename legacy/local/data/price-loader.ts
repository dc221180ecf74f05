/**
 * The old `StrategyTrainer._load_price_data` (docs/legacy-behaviour.md §2.2): single timeframe = whole file then an
 * inclusive label slice; several timeframes = the MultiTimeframeCoordinator (per-timeframe date filter, common
 * coverage check, re-slice). The synchroniser step only ensured UTC, which the reader already guarantees.
 */
import type { ColumnSet } from '../../../reference/runtime/probes.ts'
import { readLegacyCsv } from './csv-reader.ts'
import { LegacyDataError } from './errors.ts'
import { filterRows, labelSlice } from './slicing.ts'
import { parseLegacyTimestamp } from './timestamps.ts'

/** Minimum bars every timeframe needs inside the common window (old coordinator constant). */
export const LEGACY_MIN_COMMON_BARS = 50
/** Minimum whole days the common window must span. */
export const LEGACY_MIN_COMMON_DAYS = 7
const DAY_MS = 86_400_000

/**
 * Parses a start/end date string as `pd.to_datetime` did; a bad string fails like the old loader.
 *
 * @param which - `start_date` or `end_date`, for the message
 */
export function parseLegacyDateArgument(text: string, which: string): number {
  const parsed = parseLegacyTimestamp(text)
  if (parsed === null) throw new LegacyDataError('DATA-InvalidDateFormat', `Invalid date format: ${which} '${text}'`)
  return parsed
}

/**
 * Loads every requested timeframe of one symbol as the old local trainer did.
 *
 * @param csvFiles - timeframe → CSV path, in request order; the first entry is the base timeframe
 * @param startDate - inclusive start (`YYYY-MM-DD` means midnight UTC)
 * @param endDate - inclusive end (a date alone means midnight, so later bars of that day are excluded)
 * @returns timeframe → frame, in request order (only timeframes that loaded, for several timeframes)
 * @throws LegacyDataError, e.g. `MULTI_TF_BASE_LOAD_FAILED`, `MULTI_TF_INSUFFICIENT_COVERAGE`
 */
export function loadLegacyPriceData(
  csvFiles: Readonly<Record<string, string>>,
  startDate: string,
  endDate: string,
): Record<string, ColumnSet> {
  const timeframes = Object.keys(csvFiles)
  if (timeframes.length === 0) throw new LegacyDataError('MULTI_TF_NO_TIMEFRAMES', 'No timeframes requested')
  if (timeframes.length === 1) {
    const timeframe = timeframes[0]
    const data = readLegacyCsv(csvFiles[timeframe])
    const start = parseLegacyDateArgument(startDate, 'start_date')
    const end = parseLegacyDateArgument(endDate, 'end_date')
    return { [timeframe]: labelSlice(data, start, end, `${csvFiles[timeframe]} (${timeframe})`) }
  }
  return loadMultiTimeframe(csvFiles, timeframes, startDate, endDate)
}

/** `LocalDataLoader.load` with dates: validate the range, read, then the boolean mask start ≤ t ≤ end. */
function loadFiltered(path: string, startDate: string, endDate: string): ColumnSet {
  const start = parseLegacyDateArgument(startDate, 'start_date')
  const end = parseLegacyDateArgument(endDate, 'end_date')
  if (end < start) {
    throw new LegacyDataError(
      'DATA-InvalidDateRange',
      `Invalid date parameter: End date must be after start date (${startDate} .. ${endDate})`,
    )
  }
  const data = readLegacyCsv(path)
  return filterRows(data, (i) => data.timestamps[i] >= start && data.timestamps[i] <= end)
}

function loadMultiTimeframe(
  csvFiles: Readonly<Record<string, string>>,
  timeframes: readonly string[],
  startDate: string,
  endDate: string,
): Record<string, ColumnSet> {
  const base = timeframes[0]
  const loaded: Record<string, ColumnSet> = {}
  const errors: string[] = []
  for (const timeframe of timeframes) {
    let data: ColumnSet
    try {
      data = loadFiltered(csvFiles[timeframe], startDate, endDate)
    } catch (error) {
      const message = `Failed to load ${timeframe} data: ${(error as Error).message}`
      if (timeframe === base) throw new LegacyDataError('MULTI_TF_BASE_LOAD_FAILED', message)
      errors.push(message)
      continue
    }
    if (data.timestamps.length > 0) loaded[timeframe] = data
    else errors.push(`${timeframe}: No data returned (${csvFiles[timeframe]})`)
  }
  const names = Object.keys(loaded)
  if (names.length === 0) {
    throw new LegacyDataError('MULTI_TF_NO_DATA_LOADED', `No timeframe loaded: ${errors.join('; ')}`)
  }
  if (names.length === 1) return loaded
  const starts = names.map((tf) => loaded[tf].timestamps[0])
  const ends = names.map((tf) => loaded[tf].timestamps[loaded[tf].timestamps.length - 1])
  const commonStart = Math.max(...starts)
  const commonEnd = Math.min(...ends)
  let sufficient = false
  let minBars = 0
  let days = 0
  if (commonStart < commonEnd) {
    const bars = names.map((tf) => labelSlice(loaded[tf], commonStart, commonEnd, csvFiles[tf]).timestamps.length)
    minBars = Math.min(...bars)
    days = Math.floor((commonEnd - commonStart) / DAY_MS)
    sufficient = minBars >= LEGACY_MIN_COMMON_BARS && days >= LEGACY_MIN_COMMON_DAYS
  }
  if (!sufficient) {
    throw new LegacyDataError(
      'MULTI_TF_INSUFFICIENT_COVERAGE',
      `Insufficient common coverage across ${names.join(', ')}: ${days} days, ${minBars} bars minimum ` +
        `(need ≥ ${LEGACY_MIN_COMMON_DAYS} days and ≥ ${LEGACY_MIN_COMMON_BARS} bars)`,
    )
  }
  const rescoped: Record<string, ColumnSet> = {}
  for (const tf of names) rescoped[tf] = labelSlice(loaded[tf], commonStart, commonEnd, csvFiles[tf])
  return rescoped
}
