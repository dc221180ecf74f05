/**
 * Timeframe strings (`1m`, `4h`, `1d`, `1w`, `1M`): the pattern of docs/legacy-behaviour.md §2.1 and their fixed length
 * in milliseconds, for resampling and gap detection.
 */
import { DataError } from './errors.ts'

/** The old loader's timeframe pattern (§2.1). */
export const TIMEFRAME_PATTERN = /^[0-9]+[mhdwM]$/

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }

/**
 * Throws a `DataError` (code `INVALID_TIMEFRAME`) unless `timeframe` matches `^[0-9]+[mhdwM]$`.
 */
export function validateTimeframe(timeframe: string): string {
  if (!TIMEFRAME_PATTERN.test(timeframe)) {
    throw new DataError(
      `invalid timeframe ${JSON.stringify(timeframe)}: expected digits then m, h, d, w or M (e.g. 1h)`,
      'INVALID_TIMEFRAME',
    )
  }
  return timeframe
}

/**
 * The fixed bar length of a timeframe in milliseconds, or null for months (`M`), which have no fixed length.
 */
export function timeframeMs(timeframe: string): number | null {
  validateTimeframe(timeframe)
  const unit = timeframe.slice(-1)
  const step = UNIT_MS[unit]
  return step === undefined ? null : Number(timeframe.slice(0, -1)) * step
}
