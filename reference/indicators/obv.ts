/**
 * The old OBVIndicator (docs/legacy-behaviour.md §3.3): on-balance volume from 0, column `OBV` (hard-coded).
 */
import { frameColumn } from './_shared/frame-column.ts'
import { bindArguments } from './_params/python-args.ts'
import type { IndicatorClass } from './types.ts'

/**
 * obv[0] = 0; obv[i] = obv[i−1] + volume[i] when the close rose, − volume[i] when it fell, unchanged otherwise (a
 * NaN change included). A NaN volume added or subtracted makes every later value NaN.
 */
export function obv(close: Float64Array, volume: Float64Array): Float64Array {
  const out = new Float64Array(close.length)
  for (let i = 1; i < close.length; i++) {
    const change = close[i]! - close[i - 1]!
    out[i] = change > 0 ? out[i - 1]! + volume[i]! : change < 0 ? out[i - 1]! - volume[i]! : out[i - 1]!
  }
  return out
}

/** `OBVIndicator()`: takes no keyword at all. Needs 2 rows. */
export const obvClass: IndicatorClass = {
  className: 'OBVIndicator',
  configure(kwargs) {
    bindArguments(kwargs, { className: 'OBVIndicator', parameters: {}, extra: 'none' })
    return {
      minRows: 2,
      compute: (frame, _name, column) => ({
        names: ['OBV'],
        columns: [obv(frameColumn(frame, column, 'close'), frameColumn(frame, column, 'volume'))],
      }),
    }
  },
}
