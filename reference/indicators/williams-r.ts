/**
 * The old WilliamsRIndicator (docs/legacy-behaviour.md §3.3): %R over full-window highs and lows with every NaN
 * (warm-up, zero range, missing close) replaced by −50, column `WilliamsR_<period>`.
 */
import { rollingExtreme } from './_internals/rolling.ts'
import { hlcColumns } from './_shared/frame-column.ts'
import { numberOf, pythonStr, rollingPeriod } from './_params/python-args.ts'
import { schemaClassArguments } from './_params/schema.ts'
import type { IndicatorClass } from './types.ts'

/**
 * %R = ((HH − close) / (HH − LL)) · −100 over `period`-bar highs HH and lows LL; NaN → −50 (a range of 0 with the
 * close off it stays ±∞).
 */
export function williamsR(high: Float64Array, low: Float64Array, close: Float64Array, period: number): Float64Array {
  const highest = rollingExtreme(high, period, 'max')
  const lowest = rollingExtreme(low, period, 'min')
  return close.map((c, i) => {
    const value = ((highest[i]! - c) / (highest[i]! - lowest[i]!)) * -100
    return Number.isNaN(value) ? -50 : value
  })
}

/** `WilliamsRIndicator(period=14)`, schema period int in [1, 100]. Needs period rows. */
export const williamsRClass: IndicatorClass = {
  className: 'WilliamsRIndicator',
  configure(kwargs) {
    const params = schemaClassArguments(kwargs, 'WilliamsRIndicator', [
      { name: 'period', type: 'int', default: 14, min: 1, max: 100 },
    ])
    const period = numberOf(params.period as number)
    return {
      minRows: period,
      compute: (frame, _name, column) => {
        const { high, low, close } = hlcColumns(frame, column)
        return {
          names: [`WilliamsR_${pythonStr(params.period)}`],
          columns: [williamsR(high, low, close, rollingPeriod(params.period))],
        }
      },
    }
  },
}
