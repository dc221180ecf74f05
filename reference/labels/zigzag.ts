/**
 * ZigZag pivots on closes and the segment labels the old local path trained on (docs/legacy-behaviour.md §5.1):
 * BUY (0) between a pivot and a higher next pivot, SELL (2) otherwise, HOLD (1) on pivots and after the last one.
 */

/** Label ints used everywhere (§0 conventions). */
export const LABEL = { BUY: 0, HOLD: 1, SELL: 2 } as const

/** Bad zigzag input (threshold outside (0, 1) or fewer than 3 bars). */
export class LabelError extends Error {
  override readonly name = 'LabelError'
}

/**
 * The pivot bars, in order. Bar 0 is always a pivot. With pct = (close − P) / P against the current pivot price P:
 * while the direction is unknown, |pct| ≥ threshold sets it and marks the bar; going up, a strictly higher close
 * replaces the last pivot and pct ≤ −threshold turns down at this bar (down mirrors). Ties and NaN closes change
 * nothing.
 *
 * @throws LabelError when threshold is not in (0, 1) or there are fewer than 3 closes
 */
export function zigzagPivots(close: Float64Array, threshold: number): Int32Array {
  if (!(threshold > 0 && threshold < 1)) throw new LabelError(`zigzag threshold must be in (0, 1), got ${threshold}`)
  if (close.length < 3) throw new LabelError(`zigzag needs at least 3 bars, got ${close.length}`)
  const pivots = [0]
  let price = close[0]!
  let direction: 'unknown' | 'up' | 'down' = 'unknown'
  for (let i = 1; i < close.length; i++) {
    const c = close[i]!
    const pct = (c - price) / price
    if (direction === 'unknown') {
      if (Math.abs(pct) >= threshold) {
        direction = pct > 0 ? 'up' : 'down'
        pivots.push(i)
        price = c
      }
    } else if (direction === 'up' ? c > price : c < price) {
      pivots[pivots.length - 1] = i
      price = c
    } else if (direction === 'up' ? pct <= -threshold : pct >= threshold) {
      direction = direction === 'up' ? 'down' : 'up'
      pivots.push(i)
      price = c
    }
  }
  return Int32Array.from(pivots)
}

/**
 * One segment label per bar of `baseClose` (the base timeframe's closes after date filtering).
 *
 * @throws LabelError as `zigzagPivots`
 */
export function createLabels(baseClose: Float64Array, threshold: number): Int32Array {
  return segmentLabels(baseClose, zigzagPivots(baseClose, threshold))
}

/**
 * Segment labels from given pivots: bars strictly between consecutive pivots get BUY when the later pivot's
 * close is higher, else SELL; everything else HOLD.
 */
export function segmentLabels(close: Float64Array, pivots: Int32Array): Int32Array {
  const labels = new Int32Array(close.length).fill(LABEL.HOLD)
  for (let k = 0; k + 1 < pivots.length; k++) {
    const from = pivots[k]!
    const to = pivots[k + 1]!
    const label = close[to]! > close[from]! ? LABEL.BUY : LABEL.SELL
    labels.fill(label, from + 1, to)
  }
  return labels
}
