/**
 * The old ZigZag segment labels (docs/legacy-behaviour.md §5.1): pivots on close with a relative threshold, then every
 * bar strictly between two pivots labelled by the direction of the later pivot; pivots and bars after the last
 * pivot stay HOLD. BUY = 0, HOLD = 1, SELL = 2.
 *
 * NaN closes follow the Python comparisons literally: any comparison with NaN is false, so a NaN close never moves
 * a pivot or the direction; a NaN close at bar 0 makes the reference price NaN, nothing ever qualifies and bar 0's
 * pivot is itself NaN (the old `~isnan` pivot scan skips it), so every label is HOLD.
 */
import { LegacyIndicatorDataError, LegacyValueError } from './errors.ts'

export const LEGACY_BUY = 0
export const LEGACY_HOLD = 1
export const LEGACY_SELL = 2

/**
 * Zigzag pivot prices: `NaN` everywhere except at the surviving pivots (the old `ZigZagIndicator.compute`).
 *
 * @throws LegacyValueError when threshold ≤ 0 or ≥ 1; LegacyIndicatorDataError with fewer than 3 rows
 */
export function legacyZigzagPivots(close: Float64Array, threshold: number): Float64Array {
  if (threshold <= 0 || threshold >= 1) {
    throw new LegacyValueError(`Threshold must be between 0 and 1, got ${threshold}`)
  }
  if (close.length < 3) {
    throw new LegacyIndicatorDataError(
      'DATA-InsufficientData',
      `Insufficient data: ${close.length} points available, 3 required`,
    )
  }
  const zigzag = new Float64Array(close.length).fill(NaN)
  let pivot = 0
  let pivotPrice = close[0]
  let direction = 0
  zigzag[0] = close[0]
  for (let i = 1; i < close.length; i++) {
    const price = close[i]
    const pct = (price - pivotPrice) / pivotPrice
    let mark = false
    if (direction === 0) {
      if (Math.abs(pct) >= threshold) {
        direction = pct > 0 ? 1 : -1
        mark = true
      }
    } else if (direction === 1) {
      if (price > pivotPrice) {
        zigzag[pivot] = NaN
        mark = true
      } else if (pct <= -threshold) {
        direction = -1
        mark = true
      }
    } else if (price < pivotPrice) {
      zigzag[pivot] = NaN
      mark = true
    } else if (pct >= threshold) {
      direction = 1
      mark = true
    }
    if (mark) {
      zigzag[i] = price
      pivot = i
      pivotPrice = price
    }
  }
  return zigzag
}

/**
 * `ZigZagLabeler.generate_segment_labels` on a close series (`label_lookahead` is unused on this path).
 *
 * @returns one label per bar
 */
export function legacyZigzagSegmentLabels(close: Float64Array, threshold: number): Int32Array {
  const zigzag = legacyZigzagPivots(close, threshold)
  const labels = new Int32Array(close.length).fill(LEGACY_HOLD)
  const pivots: number[] = []
  zigzag.forEach((v, i) => {
    if (v === v) pivots.push(i)
  })
  for (let k = 0; k + 1 < pivots.length; k++) {
    const segment = zigzag[pivots[k + 1]] > zigzag[pivots[k]] ? LEGACY_BUY : LEGACY_SELL
    for (let j = pivots[k] + 1; j < pivots[k + 1]; j++) labels[j] = segment
  }
  return labels
}
