/** Exponential moving average, pandas `ewm(span, adjust=True)` (docs/legacy-behaviour.md §3.3), column `<name>_20`. */
import { ewmAdjustTrue } from './_internals/smoothing.ts'
import type { IndicatorImpl } from './types.ts'

/** */
export const EMA_DEFAULT_PERIOD = 20

/**
 * Normalised-weight EMA with pandas' own recursion (min_periods 0, ignore_na False): rows before the first valid
 * value are NaN, there is no warm-up NaN after it, and the weights keep decaying through missing values
 * (docs/legacy-behaviour.md §3.5).
 */
export function ema(values: Float64Array, span: number): Float64Array {
  return ewmAdjustTrue(values, { span })
}

/** EMA with the class defaults (period 20, close, adjust=True); column `<name.lower()>_20`. */
export const emaIndicator: IndicatorImpl = {
  minRows: EMA_DEFAULT_PERIOD,
  compute: (frame, name) => ({
    names: [`${name.toLowerCase()}_${EMA_DEFAULT_PERIOD}`],
    columns: [ema(frame.close, EMA_DEFAULT_PERIOD)],
  }),
}
