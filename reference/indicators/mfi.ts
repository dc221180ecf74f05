/**
 * The old MFIIndicator (docs/legacy-behaviour.md §3.3): money flow index over windows of typical-price changes,
 * with its own parameter check and a refusal of negative volume. Its result is an unnamed series, so the column
 * takes the strategy entry's `name` as written.
 */
import { typicalPrice } from './_internals/typical-price.ts'
import { frameColumn, hlcColumns } from './_shared/frame-column.ts'
import { IndicatorError } from './errors.ts'
import { bindArguments, checkedIntArgument, numberOf } from './_params/python-args.ts'
import type { IndicatorClass } from './types.ts'

/**
 * For each i ≥ period, over j = i − period + 1 … i: money flow TP[j] · volume[j] goes to the positive sum when
 * TP rose at j, to the negative sum when it fell (NaN changes skipped). MFI = 100 when the negative sum is 0, 0
 * when the positive sum is, else 100 − 100 / (1 + positive / negative). Rows before `period` NaN.
 */
export function mfi(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  volume: Float64Array,
  period: number,
): Float64Array {
  const tp = typicalPrice(high, low, close)
  const out = new Float64Array(tp.length).fill(NaN)
  for (let i = period; i < tp.length; i++) {
    let positive = 0
    let negative = 0
    for (let j = i - period + 1; j <= i; j++) {
      const change = j === 0 ? NaN : tp[j]! - tp[j - 1]!
      if (change > 0) positive += tp[j]! * volume[j]!
      else if (change < 0) negative += tp[j]! * volume[j]!
    }
    out[i] = negative === 0 ? 100 : positive === 0 ? 0 : 100 - 100 / (1 + positive / negative)
  }
  return out
}

/** `MFIIndicator(period=14)`, an int in [1, 100]. Needs period + 1 rows and no negative volume. */
export const mfiClass: IndicatorClass = {
  className: 'MFIIndicator',
  configure(kwargs) {
    const { named } = bindArguments(kwargs, { className: 'MFIIndicator', parameters: { period: 14 }, extra: 'none' })
    const period = checkedIntArgument(named.period, 'MFI period', 1, 100)
    return {
      minRows: numberOf(period) + 1,
      compute: (frame, name, column) => {
        const volume = frameColumn(frame, column, 'volume')
        if (volume.some((v) => v < 0)) throw new IndicatorError('MFI indicator requires non-negative volume values')
        const { high, low, close } = hlcColumns(frame, column)
        return { names: [name], columns: [mfi(high, low, close, volume, numberOf(period))] }
      },
    }
  },
}
