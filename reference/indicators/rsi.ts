/**
 * RSI with a simple-mean seed and Wilder recursion (docs/legacy-behaviour.md §3.3), column `<name>_14`.
 */
import type { IndicatorImpl } from './types.ts'

export const RSI_DEFAULT_PERIOD = 14

/**
 * RSI of `close`: delta[i] = close[i] − close[i−1] (a NaN delta counts as no gain and no loss); the averages are
 * seeded with the mean of bars 1…period, then avg = (avg · (period − 1) + x) / period. Value = 100 − 100 / (1 +
 * gain/loss), or 100 when the loss average is 0 and the gain average positive, 50 when both are 0 (which also
 * gives the old flat-series result). Rows 0…period−1 are NaN.
 *
 * @param close - closes, NaN where missing
 * @param period - averaging period (the old class default is 14)
 */
export function rsi(close: Float64Array, period: number): Float64Array {
  const out = new Float64Array(close.length).fill(NaN)
  if (close.length <= period) return out
  let avgGain = 0
  let avgLoss = 0
  for (let i = 1; i <= period; i++) {
    avgGain += gainAt(close, i)
    avgLoss += lossAt(close, i)
  }
  avgGain /= period
  avgLoss /= period
  out[period] = rsiValue(avgGain, avgLoss)
  for (let i = period + 1; i < close.length; i++) {
    avgGain = (avgGain * (period - 1) + gainAt(close, i)) / period
    avgLoss = (avgLoss * (period - 1) + lossAt(close, i)) / period
    out[i] = rsiValue(avgGain, avgLoss)
  }
  return out
}

function gainAt(close: Float64Array, i: number): number {
  const delta = close[i]! - close[i - 1]!
  return delta > 0 ? delta : 0
}

function lossAt(close: Float64Array, i: number): number {
  const delta = close[i]! - close[i - 1]!
  return delta < 0 ? -delta : 0
}

function rsiValue(avgGain: number, avgLoss: number): number {
  if (avgLoss !== 0) return 100 - 100 / (1 + avgGain / avgLoss)
  return avgGain > 0 ? 100 : 50
}

/** RSI with the class defaults (period 14, close); column `<name.lower()>_14`. */
export const rsiIndicator: IndicatorImpl = {
  minRows: RSI_DEFAULT_PERIOD + 1,
  compute: (frame, name) => ({
    names: [`${name.toLowerCase()}_${RSI_DEFAULT_PERIOD}`],
    columns: [rsi(frame.close, RSI_DEFAULT_PERIOD)],
  }),
}
