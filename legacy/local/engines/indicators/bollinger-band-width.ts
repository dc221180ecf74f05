/**
 * The old BollingerBandWidthIndicator: (upper − lower) / middle of the Bollinger bands where |middle| > 1e-10,
 * else 0.0, so the warm-up rows (NaN middle) are 0.0, not NaN. One column named by `get_column_name()`:
 * `<name.lower()>_<period>_<multiplier>`.
 */
import type { LegacyFrame } from '../frame.ts'
import { LegacyBollingerBands } from './bollinger-bands.ts'
import type { IndicatorOutput, LegacyIndicator } from './indicator.ts'
import { type IndicatorKwargs, rejectUnknownKwargs } from './params.ts'
import { baseColumnName, type PythonArg, validateSchema } from './python-kwargs.ts'
import { BOLLINGER_BAND_WIDTH_SCHEMA, requirePoints, requireSourceColumn } from './schema-indicators.ts'
import { guardedRatio } from './series-ops.ts'

/** `BollingerBandWidthIndicator(period=20, multiplier=2.0, source="close")`. Needs period rows. */
export class LegacyBollingerBandWidth implements LegacyIndicator {
  readonly className = 'BollingerBandWidthIndicator'
  name = 'BollingerBandWidth'
  private readonly params: Readonly<Record<string, PythonArg>>

  constructor(kwargs: IndicatorKwargs) {
    rejectUnknownKwargs(kwargs, ['period', 'multiplier', 'source'], this.className)
    this.params = validateSchema(kwargs, BOLLINGER_BAND_WIDTH_SCHEMA)
  }

  compute(frame: LegacyFrame): IndicatorOutput[] {
    const { period, multiplier, source } = this.params
    requireSourceColumn(frame, source as string)
    requirePoints(frame, Number(period))
    const [upper, middle, lower] = new LegacyBollingerBands({ period, multiplier, source }).compute(frame)
    const values = guardedRatio((i) => upper.values[i] - lower.values[i], middle.values, 0.0)
    return [{ name: baseColumnName(this.name, this.params), values }]
  }
}
