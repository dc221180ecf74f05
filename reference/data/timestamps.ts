/**
 * Strict parsing of date/time text to UTC epoch milliseconds and ISO-8601 formatting back. Naive times are read
 * as UTC and explicit offsets are converted, as the old loader's `tz_localize('UTC')` / `tz_convert('UTC')` did
 * (docs/legacy-behaviour.md §2.1). Deliberately stricter than `Date.parse`, which accepts text such as "1.1".
 */

const ISO_PATTERN =
  /^(\d{4})[-/](\d{2})[-/](\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|UTC|[+-]\d{2}(?::?\d{2})?)?$/i

/**
 * Parses `YYYY-MM-DD`, `YYYY-MM-DD[T ]HH:MM[:SS[.fff]]` with an optional `Z`, `UTC` or `±HH[:MM]` suffix
 * (`/` is accepted as the date separator) to epoch milliseconds UTC.
 *
 * @returns the timestamp, or NaN when the text is not such a date or names an impossible day or time
 */
export function parseUtcTimestamp(text: string): number {
  const m = ISO_PATTERN.exec(text.trim())
  if (!m) return NaN
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)]
  const millis = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return NaN
  const ms = Date.UTC(year, month - 1, day, hour, minute, second, millis)
  if (new Date(ms).getUTCDate() !== day) return NaN
  return ms - offsetMinutes(m[8]) * 60_000
}

function offsetMinutes(zone: string | undefined): number {
  if (!zone || /^(z|utc)$/i.test(zone)) return 0
  const sign = zone.startsWith('-') ? -1 : 1
  const digits = zone.slice(1).replace(':', '')
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0))
}

/** Formats epoch milliseconds as `2024-01-01T00:00:00Z` (milliseconds shown only when non-zero). */
export function formatUtcTimestamp(ms: number): string {
  const iso = new Date(ms).toISOString()
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso
}
