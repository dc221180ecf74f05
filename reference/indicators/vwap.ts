/**
 * The old VWAPIndicator (docs/legacy-behaviour.md §3.3): volume-weighted average of the typical price (or the
 * close), over a rolling window of partial sums or, with period 0, cumulatively; column
 * `VWAP_<period>_<typical|close>` or `VWAP_cumulative_<typical|close>`.
 */
import { rollingSum } from './_internals/rolling.ts'
import { cumulativeSum } from './_internals/sums.ts'
import { typicalPrice } from './_internals/typical-price.ts'
import { frameColumn } from './_shared/frame-column.ts'
import { numberOf, pythonStr, rollingPeriod } from './_params/python-args.ts'
import { schemaClassArguments } from './_params/schema.ts'
import type { IndicatorClass } from './types.ts'

/**
 * Σ(price · volume) / Σ volume over the last `period` rows (min_periods 1, NaN rows skipped), or from the first row
 * when `period` is 0; a zero volume sum gives NaN, and so does ±∞.
 */
export function vwap(price: Float64Array, volume: Float64Array, period: number): Float64Array {
  const weighted = price.map((p, i) => p * volume[i]!)
  const numerator = period === 0 ? cumulativeSum(weighted) : rollingSum(weighted, period, 1)
  const denominator = period === 0 ? cumulativeSum(volume) : rollingSum(volume, period, 1)
  return numerator.map((n, i) => {
    const value = n / (denominator[i] === 0 ? NaN : denominator[i]!)
    return value === Infinity || value === -Infinity ? NaN : value
  })
}

/**
 * `VWAPIndicator(period=20, use_typical_price=True)`, schema period int in [0, 200] and a bool. Needs max(1, period)
 * rows.
 */
export const vwapClass: IndicatorClass = {
  className: 'VWAPIndicator',
  configure(kwargs) {
    const params = schemaClassArguments(kwargs, 'VWAPIndicator', [
      { name: 'period', type: 'int', default: 20, min: 0, max: 200 },
      { name: 'use_typical_price', type: 'bool', default: true },
    ])
    const period = numberOf(params.period as number)
    const typical = params.use_typical_price as boolean
    const priceType = typical ? 'typical' : 'close'
    return {
      minRows: Math.max(1, period),
      compute: (frame, _name, column) => {
        const volume = frameColumn(frame, column, 'volume')
        const close = frameColumn(frame, column, 'close')
        const price = typical
          ? typicalPrice(frameColumn(frame, column, 'high'), frameColumn(frame, column, 'low'), close)
          : close
        return {
          names: [period === 0 ? `VWAP_cumulative_${priceType}` : `VWAP_${pythonStr(params.period)}_${priceType}`],
          columns: [vwap(price, volume, period === 0 ? 0 : rollingPeriod(params.period, false))],
        }
      },
    }
  },
}
