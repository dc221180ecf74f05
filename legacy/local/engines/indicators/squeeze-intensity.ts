/**
 * The old SqueezeIntensityIndicator: how far the Bollinger bands sit inside the Keltner channels,
 * max(0, min((KC upper − BB upper) / KC range, (BB lower − KC lower) / KC range)) where |KC range| > 1e-10, else
 * 0.0 (so rows before the ATR is defined are 0.0, rows where only the bands are undefined NaN). The Keltner
 * channels always use the close and ATR period 10. One column `<name.lower()>_<bb_period>_<bb_multiplier>_…`.
 */
import { LegacyIndicatorDataError } from '../errors.ts'
import type { LegacyFrame } from '../frame.ts'
import { LegacyBollingerBands } from './bollinger-bands.ts'
import type { IndicatorOutput, LegacyIndicator } from './indicator.ts'
import { LegacyKeltnerChannels } from './keltner-channels.ts'
import { type IndicatorKwargs, rejectUnknownKwargs } from './params.ts'
import { baseColumnName, type PythonArg, validateSchema } from './python-kwargs.ts'
import { requirePoints, SQUEEZE_INTENSITY_SCHEMA } from './schema-indicators.ts'

/**
 * `SqueezeIntensityIndicator(bb_period=20, bb_multiplier=2.0, kc_period=20, kc_multiplier=2.0, source="close")`.
 * Needs max(bb_period, kc_period) rows, and the Keltner channels max(kc_period, 10) + 1.
 */
export class LegacySqueezeIntensity implements LegacyIndicator {
  readonly className = 'SqueezeIntensityIndicator'
  name = 'SqueezeIntensity'
  private readonly params: Readonly<Record<string, PythonArg>>

  constructor(kwargs: IndicatorKwargs) {
    rejectUnknownKwargs(kwargs, ['bb_period', 'bb_multiplier', 'kc_period', 'kc_multiplier', 'source'], this.className)
    this.params = validateSchema(kwargs, SQUEEZE_INTENSITY_SCHEMA)
  }

  compute(frame: LegacyFrame): IndicatorOutput[] {
    const { bb_period, bb_multiplier, kc_period, kc_multiplier, source } = this.params
    const missing = [source as string, 'high', 'low', 'close'].filter((name) => !frame.has(name))
    if (missing.length > 0) {
      const listed = missing.map((name) => `'${name}'`).join(', ')
      throw new LegacyIndicatorDataError('DATA-MissingColumn', `Required columns missing: [${listed}]`)
    }
    requirePoints(frame, Math.max(Number(bb_period), Number(kc_period)))
    const bands = new LegacyBollingerBands({ period: bb_period, multiplier: bb_multiplier, source }).compute(frame)
    const bbUpper = bands[0].values
    const bbLower = bands[2].values
    const keltner = new LegacyKeltnerChannels({ period: kc_period, multiplier: kc_multiplier })
    const channels = keltner.compute(frame)
    const kcUpper = channels.find((c) => c.name === keltner.upperName)!.values
    const kcLower = channels.find((c) => c.name === keltner.lowerName)!.values
    const values = kcUpper.map((u, i) => {
      const range = u - kcLower[i]
      if (!(Math.abs(range) > 1e-10)) return 0.0
      return Math.max(0, Math.min((u - bbUpper[i]) / range, (bbLower[i] - kcLower[i]) / range))
    })
    return [{ name: baseColumnName(this.name, this.params), values }]
  }
}
