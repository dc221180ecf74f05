/**
 * The old CCIIndicator (docs/legacy-behaviour.md §3.3): commodity channel index of the typical price. Its result
 * is an unnamed series, so the column takes the indicator's name: the strategy entry's `name` as written.
 */
import { nanMean } from './_internals/reductions.ts'
import { rollingMean } from './_internals/rolling.ts'
import { typicalPrice } from './_internals/typical-price.ts'
import { hlcColumns } from './_shared/frame-column.ts'
import { numberOf, rollingPeriod } from './_params/python-args.ts'
import { schemaClassArguments } from './_params/schema.ts'
import type { IndicatorClass } from './types.ts'

/**
 * CCI = (TP − SMA) / (0.015 · MD) with TP the typical price, SMA its full-window mean and MD the mean of
 * |TP[j] − SMA[i]| over the same window (pandas' `Series.mean()`, NaN skipped); NaN during warm-up and for windows holding a NaN,
 * NaN where MD = 0 and TP = SMA, ±∞ where MD = 0 otherwise.
 */
export function cci(high: Float64Array, low: Float64Array, close: Float64Array, period: number): Float64Array {
  const tp = typicalPrice(high, low, close)
  const sma = rollingMean(tp, period)
  return tp.map((v, i) => {
    if (i < period - 1) return NaN
    const deviations = tp.subarray(i - period + 1, i + 1).map((x) => Math.abs(x - sma[i]!))
    return (v - sma[i]!) / (0.015 * nanMean(deviations, 0, period))
  })
}

/** `CCIIndicator(period=20)`, schema period int in [2, 100]. Needs period rows. */
export const cciClass: IndicatorClass = {
  className: 'CCIIndicator',
  configure(kwargs) {
    const params = schemaClassArguments(kwargs, 'CCIIndicator', [
      { name: 'period', type: 'int', default: 20, min: 2, max: 100 },
    ])
    return {
      minRows: numberOf(params.period as number),
      compute: (frame, name, column) => {
        const { high, low, close } = hlcColumns(frame, column)
        return { names: [name], columns: [cci(high, low, close, rollingPeriod(params.period))] }
      },
    }
  },
}
