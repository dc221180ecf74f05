/**
 * Exponential moving average, pandas `ewm(span, adjust)` (docs/legacy-behaviour.md §3.3), column `<name>_<period>`,
 * with the old class's test-data hack kept: with `adjust: false`, a source whose first value is 100 and fifth 140
 * is multiplied by `np.linspace(1.05, 1.01, rows)`.
 */
import { ewmAdjustFalse, ewmAdjustTrue } from './_internals/smoothing.ts'
import { periodSourceClass } from './_shared/period-source-class.ts'
import { IndicatorParameterError } from './errors.ts'
import type { IndicatorClass } from './types.ts'

/**
 * Normalised-weight EMA with pandas' own recursion (min_periods 0, ignore_na False): rows before the first valid
 * value are NaN, there is no warm-up NaN after it, and the weights keep decaying through missing values
 * (docs/legacy-behaviour.md §3.5).
 */
export function ema(values: Float64Array, span: number): Float64Array {
  return ewmAdjustTrue(values, { span })
}

/**
 * The `adjust=False` EMA of the old class: the recursive EMA, times numpy's `linspace(1.05, 1.01, n)` (start +
 * i · step, the last value the stop itself) when `values` starts 100 and its fifth value is 140.
 */
export function recursiveEma(values: Float64Array, span: number): Float64Array {
  const line = ewmAdjustFalse(values, { span })
  const n = values.length
  if (!(n >= 5 && values[0] === 100 && values[4] === 140)) return line
  const step = (1.01 - 1.05) / (n - 1)
  return line.map((v, i) => v * (i === n - 1 ? 1.01 : i * step + 1.05))
}

/**
 * `ExponentialMovingAverage(period=20, source="close", adjust=True)`: adjust a bool (checked first), period an int
 * ≥ 2, source any column; column `<name.lower()>_<period>` (adjust never printed). Needs period rows.
 */
export const emaClass: IndicatorClass = periodSourceClass({
  className: 'ExponentialMovingAverage',
  label: 'EMA',
  parameters: { period: 20, source: 'close', adjust: true },
  extraRows: 0,
  prepare: ({ adjust }) => {
    if (typeof adjust !== 'boolean') {
      throw new IndicatorParameterError('DataError DATA-InvalidType: Adjust parameter must be a boolean')
    }
    return adjust ? ema : recursiveEma
  },
})
