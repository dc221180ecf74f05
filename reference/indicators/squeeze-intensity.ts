/**
 * The old SqueezeIntensityIndicator (docs/legacy-behaviour.md §3.3): how far the Bollinger bands sit inside the
 * Keltner channels (which always use the close and ATR period 10). One column
 * `<name.lower()>_<bb_period>_<bb_multiplier>_<kc_period>_<kc_multiplier>`.
 */
import { hlcColumns, frameColumn } from './_shared/frame-column.ts'
import { numberOf, pyFloat } from './_params/python-args.ts'
import { schemaClassArguments, SOURCE_PARAMETER } from './_params/schema.ts'
import { seriesColumnName } from './_params/value-checks.ts'
import { bollingerBands } from './bollinger.ts'
import { keltner } from './keltner.ts'
import type { IndicatorClass } from './types.ts'

/** The Keltner ATR period SqueezeIntensity leaves at its default. */
const KC_ATR_PERIOD = 10

/**
 * max(0, min((KC upper − BB upper) / KC range, (BB lower − KC lower) / KC range)) where |KC range| > 1e-10, else
 * 0.0: rows before the ATR exists are 0.0, rows where only the bands are undefined NaN.
 */
export function squeezeIntensity(
  source: Float64Array,
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  bb: { readonly period: number; readonly multiplier: number },
  kc: { readonly period: number; readonly multiplier: number },
): Float64Array {
  const bands = bollingerBands(source, bb.period, bb.multiplier)
  const channels = keltner(high, low, close, kc.period, KC_ATR_PERIOD, kc.multiplier)
  return channels.upper.map((upper, i) => {
    const lower = channels.lower[i]!
    const range = upper - lower
    if (!(Math.abs(range) > 1e-10)) return 0.0
    return Math.max(0, Math.min((upper - bands.upper[i]!) / range, (bands.lower[i]! - lower) / range))
  })
}

/**
 * `SqueezeIntensityIndicator(bb_period=20, bb_multiplier=2.0, kc_period=20, kc_multiplier=2.0, source="close")`,
 * schema periods int in [2, 100], multipliers float in [0.1, 5.0], OHLC source. Needs max(bb_period, kc_period)
 * rows, and the Keltner channels max(kc_period, 10) + 1.
 */
export const squeezeIntensityClass: IndicatorClass = {
  className: 'SqueezeIntensityIndicator',
  configure(kwargs) {
    const params = schemaClassArguments(kwargs, 'SqueezeIntensityIndicator', [
      { name: 'bb_period', type: 'int', default: 20, min: 2, max: 100 },
      { name: 'bb_multiplier', type: 'float', default: pyFloat(2.0), min: 0.1, max: 5.0 },
      { name: 'kc_period', type: 'int', default: 20, min: 2, max: 100 },
      { name: 'kc_multiplier', type: 'float', default: pyFloat(2.0), min: 0.1, max: 5.0 },
      SOURCE_PARAMETER,
    ])
    const bb = { period: numberOf(params.bb_period as number), multiplier: numberOf(params.bb_multiplier as number) }
    const kc = { period: numberOf(params.kc_period as number), multiplier: numberOf(params.kc_multiplier as number) }
    return {
      minRows: Math.max(bb.period, Math.max(kc.period, KC_ATR_PERIOD) + 1),
      compute: (frame, name, column) => {
        const source = frameColumn(frame, column, params.source as string)
        const { high, low, close } = hlcColumns(frame, column)
        return {
          names: [seriesColumnName(name, params)],
          columns: [squeezeIntensity(source, high, low, close, bb, kc)],
        }
      },
    }
  },
}
