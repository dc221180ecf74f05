/**
 * Timeframe ordering of the old trainer and feature processor: `timeframe_to_minutes` (m, h, d, w; no suffix
 * means hours; `1M` lower-cases to one minute) and the stable sort by it.
 */
import { LegacyValueError } from './errors.ts'

const PY_INT = /^\s*[+-]?\d+(?:_\d+)*\s*$/

function pythonInt(text: string, timeframe: string): number {
  if (!PY_INT.test(text)) {
    throw new LegacyValueError(`invalid literal for int() with base 10: '${text}' (timeframe '${timeframe}')`)
  }
  return Number(text.replace(/_/g, ''))
}

/** Minutes of a timeframe string as the old code parsed it (docs/legacy-behaviour.md §4.3). */
export function legacyTimeframeMinutes(timeframe: string): number {
  const tf = timeframe.toLowerCase().trim()
  const factor: Record<string, number> = { m: 1, h: 60, d: 1440, w: 10080 }
  const unit = tf.slice(-1)
  if (unit in factor) return pythonInt(tf.slice(0, -1), timeframe) * factor[unit]
  return pythonInt(tf, timeframe) * 60
}

/** `sorted(timeframes, key=timeframe_to_minutes)`: stable, so equal minutes keep their input order. */
export function legacySortTimeframes(timeframes: readonly string[]): string[] {
  const keyed = timeframes.map((tf) => ({ tf, minutes: legacyTimeframeMinutes(tf) }))
  return keyed.sort((a, b) => a.minutes - b.minutes).map((entry) => entry.tf)
}

/** Python's default `sorted()` of strings (code-point order). */
export function pythonSorted(values: readonly string[]): string[] {
  return [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
}
