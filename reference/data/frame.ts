/**
 * Small structural helpers over `OhlcvFrame`: row count, row selection by mask, and building a frame from
 * columns. Shared by the CSV reader, the date filters, resampling and the synthetic generator.
 */
import type { OhlcvFrame } from './types.ts'

/** The five OHLCV price/volume columns, in file order. */
export const OHLCV_COLUMNS = ['open', 'high', 'low', 'close', 'volume'] as const

/** Number of bars in a frame. */
export function frameLength(frame: OhlcvFrame): number {
  return frame.timestamps.length
}

/**
 * A new frame with the rows for which `keep(i)` is true, in their original order (no sorting).
 */
export function selectRows(frame: OhlcvFrame, keep: (row: number) => boolean): OhlcvFrame {
  const rows: number[] = []
  for (let i = 0; i < frame.timestamps.length; i++) if (keep(i)) rows.push(i)
  const pick = (column: Float64Array): Float64Array => Float64Array.from(rows, (r) => column[r]!)
  return {
    symbol: frame.symbol,
    timeframe: frame.timeframe,
    timestamps: pick(frame.timestamps),
    open: pick(frame.open),
    high: pick(frame.high),
    low: pick(frame.low),
    close: pick(frame.close),
    volume: pick(frame.volume),
    extra: { names: [...frame.extra.names], columns: frame.extra.columns.map(pick) },
  }
}

/**
 * The rows whose timestamp lies in [startMs, endMs] (both inclusive), in original order.
 */
export function selectTimeRange(frame: OhlcvFrame, startMs: number, endMs: number): OhlcvFrame {
  return selectRows(frame, (i) => frame.timestamps[i]! >= startMs && frame.timestamps[i]! <= endMs)
}
