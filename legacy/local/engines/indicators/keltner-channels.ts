/**
 * The old KeltnerChannelsIndicator: EMA of the close (`ewm(span, adjust=False)`) ± multiplier · ATR, the ATR
 * being a simple rolling mean of the true range (TR[0] = high − low), plus width, position and squeeze ratio.
 * Columns are hard-coded and carry the parameters as Python prints them (`KC_Upper_20_10_2.0`).
 */
import { PythonFloat, pythonStr } from '../../python-values.ts'
import type { LegacyFrame } from '../frame.ts'
import { requireColumns, requireDataPoints } from './donchian-channels.ts'
import type { IndicatorOutput, LegacyIndicator } from './indicator.ts'
import { type IndicatorKwargs, rejectUnknownKwargs } from './params.ts'
import { checkPositiveInt, checkPositiveNumber, constructorArg } from './python-kwargs.ts'
import { pandasEwmMean, rollingMean } from './rolling.ts'
import { legacyTrueRange } from './true-range.ts'

/** `KeltnerChannelsIndicator(period=20, atr_period=10, multiplier=2.0)`. Needs max(period, atr_period) + 1 rows. */
export class LegacyKeltnerChannels implements LegacyIndicator {
  readonly className = 'KeltnerChannelsIndicator'
  name = 'KeltnerChannels'
  private readonly period: number
  private readonly atrPeriod: number
  private readonly multiplier: number
  /** The multiplier as the column names print it (`2.0` for the float default, `2` for an int). */
  private readonly multiplierText: string

  constructor(kwargs: IndicatorKwargs) {
    rejectUnknownKwargs(kwargs, ['period', 'atr_period', 'multiplier'], this.className)
    this.period = checkPositiveInt(constructorArg(kwargs, 'period', 20), 'period', 500)
    this.atrPeriod = checkPositiveInt(constructorArg(kwargs, 'atr_period', 10), 'atr_period', 200)
    const multiplier = constructorArg(kwargs, 'multiplier', new PythonFloat(2.0))
    this.multiplier = checkPositiveNumber(multiplier, 'multiplier', 10)
    this.multiplierText = pythonStr(multiplier)
  }

  /** Name of the upper channel column (SqueezeIntensity reads it back). */
  get upperName(): string {
    return `KC_Upper_${this.suffix}`
  }

  /** Name of the lower channel column. */
  get lowerName(): string {
    return `KC_Lower_${this.suffix}`
  }

  private get suffix(): string {
    return `${this.period}_${this.atrPeriod}_${this.multiplierText}`
  }

  compute(frame: LegacyFrame): IndicatorOutput[] {
    requireColumns(frame, ['high', 'low', 'close'], 'Keltner Channels')
    requireDataPoints(frame, Math.max(this.period, this.atrPeriod) + 1, 'Keltner Channels')
    const high = frame.get('high')!
    const low = frame.get('low')!
    const close = frame.get('close')!
    const middle = pandasEwmMean(close, { span: this.period }, false)
    const tr = legacyTrueRange(high, low, close)
    tr[0] = high[0] - low[0]
    const atr = rollingMean(tr, this.atrPeriod)
    const band = atr.map((a) => this.multiplier * a)
    const upper = middle.map((m, i) => m + band[i])
    const lower = middle.map((m, i) => m - band[i])
    const width = upper.map((u, i) => u - lower[i])
    return [
      { name: `KC_Middle_${this.period}`, values: middle },
      { name: this.upperName, values: upper },
      { name: this.lowerName, values: lower },
      { name: `KC_ATR_${this.atrPeriod}`, values: atr },
      { name: `KC_Width_${this.suffix}`, values: width },
      { name: `KC_Position_${this.suffix}`, values: close.map((c, i) => (c - lower[i]) / (upper[i] - lower[i])) },
      { name: `KC_Squeeze_${this.suffix}`, values: high.map((h, i) => (h - low[i]) / width[i]) },
    ]
  }
}
