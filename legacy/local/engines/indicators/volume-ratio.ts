/**
 * The old VolumeRatioIndicator: volume / rolling mean of volume where |mean| > 1e-10, else 1.0, so the warm-up
 * rows are 1.0, not NaN. One column `<name.lower()>_<period>`.
 */
import { LegacyIndicatorDataError } from '../errors.ts'
import type { LegacyFrame } from '../frame.ts'
import type { IndicatorOutput, LegacyIndicator } from './indicator.ts'
import { type IndicatorKwargs, rejectUnknownKwargs } from './params.ts'
import { baseColumnName, type PythonArg, validateSchema } from './python-kwargs.ts'
import { rollingMean } from './rolling.ts'
import { requirePoints, VOLUME_RATIO_SCHEMA } from './schema-indicators.ts'
import { guardedRatio } from './series-ops.ts'

/** `VolumeRatioIndicator(period=20)`. Needs period rows. */
export class LegacyVolumeRatio implements LegacyIndicator {
  readonly className = 'VolumeRatioIndicator'
  name = 'VolumeRatio'
  private readonly params: Readonly<Record<string, PythonArg>>

  constructor(kwargs: IndicatorKwargs) {
    rejectUnknownKwargs(kwargs, ['period'], this.className)
    this.params = validateSchema(kwargs, VOLUME_RATIO_SCHEMA)
  }

  compute(frame: LegacyFrame): IndicatorOutput[] {
    const volume = frame.get('volume')
    if (!volume) {
      throw new LegacyIndicatorDataError('DATA-MissingColumn', "Volume column 'volume' not found in data")
    }
    const period = Number(this.params.period)
    requirePoints(frame, period)
    const mean = rollingMean(volume, period)
    return [{ name: baseColumnName(this.name, this.params), values: guardedRatio((i) => volume[i], mean, 1.0) }]
  }
}
