/**
 * The old ADXIndicator (docs/legacy-behaviour.md §3.3): Wilder smoothing as ewm(alpha = 1/p, adjust=False) seeded with
 * the first value, DI±, DX, ADX and the derived slope / spread / momentum columns.
 */
import type { LegacyFrame } from '../frame.ts'
import { type IndicatorOutput, type LegacyIndicator, requireDataPoints } from './indicator.ts'
import { ohlcColumns } from './atr.ts'
import { type IndicatorKwargs, rejectUnknownKwargs } from './params.ts'
import { checkPositiveInt, constructorArg } from './python-kwargs.ts'
import { pandasEwmMean, pctChange, shift } from './rolling.ts'
import { legacyTrueRange } from './true-range.ts'

/**
 * `ADXIndicator(period=14)`, the hand-written check: an int (ValueError "must be a positive integer" below 1), at
 * least 2, at most 200. Needs 2·period + 1 rows.
 */
export class LegacyAdx implements LegacyIndicator {
  readonly className = 'ADXIndicator'
  name = 'ADX'
  readonly period: number

  constructor(kwargs: IndicatorKwargs) {
    rejectUnknownKwargs(kwargs, ['period'], this.className)
    this.period = checkPositiveInt(constructorArg(kwargs, 'period', 14), 'period', 200)
  }

  compute(frame: LegacyFrame): IndicatorOutput[] {
    const { high, low, close } = ohlcColumns(frame, 'ADX')
    const p = this.period
    requireDataPoints(frame, 2 * p + 1, 'ADX')
    const n = frame.rows
    const tr = legacyTrueRange(high, low, close)
    const dmPlus = new Float64Array(n)
    const dmMinus = new Float64Array(n)
    for (let i = 1; i < n; i++) {
      const up = high[i] - high[i - 1]
      const down = low[i - 1] - low[i]
      if (up > down && up > 0) dmPlus[i] = up
      if (down > up && down > 0) dmMinus[i] = down
    }
    const wilder = (series: Float64Array): Float64Array => pandasEwmMean(series, { alpha: 1.0 / p }, false)
    const trS = wilder(tr)
    const plusS = wilder(dmPlus)
    const minusS = wilder(dmMinus)
    const di = (dm: Float64Array): Float64Array =>
      dm.map((v, i) => {
        const r = trS[i] !== 0 ? (v / trS[i]) * 100 : 0
        return r === r ? r : 0
      })
    const diPlus = di(plusS)
    const diMinus = di(minusS)
    const dx = diPlus.map((v, i) => {
      const sum = v + diMinus[i]
      const r = sum !== 0 ? (Math.abs(v - diMinus[i]) / sum) * 100 : 0
      return r === r ? r : 0
    })
    const adx = wilder(dx)
    const back3 = shift(adx, 3)
    const momentum = pctChange(adx, 5)
    return [
      { name: `ADX_${p}`, values: adx },
      { name: `DI_Plus_${p}`, values: diPlus },
      { name: `DI_Minus_${p}`, values: diMinus },
      { name: `DX_${p}`, values: dx },
      { name: `TR_${p}`, values: tr },
      { name: `ADX_Slope_${p}`, values: adx.map((v, i) => v - back3[i]) },
      { name: `DI_Spread_${p}`, values: diPlus.map((v, i) => v - diMinus[i]) },
      { name: `ADX_Momentum_${p}`, values: momentum.map((v) => v * 100) },
    ]
  }
}
