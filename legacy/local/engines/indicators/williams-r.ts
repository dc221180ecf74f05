/**
 * The old WilliamsRIndicator (docs/legacy-behaviour.md §3.3): ((HH − close) / (HH − LL)) · −100 over full-window
 * highs and lows, `fillna(-50.0)`, column `WilliamsR_<period>` (hard-coded).
 */
import { pythonStr } from '../../python-values.ts'
import { LegacyIndicatorDataError } from '../errors.ts'
import type { LegacyFrame } from '../frame.ts'
import { ohlcColumns } from './atr.ts'
import type { IndicatorOutput, LegacyIndicator } from './indicator.ts'
import { type IndicatorKwargs, rejectUnknownKwargs } from './params.ts'
import { type PythonArg, validateSchema } from './python-kwargs.ts'
import { rollingExtreme } from './rolling.ts'
import { rollingWindow } from './signature-extras.ts'

/** `WilliamsRIndicator(period=14)`, WILLIAMS_R_SCHEMA period int in [1, 100]. Needs period rows. */
export class LegacyWilliamsR implements LegacyIndicator {
  readonly className = 'WilliamsRIndicator'
  name = 'WilliamsR'
  private readonly params: Readonly<Record<string, PythonArg>>

  constructor(kwargs: IndicatorKwargs) {
    rejectUnknownKwargs(kwargs, ['period'], this.className)
    this.params = validateSchema(kwargs, [{ name: 'period', type: 'int', default: 14, min: 1, max: 100 }])
  }

  compute(frame: LegacyFrame): IndicatorOutput[] {
    const { high, low, close } = ohlcColumns(frame, 'Williams %R')
    const period = Number(this.params.period)
    if (frame.rows < period) {
      throw new LegacyIndicatorDataError(
        'DATA-InsufficientData',
        `Williams %R requires at least ${period} data points for accurate calculation`,
      )
    }
    const window = rollingWindow(this.params.period)
    const hh = rollingExtreme(high, window, (a, b) => a >= b)
    const ll = rollingExtreme(low, window, (a, b) => a <= b)
    const values = close.map((c, i) => {
      const r = ((hh[i] - c) / (hh[i] - ll[i])) * -100
      return r === r ? r : -50.0
    })
    return [{ name: `WilliamsR_${pythonStr(this.params.period)}`, values }]
  }
}
