/**
 * The feature processor's timeframe ordering (docs/legacy-behaviour.md §4.3): by parsed minutes, m = n, h = 60n,
 * d = 1440n, w = 10080n, no unit = hours, parsed after lower-casing (so `1M` counts as one minute). The first
 * timeframe in this order is the base: its bars are the feature rows and its closes give the labels (§5.1).
 */

/**
 * Minutes of a timeframe string the way the old processor parsed it.
 */
export function processorTimeframeMinutes(timeframe: string): number {
  const lower = timeframe.toLowerCase()
  const unit = lower.slice(-1)
  const count = Number.parseInt(lower, 10)
  switch (unit) {
    case 'm':
      return count
    case 'h':
      return count * 60
    case 'd':
      return count * 1440
    case 'w':
      return count * 10080
    default:
      return count * 60
  }
}

/**
 * The timeframes sorted by `processorTimeframeMinutes`, ties kept in the given order.
 */
export function orderTimeframes(timeframes: readonly string[]): string[] {
  return [...timeframes].sort((a, b) => processorTimeframeMinutes(a) - processorTimeframeMinutes(b))
}

/**
 * The highest-frequency timeframe (the first of `orderTimeframes`).
 */
export function baseTimeframe(timeframes: readonly string[]): string {
  const [base] = orderTimeframes(timeframes)
  if (base === undefined) throw new Error('no timeframe given')
  return base
}
