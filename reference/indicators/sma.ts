/** Simple moving average (docs/legacy-behaviour.md §3.3), column `<name>_20`. */
import { rollingMean } from './_internals/rolling.ts'
import type { IndicatorImpl } from './types.ts'

export const SMA_DEFAULT_PERIOD = 20

/**
 * Rolling mean with min_periods = period: the first period − 1 rows are NaN, and so is every window holding a NaN.
 */
export function sma(values: Float64Array, period: number): Float64Array {
  return rollingMean(values, period)
}

/** SMA with the class defaults (period 20, close); column `<name.lower()>_20`. */
export const smaIndicator: IndicatorImpl = {
  minRows: SMA_DEFAULT_PERIOD,
  compute: (frame, name) => ({
    names: [`${name.toLowerCase()}_${SMA_DEFAULT_PERIOD}`],
    columns: [sma(frame.close, SMA_DEFAULT_PERIOD)],
  }),
}
