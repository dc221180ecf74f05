/**
 * The old SuperTrendIndicator (docs/legacy-behaviour.md §3.3): hl2 ± multiplier · ATR with the usual final-band
 * and direction rules, as written. A final band starts at the band of bar 0, which is NaN during the ATR warm-up
 * (period ≥ 2), and a NaN band is never replaced (every comparison with NaN is false), so SuperTrend, both bands,
 * distance and slope are NaN throughout, the direction 1 and the streak 1, 2, 3, …
 * Columns `SuperTrend_<period>_<multiplier>`, `ST_…` (hard-coded).
 */
import { hlcColumns } from './_shared/frame-column.ts'
import { bindArguments, pyFloat, pythonStr } from './_params/python-args.ts'
import { positiveIntArgument, positiveNumberArgument } from './_params/value-checks.ts'
import { atr } from './atr.ts'
import type { IndicatorClass } from './types.ts'

/** Every SuperTrend column. */
export interface SuperTrendLines {
  readonly line: Float64Array
  readonly direction: Float64Array
  readonly upper: Float64Array
  readonly lower: Float64Array
  readonly atr: Float64Array
  readonly distance: Float64Array
  readonly strength: Float64Array
  readonly slope: Float64Array
}

/**
 * Basic bands hl2 ± multiplier · ATR (simple mean of TR); final upper = basic upper when it is below the previous
 * final upper or the previous close is above it, else the previous final upper (lower mirrored); direction: up
 * unless the close is at or below the final lower band (after an up bar) / stays down unless the close reaches the
 * final upper band (after a down bar); SuperTrend = final lower when up, else final upper; distance =
 * (close − ST) / ST · 100; strength = length of the current direction run; slope = 3-bar change of ST · 100
 * (`pct_change(fill_method=None)`).
 */
export function superTrend(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  period: number,
  multiplier: number,
): SuperTrendLines {
  const n = close.length
  const range = atr(high, low, close, period)
  const hl2 = high.map((h, i) => (h + low[i]!) / 2)
  const basicUpper = hl2.map((m, i) => m + multiplier * range[i]!)
  const basicLower = hl2.map((m, i) => m - multiplier * range[i]!)
  const upper = new Float64Array(n)
  const lower = new Float64Array(n)
  const line = new Float64Array(n)
  const direction = new Float64Array(n)
  const strength = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    if (i === 0) {
      upper[i] = basicUpper[i]!
      lower[i] = basicLower[i]!
    } else {
      const keepUpper = !(basicUpper[i]! < upper[i - 1]! || close[i - 1]! > upper[i - 1]!)
      const keepLower = !(basicLower[i]! > lower[i - 1]! || close[i - 1]! < lower[i - 1]!)
      upper[i] = keepUpper ? upper[i - 1]! : basicUpper[i]!
      lower[i] = keepLower ? lower[i - 1]! : basicLower[i]!
    }
    const wasUp = i === 0 || direction[i - 1] === 1
    const up = wasUp ? !(close[i]! <= lower[i]!) : close[i]! >= upper[i]!
    direction[i] = up ? 1 : -1
    line[i] = up ? lower[i]! : upper[i]!
    strength[i] = i > 0 && direction[i] === direction[i - 1] ? strength[i - 1]! + 1 : 1
  }
  return {
    line,
    direction,
    upper,
    lower,
    atr: range,
    distance: close.map((c, i) => ((c - line[i]!) / line[i]!) * 100),
    strength,
    slope: line.map((v, i) => (i < 3 ? NaN : (v / line[i - 3]! - 1) * 100)),
  }
}

/** `SuperTrendIndicator(period=10, multiplier=3.0)`: an int in [2, 200], a number in (0, 10]. Needs period + 1 rows. */
export const superTrendClass: IndicatorClass = {
  className: 'SuperTrendIndicator',
  configure(kwargs) {
    const { named } = bindArguments(kwargs, {
      className: 'SuperTrendIndicator',
      parameters: { period: 10, multiplier: pyFloat(3.0) },
      extra: 'none',
    })
    const p = positiveIntArgument(named.period, 'period', 200)
    const multiplier = positiveNumberArgument(named.multiplier, 'multiplier', 10)
    const suffix = `${p}_${pythonStr(named.multiplier)}`
    return {
      minRows: p + 1,
      compute: (frame, _name, column) => {
        const { high, low, close } = hlcColumns(frame, column)
        const l = superTrend(high, low, close, p, multiplier)
        return {
          names: [
            `SuperTrend_${suffix}`,
            `ST_Direction_${suffix}`,
            `ST_Upper_Band_${suffix}`,
            `ST_Lower_Band_${suffix}`,
            `ST_ATR_${p}`,
            `ST_Distance_${suffix}`,
            `ST_Strength_${suffix}`,
            `ST_Slope_${suffix}`,
          ],
          columns: [l.line, l.direction, l.upper, l.lower, l.atr, l.distance, l.strength, l.slope],
        }
      },
    }
  },
}
