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
import { cumsumSkipNaN } from './series-ops.ts'
import { rollingWindow, schemaBool } from './signature-extras.ts'

/**
 * pandas `rolling(window=w, min_periods=1).sum()` (its `roll_sum` kernel): Kahan-compensated additions and removals
 * with separate compensations, NaN skipped, a run of equal values summed as value · count (GH#42064), NaN while the
 * window holds no value. The window is rebuilt from scratch when it does not overlap the previous one (w = 1).
 */
function rollingSumAny(x: Float64Array, w: number): Float64Array {
  const out = new Float64Array(x.length)
  let nobs = 0
  let sum = 0
  let addComp = 0
  let removeComp = 0
  let same = 0
  let previous = NaN
  const add = (v: number): void => {
    if (v !== v) return
    nobs += 1
    const y = v - addComp
    const t = sum + y
    addComp = t - sum - y
    sum = t
    same = v === previous ? same + 1 : 1
    previous = v
  }
  const remove = (v: number): void => {
    if (v !== v) return
    nobs -= 1
    const y = -v - removeComp
    const t = sum + y
    removeComp = t - sum - y
    sum = t
  }
  for (let i = 0; i < x.length; i++) {
    const start = Math.max(0, i - w + 1)
    if (i === 0 || start >= i) {
      nobs = 0
      sum = 0
      addComp = 0
      removeComp = 0
      same = 0
      previous = x[start]
      for (let j = start; j <= i; j++) add(x[j])
    } else {
      for (let j = Math.max(0, i - w); j < start; j++) remove(x[j])
      add(x[i])
    }
    out[i] = nobs >= 1 ? (same >= nobs ? previous * nobs : sum) : NaN
  }
  return out
}

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
    const numerator = cumulative ? cumsumSkipNaN(weighted) : rollingSumAny(weighted, window)
    const denominator = cumulative ? cumsumSkipNaN(volume) : rollingSumAny(volume, window)
    const values = numerator.map((n, i) => {
      const v = n / (denominator[i] === 0 ? NaN : denominator[i])
      return v === Infinity || v === -Infinity ? NaN : v
    })
    const priceType = this.typical ? 'typical' : 'close'
    const name = cumulative ? `VWAP_cumulative_${priceType}` : `VWAP_${pythonStr(this.params.period)}_${priceType}`
    return [{ name, values }]
  }
}
