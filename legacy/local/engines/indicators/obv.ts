/**
 * The old OBVIndicator (docs/legacy-behaviour.md §3.3): a Python loop from OBV[0] = 0 adding the volume on a
 * rising close and subtracting it on a falling one (a NaN change holds), column `OBV` (hard-coded).
 */
import { LegacyIndicatorDataError } from '../errors.ts'
import type { LegacyFrame } from '../frame.ts'
import type { IndicatorOutput, LegacyIndicator } from './indicator.ts'
import { type IndicatorKwargs, rejectUnknownKwargs } from './params.ts'

/** `OBVIndicator()`: no keyword accepted. Needs 2 rows. */
export class LegacyObv implements LegacyIndicator {
  readonly className = 'OBVIndicator'
  name = 'OBV'

  constructor(kwargs: IndicatorKwargs) {
    rejectUnknownKwargs(kwargs, [], this.className)
  }

  compute(frame: LegacyFrame): IndicatorOutput[] {
    const missing = ['close', 'volume'].filter((name) => !frame.has(name))
    if (missing.length > 0) {
      throw new LegacyIndicatorDataError('DATA-MissingColumn', `OBV requires columns: ${missing.join(', ')}`)
    }
    if (frame.rows < 2) {
      throw new LegacyIndicatorDataError(
        'DATA-InsufficientData',
        'OBV requires at least 2 data points for price comparison',
      )
    }
    const close = frame.get('close')!
    const volume = frame.get('volume')!
    const obv = new Float64Array(frame.rows)
    obv[0] = 0.0
    for (let i = 1; i < frame.rows; i++) {
      const diff = close[i] - close[i - 1]
      if (diff > 0) obv[i] = obv[i - 1] + volume[i]
      else if (diff < 0) obv[i] = obv[i - 1] - volume[i]
      else obv[i] = obv[i - 1]
    }
    return [{ name: 'OBV', values: obv }]
  }
}
