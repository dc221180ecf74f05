/**
 * Average true range as the old code computed it — a simple rolling mean of the true range, not Wilder's
 * smoothing (docs/legacy-behaviour.md §3.3), column `ATR_14` — and a correct Wilder ATR, used only by the harness's
 * planted-fault canary that swaps one for the other.
 */
import { rollingMean } from './_internals/rolling.ts'
import { trueRange } from './_internals/true-range.ts'
import type { IndicatorImpl } from './types.ts'

export const ATR_DEFAULT_PERIOD = 14

/**
 * Simple-mean ATR: rolling mean of the true range with min_periods = period (rows 0…period−2 NaN).
 */
export function atr(high: Float64Array, low: Float64Array, close: Float64Array, period: number): Float64Array {
  return rollingMean(trueRange(high, low, close), period)
}

/**
 * Wilder's ATR: ATR[period−1] = mean(TR[0…period−1]); ATR[i] = (ATR[i−1] · (period − 1) + TR[i]) / period.
 */
export function wilderAtrValues(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  period: number,
): Float64Array {
  const tr = trueRange(high, low, close)
  const out = new Float64Array(tr.length).fill(NaN)
  if (tr.length < period) return out
  let average = 0
  for (let i = 0; i < period; i++) average += tr[i]!
  average /= period
  out[period - 1] = average
  for (let i = period; i < tr.length; i++) {
    average = (average * (period - 1) + tr[i]!) / period
    out[i] = average
  }
  return out
}

/** The old ATR (simple mean, period 14); column `ATR_14`. */
export const atrIndicator: IndicatorImpl = {
  minRows: ATR_DEFAULT_PERIOD + 1,
  compute: (frame) => ({
    names: [`ATR_${ATR_DEFAULT_PERIOD}`],
    columns: [atr(frame.high, frame.low, frame.close, ATR_DEFAULT_PERIOD)],
  }),
}

/** A Wilder-smoothed ATR under the same column name, for the ATR canary. */
export const wilderAtr: IndicatorImpl = {
  minRows: ATR_DEFAULT_PERIOD + 1,
  compute: (frame) => ({
    names: [`ATR_${ATR_DEFAULT_PERIOD}`],
    columns: [wilderAtrValues(frame.high, frame.low, frame.close, ATR_DEFAULT_PERIOD)],
  }),
}
