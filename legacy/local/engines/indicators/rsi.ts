/**
 * The old RSIIndicator (docs/legacy-behaviour.md §3.3, §3.5): simple-mean seed over bars 1…period, Wilder
 * recursion, the flat-series special case, NaN for good after a missing value past the seed, column
 * `<name.lower()>_<period>`.
 */
import type { LegacyFrame } from '../frame.ts'
import { type IndicatorOutput, type LegacyIndicator, requireRows, sourceColumn } from './indicator.ts'
import { type IndicatorKwargs, periodSourceKwargs, rejectUnknownKwargs } from './params.ts'
import { seriesMean } from './rolling.ts'

/**
 * RSIIndicator.compute for one series, the old Python loop: delta = diff(source); gain/loss = the positive parts
 * with NaN kept NaN (`gain[gain < 0] = 0` leaves NaN); when the non-NaN |delta| after the first all are 0, NaN for
 * rows 0…p−1 and 50 after. Otherwise the seed at row p is the pandas mean of gain/loss over rows 1…p (NaN
 * skipped): 100 − 100 / (1 + g/l) if l != 0 (NaN != 0, so a NaN seed gives NaN), else 100 if g > 0 else 50. Then
 * for i > p: avg = (avg·(p−1) + x) / p, a NaN x making the averages NaN for good; value 50 / 100 when
 * avg_loss == 0, else the formula. Rows 0…p−1 are NaN.
 */
export function legacyRsiValues(x: Float64Array, period: number): Float64Array {
  const n = x.length
  const rsi = new Float64Array(n).fill(NaN)
  const delta = new Float64Array(n).fill(NaN)
  for (let i = 1; i < n; i++) delta[i] = x[i] - x[i - 1]
  let absSum = 0
  for (let i = 1; i < n; i++) if (delta[i] === delta[i]) absSum += Math.abs(delta[i])
  if (absSum === 0) {
    for (let i = period; i < n; i++) rsi[i] = 50.0
    return rsi
  }
  const gain = delta.map((d) => (d < 0 ? 0 : d))
  const loss = delta.map((d) => Math.abs(d > 0 ? 0 : d))
  const firstAvgGain = seriesMean(gain, 1, period + 1)
  const firstAvgLoss = seriesMean(loss, 1, period + 1)
  if (firstAvgLoss !== 0) rsi[period] = 100 - 100 / (1 + firstAvgGain / firstAvgLoss)
  else rsi[period] = firstAvgGain > 0 ? 100.0 : 50.0
  let avgGain = firstAvgGain
  let avgLoss = firstAvgLoss
  for (let i = period + 1; i < n; i++) {
    avgGain = (avgGain * (period - 1) + gain[i]) / period
    avgLoss = (avgLoss * (period - 1) + loss[i]) / period
    if (avgLoss === 0) rsi[i] = avgGain === 0 ? 50.0 : 100.0
    else rsi[i] = 100 - 100 / (1 + avgGain / avgLoss)
  }
  return rsi
}

/** `RSIIndicator(period=14, source="close")`: period an int ≥ 2, source any column. Needs period + 1 rows. */
export class LegacyRsi implements LegacyIndicator {
  readonly className = 'RSIIndicator'
  name = 'RSI'
  readonly period: number
  readonly source: string

  constructor(kwargs: IndicatorKwargs) {
    rejectUnknownKwargs(kwargs, ['period', 'source'], this.className)
    const { period, source } = periodSourceKwargs(kwargs, 'RSI', 14)
    this.period = period
    this.source = source
  }

  compute(frame: LegacyFrame): IndicatorOutput[] {
    const x = sourceColumn(frame, this.source, 'RSI')
    requireRows(frame, this.period + 1, 'RSI')
    return [{ name: `${this.name.toLowerCase()}_${this.period}`, values: legacyRsiValues(x, this.period) }]
  }
}
