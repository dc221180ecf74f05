/**
 * The old VWAPIndicator (docs/legacy-behaviour.md §3.3): Σ(price · volume) / Σ volume with the typical price or the
 * close, rolling with min_periods 1 or (period 0) cumulative; a zero volume sum and ±inf give NaN. Columns
 * `VWAP_<period>_<typical|close>` or `VWAP_cumulative_<typical|close>`.
 */
import { pythonStr } from '../../python-values.ts'
import { LegacyIndicatorDataError } from '../errors.ts'
import type { LegacyFrame } from '../frame.ts'
import type { IndicatorOutput, LegacyIndicator } from './indicator.ts'
import { type IndicatorKwargs, rejectUnknownKwargs } from './params.ts'
import { constructorArg, type PythonArg, validateSchema } from './python-kwargs.ts'
import { requirePoints } from './schema-indicators.ts'
import { cumsumSkipNaN, rollingSum } from './series-ops.ts'
import { rollingWindow, schemaBool } from './signature-extras.ts'

/** `VWAPIndicator(period=20, use_typical_price=True)`, VWAP_SCHEMA period int in [0, 200] and a bool. */
export class LegacyVwap implements LegacyIndicator {
  readonly className = 'VWAPIndicator'
  name = 'VWAP'
  private readonly params: Readonly<Record<string, PythonArg>>
  private readonly typical: boolean

  constructor(kwargs: IndicatorKwargs) {
    rejectUnknownKwargs(kwargs, ['period', 'use_typical_price'], this.className)
    this.params = validateSchema({ period: constructorArg(kwargs, 'period', 20) }, [
      { name: 'period', type: 'int', default: 20, min: 0, max: 200 },
    ])
    this.typical = schemaBool(constructorArg(kwargs, 'use_typical_price', true), 'use_typical_price', true)
  }

  compute(frame: LegacyFrame): IndicatorOutput[] {
    const required = this.typical ? ['volume', 'high', 'low', 'close'] : ['volume', 'close']
    const missing = required.filter((name) => !frame.has(name))
    if (missing.length > 0) {
      const listed = missing.map((name) => `'${name}'`).join(', ')
      throw new LegacyIndicatorDataError('DATA-MissingColumns', `Missing required columns: [${listed}]`)
    }
    const period = Number(this.params.period)
    requirePoints(frame, period > 0 ? Math.max(1, period) : 1)
    const close = frame.get('close')!
    const high = frame.get('high')
    const low = frame.get('low')
    const price = this.typical ? close.map((c, i) => (high![i] + low![i] + c) / 3) : close
    const volume = frame.get('volume')!
    const weighted = price.map((p, i) => p * volume[i])
    const cumulative = period === 0
    const window = cumulative ? 0 : rollingWindow(this.params.period, false)
    const numerator = cumulative ? cumsumSkipNaN(weighted) : rollingSum(weighted, window, 1)
    const denominator = cumulative ? cumsumSkipNaN(volume) : rollingSum(volume, window, 1)
    const values = numerator.map((n, i) => {
      const v = n / (denominator[i] === 0 ? NaN : denominator[i])
      return v === Infinity || v === -Infinity ? NaN : v
    })
    const priceType = this.typical ? 'typical' : 'close'
    const name = cumulative ? `VWAP_cumulative_${priceType}` : `VWAP_${pythonStr(this.params.period)}_${priceType}`
    return [{ name, values }]
  }
}
