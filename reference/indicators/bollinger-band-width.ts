/**
 * The old BollingerBandWidthIndicator (docs/legacy-behaviour.md §3.3): (upper − lower) / middle of the Bollinger
 * bands, 0.0 wherever |middle| ≤ 1e-10 or is NaN (so the warm-up rows are 0.0). One column
 * `<name.lower()>_<period>_<multiplier>`.
 */
import { guardedRatio } from './_internals/guarded-ratio.ts'
import { frameColumn } from './_shared/frame-column.ts'
import { numberOf, pyFloat } from './_params/python-args.ts'
import { schemaClassArguments, SOURCE_PARAMETER } from './_params/schema.ts'
import { seriesColumnName } from './_params/value-checks.ts'
import { bollingerBands } from './bollinger.ts'
import type { IndicatorClass } from './types.ts'

/**
 * Band width of the Bollinger bands (period, multiplier) of `x`.
 */
export function bollingerBandWidth(x: Float64Array, period: number, multiplier: number): Float64Array {
  const bands = bollingerBands(x, period, multiplier)
  return guardedRatio((i) => bands.upper[i]! - bands.lower[i]!, bands.middle, 0.0)
}

/**
 * `BollingerBandWidthIndicator(period=20, multiplier=2.0, source="close")`, schema period int in [2, 100],
 * multiplier float in [0.1, 5.0], OHLC source. Needs period rows.
 */
export const bollingerBandWidthClass: IndicatorClass = {
  className: 'BollingerBandWidthIndicator',
  configure(kwargs) {
    const params = schemaClassArguments(kwargs, 'BollingerBandWidthIndicator', [
      { name: 'period', type: 'int', default: 20, min: 2, max: 100 },
      { name: 'multiplier', type: 'float', default: pyFloat(2.0), min: 0.1, max: 5.0 },
      SOURCE_PARAMETER,
    ])
    const period = numberOf(params.period as number)
    const multiplier = numberOf(params.multiplier as number)
    return {
      minRows: period,
      compute: (frame, name, column) => ({
        names: [seriesColumnName(name, params)],
        columns: [bollingerBandWidth(frameColumn(frame, column, params.source as string), period, multiplier)],
      }),
    }
  },
}
