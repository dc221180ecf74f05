/**
 * The old MACDIndicator (docs/legacy-behaviour.md §3.3, §3.5): `ewm(span, adjust=False)` lines, no warm-up NaN, hard-coded column
 * names `MACD_<f>_<s>`, `MACD_signal_<f>_<s>_<g>`, `MACD_hist_<f>_<s>_<g>` (the custom name is ignored).
 */
import type { LegacyFrame } from '../frame.ts'
import { type IndicatorOutput, type LegacyIndicator, requireRows, sourceColumn } from './indicator.ts'
import { type IndicatorKwargs, intKwarg, rejectUnknownKwargs, stringKwarg } from './params.ts'
import { pandasEwmMean } from './rolling.ts'

/** MACD line, signal and histogram of one series (spans f, s, g). */
export function legacyMacdValues(
  x: Float64Array,
  fast: number,
  slow: number,
  signal: number,
): { macd: Float64Array; signal: Float64Array; hist: Float64Array } {
  const fastEma = pandasEwmMean(x, { span: fast }, false)
  const slowEma = pandasEwmMean(x, { span: slow }, false)
  const macd = fastEma.map((v, i) => v - slowEma[i])
  const signalLine = pandasEwmMean(macd, { span: signal }, false)
  return { macd, signal: signalLine, hist: macd.map((v, i) => v - signalLine[i]) }
}

/** `MACDIndicator(fast_period=12, slow_period=26, signal_period=9, source="close")`. Needs max(f, s) + g rows. */
export class LegacyMacd implements LegacyIndicator {
  readonly className = 'MACDIndicator'
  name = 'MACD'
  readonly fast: number
  readonly slow: number
  readonly signal: number
  readonly source: string

  constructor(kwargs: IndicatorKwargs) {
    rejectUnknownKwargs(kwargs, ['fast_period', 'slow_period', 'signal_period', 'source'], this.className)
    this.fast = intKwarg(kwargs, 'fast_period', 12, 'MACD', 1, 50)
    this.slow = intKwarg(kwargs, 'slow_period', 26, 'MACD', 2, 100)
    this.signal = intKwarg(kwargs, 'signal_period', 9, 'MACD', 1, 50)
    this.source = stringKwarg(kwargs, 'source', 'close', 'MACD')
  }

  compute(frame: LegacyFrame): IndicatorOutput[] {
    const x = sourceColumn(frame, this.source, 'MACD')
    requireRows(frame, Math.max(this.slow, this.fast) + this.signal, 'MACD')
    const { macd, signal, hist } = legacyMacdValues(x, this.fast, this.slow, this.signal)
    const tail = `${this.fast}_${this.slow}`
    return [
      { name: `MACD_${tail}`, values: macd },
      { name: `MACD_signal_${tail}_${this.signal}`, values: signal },
      { name: `MACD_hist_${tail}_${this.signal}`, values: hist },
    ]
  }
}
