/**
 * Average true range as the old code computed it — a simple rolling mean of the true range, not Wilder's
 * smoothing (docs/legacy-behaviour.md §3.3), column `ATR_<period>` — and a correct Wilder ATR, used only by the
 * harness's planted-fault canary that swaps one for the other.
 */
import { rollingMean } from './_internals/rolling.ts'
import { trueRange } from './_internals/true-range.ts'
import { hlcColumns } from './_shared/frame-column.ts'
import { numberOf, pythonStr, rollingPeriod } from './_params/python-args.ts'
import { schemaClassArguments } from './_params/schema.ts'
import type { IndicatorClass, IndicatorImpl } from './types.ts'

/** The old ATR class's default period. */
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

/**
 * `ATRIndicator(period=14)`, schema period int in [1, 100]; column `ATR_<period>`. Needs period + 1 rows; a bool
 * period passes the schema and then fails pandas' rolling window.
 */
export const atrClass: IndicatorClass = {
  className: 'ATRIndicator',
  configure(kwargs) {
    const params = schemaClassArguments(kwargs, 'ATRIndicator', [
      { name: 'period', type: 'int', default: 14, min: 1, max: 100 },
    ])
    return {
      minRows: numberOf(params.period as number) + 1,
      compute: (frame, _name, column) => {
        const { high, low, close } = hlcColumns(frame, column)
        return {
          names: [`ATR_${pythonStr(params.period)}`],
          columns: [atr(high, low, close, rollingPeriod(params.period))],
        }
      },
    }
  },
}

/** A Wilder-smoothed ATR under the same column name, for the ATR canary. */
export const wilderAtr: IndicatorImpl = {
  minRows: ATR_DEFAULT_PERIOD + 1,
  compute: (frame) => ({
    names: [`ATR_${ATR_DEFAULT_PERIOD}`],
    columns: [wilderAtrValues(frame.high, frame.low, frame.close, ATR_DEFAULT_PERIOD)],
  }),
}
