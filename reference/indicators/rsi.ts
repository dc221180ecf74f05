/**
 * RSI with a simple-mean seed and Wilder recursion, the old Python loop (docs/legacy-behaviour.md §3.3, §3.5),
 * column `<name>_<period>`.
 */
import { nanMean } from './_internals/reductions.ts'
import { diff } from './_internals/series.ts'
import { periodSourceClass } from './_shared/period-source-class.ts'
import type { IndicatorClass } from './types.ts'

/**
 * RSI of `close`. delta = close.diff(); gain = delta where positive, 0 where negative, NaN where delta is NaN
 * (loss mirrored). Seed at row `period`: the pandas means of gain and loss over rows 1…period, which skip NaN;
 * then avg = (avg · (period − 1) + x) / period, so one NaN delta after the seed makes every later value NaN
 * (quirk Q-RSI-NAN-STICKY).
 * Value = 100 − 100 / (1 + gain/loss); 100 when the loss average is 0 and the gain average positive, 50 when both
 * are 0. When every non-NaN |delta| is 0 (a flat series) the result is 50 from row `period` on. Rows 0…period−1
 * are NaN.
 *
 * @param close - closes, NaN where missing
 * @param period - averaging period (the old class default is 14)
 */
export function rsi(close: Float64Array, period: number): Float64Array {
  const out = new Float64Array(close.length).fill(NaN)
  if (close.length <= period) return out
  const delta = diff(close)
  if (delta.every((d) => !(Math.abs(d) > 0))) return out.fill(50, period)
  const gain = delta.map((d) => (d < 0 ? 0 : d))
  const loss = delta.map((d) => (d > 0 ? 0 : Math.abs(d)))
  let avgGain = nanMean(gain, 1, period + 1)
  let avgLoss = nanMean(loss, 1, period + 1)
  out[period] = rsiValue(avgGain, avgLoss)
  for (let i = period + 1; i < close.length; i++) {
    avgGain = (avgGain * (period - 1) + gain[i]!) / period
    avgLoss = (avgLoss * (period - 1) + loss[i]!) / period
    out[i] = rsiValue(avgGain, avgLoss)
  }
  return out
}

/** The old value rule; gain and loss are NaN together, so a NaN average gives NaN. */
function rsiValue(avgGain: number, avgLoss: number): number {
  if (avgLoss !== 0) return 100 - 100 / (1 + avgGain / avgLoss)
  return avgGain > 0 ? 100 : 50
}

/**
 * `RSIIndicator(period=14, source="close")`: period an int ≥ 2, source any column; column `<name.lower()>_<period>`.
 * Needs period + 1 rows.
 */
export const rsiClass: IndicatorClass = periodSourceClass({
  className: 'RSIIndicator',
  label: 'RSI',
  parameters: { period: 14, source: 'close' },
  extraRows: 1,
  prepare: () => rsi,
})
