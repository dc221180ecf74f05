/**
 * ADX with Wilder smoothing as `ewm(alpha = 1/period, adjust=False)` (docs/legacy-behaviour.md §3.3) and its eight
 * hard-coded columns (`ADX_<p>`, `DI_Plus_<p>`, `DI_Minus_<p>`, `DX_<p>`, `TR_<p>`, `ADX_Slope_<p>`,
 * `DI_Spread_<p>`, `ADX_Momentum_<p>`).
 */
import { diff, fillNaN, pctChange } from './_internals/series.ts'
import { ewmAdjustFalse } from './_internals/smoothing.ts'
import { trueRange } from './_internals/true-range.ts'
import { hlcColumns } from './_shared/frame-column.ts'
import { bindArguments } from './_params/python-args.ts'
import { positiveIntArgument } from './_params/value-checks.ts'
import type { IndicatorClass } from './types.ts'

/** Every ADX output line. `tr` is the raw true range. */
export interface AdxLines {
  readonly adx: Float64Array
  readonly diPlus: Float64Array
  readonly diMinus: Float64Array
  readonly dx: Float64Array
  readonly tr: Float64Array
  readonly slope: Float64Array
  readonly spread: Float64Array
  readonly momentum: Float64Array
}

/**
 * +DM = up if up > down and up > 0 else 0 (−DM mirrored; 0 on bar 0 and wherever a comparison meets NaN);
 * DI± = 100 · (DM±ₛ / TRₛ) (0 where TRₛ = 0 or the ratio is NaN); DX = 100 · (|DI+ − DI−| / (DI+ + DI−)) (0 where
 * the sum is 0 or the ratio NaN); ADX = Wilder(DX); slope = ADX.diff(3); spread = DI+ − DI−; momentum =
 * ADX.pct_change(5) · 100. Wilder smoothing is pandas `ewm(alpha = 1/period, adjust=False)`.
 */
export function adx(high: Float64Array, low: Float64Array, close: Float64Array, period: number): AdxLines {
  const n = high.length
  const plusDm = new Float64Array(n)
  const minusDm = new Float64Array(n)
  for (let i = 1; i < n; i++) {
    const up = high[i]! - high[i - 1]!
    const down = low[i - 1]! - low[i]!
    plusDm[i] = up > down && up > 0 ? up : 0
    minusDm[i] = down > up && down > 0 ? down : 0
  }
  const wilder = { alpha: 1 / period }
  const tr = trueRange(high, low, close)
  const smoothedTr = ewmAdjustFalse(tr, wilder)
  const directional = (dm: Float64Array): Float64Array => {
    const smoothed = ewmAdjustFalse(dm, wilder)
    return fillNaN(
      smoothed.map((s, i) => (smoothedTr[i] === 0 ? NaN : 100 * (s / smoothedTr[i]!))),
      0,
    )
  }
  const diPlus = directional(plusDm)
  const diMinus = directional(minusDm)
  const dx = fillNaN(
    diPlus.map((p, i) => {
      const sum = p + diMinus[i]!
      return sum === 0 ? NaN : 100 * (Math.abs(p - diMinus[i]!) / sum)
    }),
    0,
  )
  const adxLine = ewmAdjustFalse(dx, wilder)
  return {
    adx: adxLine,
    diPlus,
    diMinus,
    dx,
    tr,
    slope: diff(adxLine, 3),
    spread: diPlus.map((p, i) => p - diMinus[i]!),
    momentum: pctChange(adxLine, 5).map((v) => v * 100),
  }
}

const ADX_COLUMNS = ['ADX', 'DI_Plus', 'DI_Minus', 'DX', 'TR', 'ADX_Slope', 'DI_Spread', 'ADX_Momentum']

/**
 * `ADXIndicator(period=14)` with its hand-written check: an int of at least 1 ("must be a positive integer"), then
 * at least 2, at most 200 (ValueErrors). Needs 2 · period + 1 rows.
 */
export const adxClass: IndicatorClass = {
  className: 'ADXIndicator',
  configure(kwargs) {
    const { named } = bindArguments(kwargs, { className: 'ADXIndicator', parameters: { period: 14 }, extra: 'none' })
    const p = positiveIntArgument(named.period, 'period', 200)
    return {
      minRows: 2 * p + 1,
      compute: (frame, _name, column) => {
        const { high, low, close } = hlcColumns(frame, column)
        const l = adx(high, low, close, p)
        return {
          names: ADX_COLUMNS.map((label) => `${label}_${p}`),
          columns: [l.adx, l.diPlus, l.diMinus, l.dx, l.tr, l.slope, l.spread, l.momentum],
        }
      },
    }
  },
}
