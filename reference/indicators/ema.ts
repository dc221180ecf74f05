/** Exponential moving average, pandas `ewm(span, adjust=True)` (docs/legacy-behaviour.md §3.3), column `<name>_20`. */
import { spanAlpha } from './_internals/smoothing.ts'
import type { IndicatorImpl } from './types.ts'

export const EMA_DEFAULT_PERIOD = 20

/**
 * Normalised-weight EMA, computed with pandas' own recursion (min_periods 0, ignore_na False): with w the weight
 * of the running average, each new value gives w ← w · (1 − α); y ← (w · y + x) / (w + 1) (skipped when y == x);
 * w ← w + 1. A NaN input decays w and keeps y; rows before the first valid value are NaN. No warm-up NaN.
 */
export function ema(values: Float64Array, span: number): Float64Array {
  const out = new Float64Array(values.length).fill(NaN)
  const decay = 1 - spanAlpha(span)
  let average = NaN
  let weight = 1
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!
    if (Number.isNaN(average)) {
      average = v
    } else {
      weight *= decay
      if (!Number.isNaN(v)) {
        if (average !== v) average = (weight * average + v) / (weight + 1)
        weight += 1
      }
    }
    out[i] = average
  }
  return out
}

/** EMA with the class defaults (period 20, close, adjust=True); column `<name.lower()>_20`. */
export const emaIndicator: IndicatorImpl = {
  minRows: EMA_DEFAULT_PERIOD,
  compute: (frame, name) => ({
    names: [`${name.toLowerCase()}_${EMA_DEFAULT_PERIOD}`],
    columns: [ema(frame.close, EMA_DEFAULT_PERIOD)],
  }),
}
