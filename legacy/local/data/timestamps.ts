/**
 * Timestamp parsing for the legacy data layer: the subset of `pd.to_datetime` the old path relied on
 * (ISO-like dates and date-times, optional offset), returning epoch milliseconds UTC.
 */

const ISO_LIKE =
  /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|UTC|[+-]\d{2}(?::?\d{2})?)?$/

/**
 * Parses one date or date-time the way `pd.to_datetime` + `TimestampManager.to_utc` did (docs/legacy-behaviour.md §2.1):
 * naive values are taken as UTC, values with an offset are converted to UTC. A date alone means midnight.
 *
 * @param text - e.g. `2024-01-02`, `2024-01-02 13:00:00`, `2024-01-02T13:00:00+02:00`, `2024-01-02T13:00Z`
 * @returns epoch milliseconds UTC, or `null` when the text is not a date this parser understands
 */
export function parseLegacyTimestamp(text: string): number | null {
  const match = ISO_LIKE.exec(text.trim())
  if (!match) return null
  const [, y, mo, d, h, mi, s, frac, offset] = match
  const year = Number(y)
  const month = Number(mo)
  const day = Number(d)
  const hour = h === undefined ? 0 : Number(h)
  const minute = mi === undefined ? 0 : Number(mi)
  const second = s === undefined ? 0 : Number(s)
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null
  const base = Date.UTC(year, month - 1, day, hour, minute, second)
  const check = new Date(base)
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null
  const fractionMs = frac === undefined ? 0 : Number(`0.${frac}`) * 1000
  return base + fractionMs - offsetMinutes(offset) * 60_000
}

function offsetMinutes(offset: string | undefined): number {
  if (offset === undefined || offset === 'Z' || offset === 'UTC') return 0
  const sign = offset.startsWith('-') ? -1 : 1
  const digits = offset.slice(1).replace(':', '')
  const hours = Number(digits.slice(0, 2))
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0
  return sign * (hours * 60 + minutes)
}

/** Formats an epoch-millisecond instant as `YYYY-MM-DD` (UTC), the old `strftime("%Y-%m-%d")`. */
export function formatLegacyDate(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10)
}
