/**
 * ADX 14 with Wilder smoothing as `ewm(alpha = 1/period, adjust=False)` (docs/legacy-behaviour.md §3.3) and its eight
 * hard-coded columns (`ADX_14`, `DI_Plus_14`, `DI_Minus_14`, `DX_14`, `TR_14`, `ADX_Slope_14`, `DI_Spread_14`,
 * `ADX_Momentum_14`).
 */
import { ewmAdjustFalse } from './_internals/smoothing.ts'
import { trueRange } from './_internals/true-range.ts'
import type { IndicatorImpl } from './types.ts'

export const ADX_DEFAULT_PERIOD = 14

/** Every ADX output line. `tr` is the raw true range. */
export interface AdxLines {
  readonly adx: Float64Array
  readonly diPlus: Float64Array
  readonly diMinus: Float64Array
  readonly dx: Float64Array
  readonly tr: Float64Array
  readonly slope: Float64Array
  readonly spread: Float64Array
  readonly momentum: Float64Array
}

/**
 * +DM = up if up > down and up > 0 else 0 (−DM mirrored; 0 on bar 0); DI± = 100 · (DM±ₛ / TRₛ) (0 where TRₛ = 0);
 * DX = 100 · (|DI+ − DI−| / (DI+ + DI−)) (0 where the sum is 0); ADX = Wilder(DX); slope = ADX − ADX 3 bars back;
 * spread = DI+ − DI−; momentum = (ADX / ADX 5 bars back − 1) · 100.
 */
export function adx(high: Float64Array, low: Float64Array, close: Float64Array, period: number): AdxLines {
  const n = high.length
  const plusDm = new Float64Array(n)
  const minusDm = new Float64Array(n)
  for (let i = 1; i < n; i++) {
    const up = high[i]! - high[i - 1]!
    const down = low[i - 1]! - low[i]!
    plusDm[i] = up > down && up > 0 ? up : 0
    minusDm[i] = down > up && down > 0 ? down : 0
  }
  const alpha = 1 / period
  const tr = trueRange(high, low, close)
  const smoothedTr = ewmAdjustFalse(tr, alpha)
  const plus = ewmAdjustFalse(plusDm, alpha)
  const minus = ewmAdjustFalse(minusDm, alpha)
  const diPlus = plus.map((p, i) => (smoothedTr[i] === 0 ? 0 : 100 * (p / smoothedTr[i]!)))
  const diMinus = minus.map((m, i) => (smoothedTr[i] === 0 ? 0 : 100 * (m / smoothedTr[i]!)))
  const dx = diPlus.map((p, i) => {
    const sum = p + diMinus[i]!
    return sum === 0 ? 0 : 100 * (Math.abs(p - diMinus[i]!) / sum)
  })
  const adxLine = ewmAdjustFalse(dx, alpha)
  return {
    adx: adxLine,
    diPlus,
    diMinus,
    dx,
    tr,
    slope: adxLine.map((v, i) => (i < 3 ? NaN : v - adxLine[i - 3]!)),
    spread: diPlus.map((p, i) => p - diMinus[i]!),
    momentum: adxLine.map((v, i) => (i < 5 ? NaN : (v / adxLine[i - 5]! - 1) * 100)),
  }
}

/** ADX with the class default period 14; needs 2 · period + 1 bars. */
export const adxIndicator: IndicatorImpl = {
  minRows: 2 * ADX_DEFAULT_PERIOD + 1,
  compute: (frame) => {
    const p = ADX_DEFAULT_PERIOD
    const l = adx(frame.high, frame.low, frame.close, p)
    return {
      names: [
        `ADX_${p}`,
        `DI_Plus_${p}`,
        `DI_Minus_${p}`,
        `DX_${p}`,
        `TR_${p}`,
        `ADX_Slope_${p}`,
        `DI_Spread_${p}`,
        `ADX_Momentum_${p}`,
      ],
      columns: [l.adx, l.diPlus, l.diMinus, l.dx, l.tr, l.slope, l.spread, l.momentum],
    }
  },
}
