/** Simple moving average (docs/legacy-behaviour.md §3.3), column `<name>_<period>`. */
import { rollingMean } from './_internals/rolling.ts'
import { periodSourceClass } from './_shared/period-source-class.ts'
import type { IndicatorClass } from './types.ts'

/**
 * Rolling mean with min_periods = period: the first period − 1 rows are NaN, and so is every window holding a NaN.
 */
export function sma(values: Float64Array, period: number): Float64Array {
  return rollingMean(values, period)
}

/**
 * `SimpleMovingAverage(period=20, source="close")`: period an int ≥ 2, source any column; column
 * `<name.lower()>_<period>`. Needs period rows.
 */
export const smaClass: IndicatorClass = periodSourceClass({
  className: 'SimpleMovingAverage',
  label: 'SMA',
  parameters: { period: 20, source: 'close' },
  extraRows: 0,
  prepare: () => sma,
})
