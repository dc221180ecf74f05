/**
 * The old DistanceFromMAIndicator (docs/legacy-behaviour.md §3.3): the percentage distance of the price from its
 * SMA or (adjust=True) EMA. The moving-average class is built inside `compute`, so its own period check (≥ 2)
 * fails the computation, not the configuration. One column `<name.lower()>_<period>_<ma_type>`.
 */
import { frameColumn } from './_shared/frame-column.ts'
import { numberOf } from './_params/python-args.ts'
import { schemaClassArguments, SOURCE_PARAMETER } from './_params/schema.ts'
import { seriesColumnName } from './_params/value-checks.ts'
import { ema } from './ema.ts'
import { IndicatorError } from './errors.ts'
import { sma } from './sma.ts'
import type { IndicatorClass } from './types.ts'

/**
 * (price − MA) / MA · 100; NaN where the MA is NaN, 0.0 where |MA| ≤ 1e-10.
 */
export function distanceFromMa(price: Float64Array, period: number, maType: 'SMA' | 'EMA'): Float64Array {
  const ma = maType === 'SMA' ? sma(price, period) : ema(price, period)
  return ma.map((m, i) => {
    if (Number.isNaN(m)) return NaN
    return Math.abs(m) > 1e-10 ? ((price[i]! - m) / m) * 100 : 0.0
  })
}

/**
 * `DistanceFromMAIndicator(period=20, ma_type="SMA", source="close")`, schema period int in [1, 200], ma_type SMA
 * or EMA, OHLC source. Needs period rows; period 1 fails when computed (the SMA / EMA classes need 2).
 */
export const distanceFromMaClass: IndicatorClass = {
  className: 'DistanceFromMAIndicator',
  configure(kwargs) {
    const params = schemaClassArguments(kwargs, 'DistanceFromMAIndicator', [
      { name: 'period', type: 'int', default: 20, min: 1, max: 200 },
      { name: 'ma_type', type: 'string', default: 'SMA', options: ['SMA', 'EMA'] },
      SOURCE_PARAMETER,
    ])
    const period = numberOf(params.period as number)
    const maType = params.ma_type as 'SMA' | 'EMA'
    return {
      minRows: period,
      compute: (frame, name, column) => {
        const price = frameColumn(frame, column, params.source as string)
        if (period < 2) throw new IndicatorError(`DataError DATA-InvalidValue: ${maType} period must be at least 2`)
        return { names: [seriesColumnName(name, params)], columns: [distanceFromMa(price, period, maType)] }
      },
    }
  },
}
