/**
 * The old SuperTrendIndicator: hl2 ± multiplier · ATR (simple mean of the true range), final bands carried by the
 * usual trend rules, trend direction and streak length, distance and 3-bar slope (`pct_change`, no fill).
 * As written, a final band that starts NaN (the ATR warm-up) can never leave NaN (every comparison with NaN is
 * false, so the previous NaN is kept): SuperTrend, bands, distance and slope are NaN on every row for period ≥ 2,
 * the direction is 1 throughout and the streak counts 1, 2, 3, … Columns `SuperTrend_<period>_<multiplier>`, ….
 */
import { PythonFloat, pythonStr } from '../../python-values.ts'
import type { LegacyFrame } from '../frame.ts'
import { requireColumns, requireDataPoints } from './donchian-channels.ts'
import type { IndicatorOutput, LegacyIndicator } from './indicator.ts'
import { type IndicatorKwargs, rejectUnknownKwargs } from './params.ts'
import { checkPositiveInt, checkPositiveNumber, constructorArg } from './python-kwargs.ts'
import { rollingMean } from './rolling.ts'
import { pctChangeNoFill } from './series-ops.ts'
import { legacyTrueRange } from './true-range.ts'

/** `SuperTrendIndicator(period=10, multiplier=3.0)`. Needs period + 1 rows. */
export class LegacySuperTrend implements LegacyIndicator {
  readonly className = 'SuperTrendIndicator'
  name = 'SuperTrend'
  private readonly period: number
  private readonly multiplier: number
  private readonly multiplierText: string

  constructor(kwargs: IndicatorKwargs) {
    rejectUnknownKwargs(kwargs, ['period', 'multiplier'], this.className)
    this.period = checkPositiveInt(constructorArg(kwargs, 'period', 10), 'period', 200)
    const multiplier = constructorArg(kwargs, 'multiplier', new PythonFloat(3.0))
    this.multiplier = checkPositiveNumber(multiplier, 'multiplier', 10)
    this.multiplierText = pythonStr(multiplier)
  }

  compute(frame: LegacyFrame): IndicatorOutput[] {
    requireColumns(frame, ['high', 'low', 'close'], 'SuperTrend')
    requireDataPoints(frame, this.period + 1, 'SuperTrend')
    const high = frame.get('high')!
    const low = frame.get('low')!
    const close = frame.get('close')!
    const n = frame.rows
    const atr = rollingMean(legacyTrueRange(high, low, close), this.period)
    const median = high.map((h, i) => (h + low[i]) / 2)
    const basicUpper = median.map((m, i) => m + this.multiplier * atr[i])
    const basicLower = median.map((m, i) => m - this.multiplier * atr[i])
    const upper = new Float64Array(n)
    const lower = new Float64Array(n)
    for (let i = 0; i < n; i++) {
      if (i === 0) {
        upper[i] = basicUpper[i]
        lower[i] = basicLower[i]
        continue
      }
      upper[i] = basicUpper[i] < upper[i - 1] || close[i - 1] > upper[i - 1] ? basicUpper[i] : upper[i - 1]
      lower[i] = basicLower[i] > lower[i - 1] || close[i - 1] < lower[i - 1] ? basicLower[i] : lower[i - 1]
    }
    const line = new Float64Array(n)
    const direction = new Float64Array(n)
    for (let i = 0; i < n; i++) {
      const up = i === 0 || direction[i - 1] === 1 ? !(close[i] <= lower[i]) : close[i] >= upper[i]
      direction[i] = up ? 1 : -1
      line[i] = up ? lower[i] : upper[i]
    }
    const strength = new Float64Array(n)
    for (let i = 0; i < n; i++) strength[i] = i > 0 && direction[i] === direction[i - 1] ? strength[i - 1] + 1 : 1
    const suffix = `${this.period}_${this.multiplierText}`
    return [
      { name: `SuperTrend_${suffix}`, values: line },
      { name: `ST_Direction_${suffix}`, values: direction },
      { name: `ST_Upper_Band_${suffix}`, values: upper },
      { name: `ST_Lower_Band_${suffix}`, values: lower },
      { name: `ST_ATR_${this.period}`, values: atr },
      { name: `ST_Distance_${suffix}`, values: close.map((c, i) => ((c - line[i]) / line[i]) * 100) },
      { name: `ST_Strength_${suffix}`, values: strength },
      { name: `ST_Slope_${suffix}`, values: pctChangeNoFill(line, 3).map((v) => v * 100) },
    ]
  }
}
