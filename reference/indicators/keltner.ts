/**
 * The old KeltnerChannelsIndicator (docs/legacy-behaviour.md §3.3): EMA of the close (`ewm(span, adjust=False)`)
 * ± multiplier · ATR, the ATR a simple rolling mean of the true range; width, position and squeeze ratio.
 * Columns are hard-coded with the parameters as Python printed them (`KC_Upper_20_10_2.0`).
 */
import { ewmAdjustFalse } from './_internals/smoothing.ts'
import { hlcColumns } from './_shared/frame-column.ts'
import { bindArguments, pyFloat, pythonStr } from './_params/python-args.ts'
import { positiveIntArgument, positiveNumberArgument } from './_params/value-checks.ts'
import { atr } from './atr.ts'
import type { IndicatorClass } from './types.ts'

/** Every Keltner line. */
export interface KeltnerLines {
  readonly middle: Float64Array
  readonly upper: Float64Array
  readonly lower: Float64Array
  readonly atr: Float64Array
  readonly width: Float64Array
  readonly position: Float64Array
  readonly squeeze: Float64Array
}

/**
 * middle = EMA(close, span period, adjust=False); upper / lower = middle ± multiplier · ATR(atrPeriod); width =
 * upper − lower; position = (close − lower) / width; squeeze = (high − low) / width.
 */
export function keltner(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  period: number,
  atrPeriod: number,
  multiplier: number,
): KeltnerLines {
  const middle = ewmAdjustFalse(close, { span: period })
  const range = atr(high, low, close, atrPeriod)
  const band = range.map((a) => multiplier * a)
  const upper = middle.map((m, i) => m + band[i]!)
  const lower = middle.map((m, i) => m - band[i]!)
  const width = upper.map((u, i) => u - lower[i]!)
  return {
    middle,
    upper,
    lower,
    atr: range,
    width,
    position: close.map((c, i) => (c - lower[i]!) / (upper[i]! - lower[i]!)),
    squeeze: high.map((h, i) => (h - low[i]!) / width[i]!),
  }
}

/** The configured Keltner channels: their column names and fewest rows. @internal */
export interface KeltnerSettings {
  readonly period: number
  readonly atrPeriod: number
  readonly multiplier: number
  /** `<period>_<atr_period>_<multiplier>` as the column names print it. */
  readonly suffix: string
  readonly minRows: number
}

/**
 * `KeltnerChannelsIndicator(period=20, atr_period=10, multiplier=2.0)`'s checks: period an int in [2, 500],
 * atr_period an int in [2, 200], multiplier a number in (0, 10].
 *
 * @throws IndicatorParameterError
 * @internal
 */
export function keltnerSettings(kwargs: Readonly<Record<string, unknown>>): KeltnerSettings {
  const { named } = bindArguments(kwargs, {
    className: 'KeltnerChannelsIndicator',
    parameters: { period: 20, atr_period: 10, multiplier: pyFloat(2.0) },
    extra: 'none',
  })
  const period = positiveIntArgument(named.period, 'period', 500)
  const atrPeriod = positiveIntArgument(named.atr_period, 'atr_period', 200)
  const multiplier = positiveNumberArgument(named.multiplier, 'multiplier', 10)
  return {
    period,
    atrPeriod,
    multiplier,
    suffix: `${period}_${atrPeriod}_${pythonStr(named.multiplier)}`,
    minRows: Math.max(period, atrPeriod) + 1,
  }
}

/** `KeltnerChannelsIndicator`. Needs max(period, atr_period) + 1 rows. */
export const keltnerClass: IndicatorClass = {
  className: 'KeltnerChannelsIndicator',
  configure(kwargs) {
    const s = keltnerSettings(kwargs)
    return {
      minRows: s.minRows,
      compute: (frame, _name, column) => {
        const { high, low, close } = hlcColumns(frame, column)
        const l = keltner(high, low, close, s.period, s.atrPeriod, s.multiplier)
        return {
          names: [
            `KC_Middle_${s.period}`,
            `KC_Upper_${s.suffix}`,
            `KC_Lower_${s.suffix}`,
            `KC_ATR_${s.atrPeriod}`,
            `KC_Width_${s.suffix}`,
            `KC_Position_${s.suffix}`,
            `KC_Squeeze_${s.suffix}`,
          ],
          columns: [l.middle, l.upper, l.lower, l.atr, l.width, l.position, l.squeeze],
        }
      },
    }
  },
}
