/**
 * Row selection on a legacy frame: pandas' inclusive label slice `df.loc[start:end]` and the loader's boolean
 * date mask, plus taking rows of a ColumnSet.
 */
import type { ColumnSet } from '../../../reference/runtime/probes.ts'
import { LegacyDataError } from './errors.ts'

/** Rows [from, to) of a frame (copies). */
export function takeRows(frame: ColumnSet, from: number, to: number): ColumnSet {
  return {
    timestamps: frame.timestamps.slice(from, to),
    names: [...frame.names],
    columns: frame.columns.map((column) => column.slice(from, to)),
  }
}

/** Rows where `keep(i)` holds, in order (copies). */
export function filterRows(frame: ColumnSet, keep: (i: number) => boolean): ColumnSet {
  const rows: number[] = []
  for (let i = 0; i < frame.timestamps.length; i++) if (keep(i)) rows.push(i)
  const pick = (source: Float64Array): Float64Array => Float64Array.from(rows, (r) => source[r])
  return { timestamps: pick(frame.timestamps), names: [...frame.names], columns: frame.columns.map(pick) }
}

function isMonotonicIncreasing(timestamps: Float64Array): boolean {
  for (let i = 1; i < timestamps.length; i++) if (timestamps[i] < timestamps[i - 1]) return false
  return true
}

/**
 * pandas' label slice `df.loc[start:end]` on a DatetimeIndex, both bounds inclusive (docs/legacy-behaviour.md §2.2).
 * On a monotonic index every row with start ≤ t ≤ end is kept. On a non-monotonic index pandas only accepts
 * bounds that occur exactly once (then it slices by their positions); anything else raised a KeyError, kept here.
 *
 * @param what - names the data in the error message (file and timeframe)
 */
export function labelSlice(frame: ColumnSet, start: number, end: number, what: string): ColumnSet {
  const ts = frame.timestamps
  if (isMonotonicIncreasing(ts)) {
    let from = 0
    while (from < ts.length && ts[from] < start) from++
    let to = from
    while (to < ts.length && ts[to] <= end) to++
    return takeRows(frame, from, to)
  }
  const position = (bound: number, side: string): number => {
    const hits: number[] = []
    ts.forEach((t, i) => {
      if (t === bound) hits.push(i)
    })
    if (hits.length !== 1) {
      const reason = hits.length === 0 ? 'with non-existing keys' : 'with a non-unique key'
      throw new LegacyDataError(
        'DATA-NonMonotonicIndex',
        `${what}: value-based slicing of a non-monotonic DatetimeIndex ${reason} is not allowed ` +
          `(${side} bound ${new Date(bound).toISOString()})`,
      )
    }
    return hits[0]
  }
  const from = position(start, 'left')
  const to = position(end, 'right') + 1
  return takeRows(frame, from, Math.max(from, to))
}
