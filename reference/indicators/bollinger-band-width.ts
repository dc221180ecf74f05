/**
 * The old BollingerBandWidthIndicator (docs/legacy-behaviour.md §3.3): (upper − lower) / middle of the Bollinger
 * bands, 0.0 wherever |middle| ≤ 1e-10 or is NaN (so the warm-up rows are 0.0). One column
 * `<name.lower()>_<period>_<multiplier>`.
 */
import { guardedRatio } from './_internals/guarded-ratio.ts'
import { frameColumn } from './_shared/frame-column.ts'
import { seriesColumnName } from './_params/value-checks.ts'
import { bollingerArguments, bollingerBands } from './bollinger.ts'
import type { IndicatorClass } from './types.ts'

/**
 * Band width of the Bollinger bands (period, multiplier) of `x`.
 */
export function bollingerBandWidth(x: Float64Array, period: number, multiplier: number): Float64Array {
  const bands = bollingerBands(x, period, multiplier)
  return guardedRatio((i) => bands.upper[i]! - bands.lower[i]!, bands.middle, 0.0)
}

/**
 * `BollingerBandWidthIndicator(period=20, multiplier=2.0, source="close")`, the Bollinger bands' signature and
 * schema. Needs period rows.
 */
export const bollingerBandWidthClass: IndicatorClass = {
  className: 'BollingerBandWidthIndicator',
  configure(kwargs) {
    const { params, period, multiplier, source } = bollingerArguments(kwargs, 'BollingerBandWidthIndicator')
    return {
      minRows: period,
      compute: (frame, name, column) => ({
        names: [seriesColumnName(name, params)],
        columns: [bollingerBandWidth(frameColumn(frame, column, source), period, multiplier)],
      }),
    }
  },
}
