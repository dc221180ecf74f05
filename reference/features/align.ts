/**
 * Putting a higher-timeframe column onto the base timeframe's bars (docs/legacy-behaviour.md §4.3 step 3): pandas
 * `reindex(base_index, method="ffill")`, then — when anything is still missing — bfill, ffill and 0.
 */

/** The source index cannot be forward-filled (pandas refuses unsorted or duplicated indexes too). */
export class AlignmentError extends Error {
  override readonly name = 'AlignmentError'
}

/**
 * For every target timestamp, the row of the last source timestamp at or before it (−1 when none).
 *
 * @throws AlignmentError when the source timestamps are not strictly increasing
 */
export function forwardFillRows(source: Float64Array, target: Float64Array, label: string): Int32Array {
  for (let i = 1; i < source.length; i++) {
    if (!(source[i]! > source[i - 1]!)) {
      throw new AlignmentError(`${label}: timestamps must be strictly increasing to align (row ${i})`)
    }
  }
  const rows = new Int32Array(target.length)
  for (let r = 0; r < target.length; r++) {
    let lo = 0
    let hi = source.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (source[mid]! <= target[r]!) lo = mid + 1
      else hi = mid
    }
    rows[r] = lo - 1
  }
  return rows
}

/**
 * `column` picked at `rows` (NaN where the row is −1).
 */
export function takeRows(column: Float64Array, rows: Int32Array): Float64Array {
  return Float64Array.from(rows, (row) => (row < 0 ? NaN : column[row]!))
}

/**
 * pandas `bfill().ffill().fillna(0)` of one column.
 */
export function fillBackForwardZero(column: Float64Array): Float64Array {
  const out = Float64Array.from(column)
  for (let i = out.length - 2; i >= 0; i--) if (Number.isNaN(out[i]!)) out[i] = out[i + 1]!
  for (let i = 1; i < out.length; i++) if (Number.isNaN(out[i]!)) out[i] = out[i - 1]!
  return out.map((v) => (Number.isNaN(v) ? 0 : v))
}
