/**
 * MACD 12/26/9 on recursive EMAs (docs/legacy-behaviour.md §3.3); the three column names are hard-coded
 * (`MACD_12_26`, `MACD_signal_12_26_9`, `MACD_hist_12_26_9`), the strategy name is ignored.
 */
import { ewmAdjustFalse } from './_internals/smoothing.ts'
import type { IndicatorImpl } from './types.ts'

/** The old class defaults. */
export const MACD_DEFAULTS = { fast: 12, slow: 26, signal: 9 } as const

/** MACD line, signal line and histogram. */
export interface MacdLines {
  readonly macd: Float64Array
  readonly signal: Float64Array
  readonly histogram: Float64Array
}

/**
 * macd = EMA(fast) − EMA(slow), signal = EMA(signal) of macd, histogram = macd − signal, every EMA being
 * `ewm(span, adjust=False)` seeded with its first valid value, so there is no NaN warm-up; a missing close
 * repeats the lines and the averages keep decaying through it (docs/legacy-behaviour.md §3.5).
 */
export function macd(close: Float64Array, fast: number, slow: number, signalSpan: number): MacdLines {
  const fastLine = ewmAdjustFalse(close, { span: fast })
  const slowLine = ewmAdjustFalse(close, { span: slow })
  const line = fastLine.map((v, i) => v - slowLine[i]!)
  const signal = ewmAdjustFalse(line, { span: signalSpan })
  return { macd: line, signal, histogram: line.map((v, i) => v - signal[i]!) }
}

/** MACD with the class defaults; needs max(fast, slow) + signal = 35 bars. */
export const macdIndicator: IndicatorImpl = {
  minRows: Math.max(MACD_DEFAULTS.fast, MACD_DEFAULTS.slow) + MACD_DEFAULTS.signal,
  compute: (frame) => {
    const { fast, slow, signal } = MACD_DEFAULTS
    const lines = macd(frame.close, fast, slow, signal)
    return {
      names: [`MACD_${fast}_${slow}`, `MACD_signal_${fast}_${slow}_${signal}`, `MACD_hist_${fast}_${slow}_${signal}`],
      columns: [lines.macd, lines.signal, lines.histogram],
    }
  },
}
