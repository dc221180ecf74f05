/**
 * OHLCV aggregation to a coarser timeframe (docs/architecture.md §3.6: 4h and 1d are derived from the 1h base this way).
 */
import { DataError } from './errors.ts'
import { timeframeMs } from './timeframe.ts'
import type { OhlcvFrame } from './types.ts'

/**
 * Aggregates bars into `targetTimeframe` buckets aligned to multiples of the bucket length since the UTC epoch
 * (so `1d` buckets start at 00:00 UTC, `4h` at 00, 04, 08 … UTC; `1w` buckets start on Thursdays).
 * Per bucket: open = first, high = max, low = min, close = last, volume = sum, extra columns = last; NaN values are
 * skipped as pandas' resample does (a bucket whose values are all NaN gets NaN, or 0 for volume). A bucket is
 * stamped with its start time; buckets with no bar are omitted. Consecutive bars of the same bucket form one
 * output bar, so the input is expected in time order (as resampling unsorted data is not meaningful).
 *
 * @throws DataError for a month timeframe (`1M`), which has no fixed length
 */
export function resampleOhlcv(frame: OhlcvFrame, targetTimeframe: string): OhlcvFrame {
  const step = timeframeMs(targetTimeframe)
  if (step === null) throw new DataError(`resample: timeframe ${targetTimeframe} has no fixed length`)
  const n = frame.timestamps.length
  const starts: number[] = []
  for (let i = 0; i < n; i++) {
    if (i === 0 || bucketOf(frame.timestamps[i]!, step) !== bucketOf(frame.timestamps[i - 1]!, step)) starts.push(i)
  }
  const ends = starts.slice(1).concat(n)
  const aggregate = (column: Float64Array, pick: (values: number[]) => number): Float64Array =>
    Float64Array.from(starts, (s, b) => {
      const values: number[] = []
      for (let i = s; i < ends[b]!; i++) if (!Number.isNaN(column[i]!)) values.push(column[i]!)
      return values.length === 0 ? NaN : pick(values)
    })
  const first = (v: number[]): number => v[0]!
  const last = (v: number[]): number => v[v.length - 1]!
  const sum = (v: number[]): number => v.reduce((a, b) => a + b, 0)
  const volume = aggregate(frame.volume, sum).map((v) => (Number.isNaN(v) ? 0 : v))
  return {
    symbol: frame.symbol,
    timeframe: targetTimeframe,
    timestamps: Float64Array.from(starts, (s) => bucketOf(frame.timestamps[s]!, step)),
    open: aggregate(frame.open, first),
    high: aggregate(frame.high, (v) => Math.max(...v)),
    low: aggregate(frame.low, (v) => Math.min(...v)),
    close: aggregate(frame.close, last),
    volume,
    extra: { names: [...frame.extra.names], columns: frame.extra.columns.map((c) => aggregate(c, last)) },
  }
}

function bucketOf(ms: number, step: number): number {
  return Math.floor(ms / step) * step
}
