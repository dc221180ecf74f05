/**
 * The old RSIIndicator (docs/legacy-behaviour.md §3.3): simple-mean seed over bars 1…period, Wilder recursion, the
 * flat-series special case, column `<name.lower()>_<period>`.
 */
import type { LegacyFrame } from '../frame.ts'
import { type IndicatorOutput, type LegacyIndicator, requireRows, sourceColumn } from './indicator.ts'
import { type IndicatorKwargs, intKwarg, rejectUnknownKwargs, stringKwarg } from './params.ts'

/**
 * RSI values for one series, in the brief's operation order: delta[i] = x[i] − x[i−1]; gain/loss = positive part
 * (a NaN delta counts as 0 gain and 0 loss, the shared convention; pandas would have carried NaN forward);
 * seed = Σ_{1..p} / p; avg = (avg·(p−1) + g) / p; value = 100 − 100 / (1 + avgGain / avgLoss), or 100 / 50 when
 * avgLoss is 0. Rows 0…p−1 are NaN. When every non-NaN delta is 0 the old code returned 50 from row p on.
 */
export function legacyRsiValues(x: Float64Array, period: number): Float64Array {
  const n = x.length
  const out = new Float64Array(n).fill(NaN)
  const gain = new Float64Array(n)
  const loss = new Float64Array(n)
  let absSum = 0
  for (let i = 1; i < n; i++) {
    const delta = x[i] - x[i - 1]
    if (delta === delta) absSum += Math.abs(delta)
    gain[i] = delta > 0 ? delta : 0
    loss[i] = delta < 0 ? -delta : 0
  }
  if (absSum === 0) {
    for (let i = period; i < n; i++) out[i] = 50.0
    return out
  }
  let sg = 0
  let sl = 0
  for (let i = 1; i <= period; i++) {
    sg += gain[i]
    sl += loss[i]
  }
  let avgGain = sg / period
  let avgLoss = sl / period
  const value = (): number => (avgLoss !== 0 ? 100 - 100 / (1 + avgGain / avgLoss) : avgGain > 0 ? 100 : 50)
  out[period] = value()
  for (let i = period + 1; i < n; i++) {
    avgGain = (avgGain * (period - 1) + gain[i]) / period
    avgLoss = (avgLoss * (period - 1) + loss[i]) / period
    out[i] = value()
  }
  return out
}

/** `RSIIndicator(period=14, source="close")`. Needs period + 1 rows. */
export class LegacyRsi implements LegacyIndicator {
  readonly className = 'RSIIndicator'
  name = 'RSI'
  readonly period: number
  readonly source: string

  constructor(kwargs: IndicatorKwargs) {
    rejectUnknownKwargs(kwargs, ['period', 'source'], this.className)
    this.period = intKwarg(kwargs, 'period', 14, 'RSI', 2)
    this.source = stringKwarg(kwargs, 'source', 'close', 'RSI')
  }

  compute(frame: LegacyFrame): IndicatorOutput[] {
    const x = sourceColumn(frame, this.source, 'RSI')
    requireRows(frame, this.period + 1, 'RSI')
    return [{ name: `${this.name.toLowerCase()}_${this.period}`, values: legacyRsiValues(x, this.period) }]
  }
}
