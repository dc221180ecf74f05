/** The price columns of a frame in the old DataFrame order: OHLCV, then extra CSV columns (docs/legacy-behaviour.md §2.1). */
import type { OhlcvFrame } from '../../data/types.ts'
import type { ColumnSet } from '../../runtime/probes.ts'

/**
 * The frame as named columns: `open, high, low, close, volume`, then its extra columns.
 */
export function priceColumnSet(frame: OhlcvFrame): ColumnSet {
  return {
    timestamps: frame.timestamps,
    names: ['open', 'high', 'low', 'close', 'volume', ...frame.extra.names],
    columns: [frame.open, frame.high, frame.low, frame.close, frame.volume, ...frame.extra.columns],
  }
}
