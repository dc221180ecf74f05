/**
 * The old DistanceFromMAIndicator: (price − MA) / MA · 100 with the SimpleMovingAverage or (adjust=True)
 * ExponentialMovingAverage class of the same period and source; NaN where the MA is NaN, 0.0 where |MA| ≤ 1e-10.
 * The MA class is built inside `compute`, so its own checks (period ≥ 2) fail the computation, not the build.
 * One column `<name.lower()>_<period>_<ma_type>`.
 */
import type { LegacyFrame } from '../frame.ts'
import type { IndicatorOutput, LegacyIndicator } from './indicator.ts'
import { LegacyEma, LegacySma } from './moving-averages.ts'
import { type IndicatorKwargs, rejectUnknownKwargs } from './params.ts'
import { baseColumnName, type PythonArg, validateSchema } from './python-kwargs.ts'
import { DISTANCE_FROM_MA_SCHEMA, requirePoints, requireSourceColumn } from './schema-indicators.ts'

/** `DistanceFromMAIndicator(period=20, ma_type="SMA", source="close")`. Needs period rows. */
export class LegacyDistanceFromMa implements LegacyIndicator {
  readonly className = 'DistanceFromMAIndicator'
  name = 'DistanceFromMA'
  private readonly params: Readonly<Record<string, PythonArg>>

  constructor(kwargs: IndicatorKwargs) {
    rejectUnknownKwargs(kwargs, ['period', 'ma_type', 'source'], this.className)
    this.params = validateSchema(kwargs, DISTANCE_FROM_MA_SCHEMA)
  }

  compute(frame: LegacyFrame): IndicatorOutput[] {
    const { period, ma_type, source } = this.params
    const price = requireSourceColumn(frame, source as string)
    requirePoints(frame, Number(period))
    const MovingAverage = ma_type === 'SMA' ? LegacySma : LegacyEma
    const [ma] = new MovingAverage({ period, source }).compute(frame)
    const values = ma.values.map((m, i) => {
      if (m !== m) return NaN
      return Math.abs(m) > 1e-10 ? ((price[i] - m) / m) * 100 : 0.0
    })
    return [{ name: baseColumnName(this.name, this.params), values }]
  }
}
