/**
 * The old IchimokuIndicator (docs/legacy-behaviour.md §3.3): Tenkan, Kijun and Senkou B as full-window channel
 * midpoints, Senkou A their mean, Chikou a copy of the close — none shifted by `displacement`, which only appears
 * in the column names `Ichimoku_<t>_<k>_<b>_<d>_<line>`.
 */
import { pythonStr } from '../../python-values.ts'
import { LegacyIndicatorDataError } from '../errors.ts'
import type { LegacyFrame } from '../frame.ts'
import type { IndicatorOutput, LegacyIndicator } from './indicator.ts'
import type { IndicatorKwargs } from './params.ts'
import { type PythonArg, validateSchema } from './python-kwargs.ts'
import { rollingExtreme } from './rolling.ts'
import { baseIndicatorExtras, rejectUnknownParams, rollingWindow } from './signature-extras.ts'

const SCHEMA = [
  { name: 'tenkan_period', type: 'int', default: 9, min: 1, max: 50 },
  { name: 'kijun_period', type: 'int', default: 26, min: 1, max: 100 },
  { name: 'senkou_b_period', type: 'int', default: 52, min: 1, max: 200 },
  { name: 'displacement', type: 'int', default: 26, min: 1, max: 100 },
] as const

/** `IchimokuIndicator(tenkan_period=9, kijun_period=26, senkou_b_period=52, displacement=26, **kwargs)`. */
export class LegacyIchimoku implements LegacyIndicator {
  readonly className = 'IchimokuIndicator'
  name = 'Ichimoku'
  private readonly params: Readonly<Record<string, PythonArg>>

  constructor(kwargs: IndicatorKwargs) {
    const extras = baseIndicatorExtras(
      kwargs,
      SCHEMA.map((p) => p.name),
      false,
    )
    this.params = validateSchema(kwargs, SCHEMA)
    rejectUnknownParams(extras)
  }

  compute(frame: LegacyFrame): IndicatorOutput[] {
    const missing = ['high', 'low', 'close'].filter((name) => !frame.has(name))
    if (missing.length > 0) {
      const listed = missing.map((name) => `'${name}'`).join(', ')
      throw new LegacyIndicatorDataError('DATA-MissingColumns', `Missing required columns: [${listed}]`)
    }
    const p = this.params
    const required = Math.max(Number(p.tenkan_period), Number(p.kijun_period), Number(p.senkou_b_period))
    if (frame.rows < required) {
      throw new LegacyIndicatorDataError(
        'DATA-InsufficientData',
        `Insufficient data: need at least ${required} points, got ${frame.rows}`,
      )
    }
    const high = frame.get('high')!
    const low = frame.get('low')!
    const midpoint = (period: PythonArg): Float64Array => {
      const w = rollingWindow(period)
      const hh = rollingExtreme(high, w, (a, b) => a >= b)
      const ll = rollingExtreme(low, w, (a, b) => a <= b)
      return hh.map((h, i) => (h + ll[i]) / 2)
    }
    const tenkan = midpoint(p.tenkan_period)
    const kijun = midpoint(p.kijun_period)
    const senkouA = tenkan.map((t, i) => (t + kijun[i]) / 2)
    const senkouB = midpoint(p.senkou_b_period)
    const base = `Ichimoku_${pythonStr(p.tenkan_period)}_${pythonStr(p.kijun_period)}_${pythonStr(p.senkou_b_period)}_${pythonStr(p.displacement)}`
    return [
      { name: `${base}_Tenkan_sen`, values: tenkan },
      { name: `${base}_Kijun_sen`, values: kijun },
      { name: `${base}_Senkou_Span_A`, values: senkouA },
      { name: `${base}_Senkou_Span_B`, values: senkouB },
      { name: `${base}_Chikou_Span`, values: Float64Array.from(frame.get('close')!) },
    ]
  }
}
