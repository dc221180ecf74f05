/**
 * The old DonchianChannelsIndicator (docs/legacy-behaviour.md §3.3): rolling highest high / lowest low over full
 * windows, the optional middle line, width and the close's position, columns `DC_<line>_<period>` (hard-coded).
 */
import { rollingExtreme } from './_internals/rolling.ts'
import { hlcColumns } from './_shared/frame-column.ts'
import { bindArguments } from './_params/python-args.ts'
import { positiveIntArgument, pythonTruthy } from './_params/value-checks.ts'
import type { IndicatorClass } from './types.ts'

/** Every Donchian line. */
export interface DonchianLines {
  readonly upper: Float64Array
  readonly lower: Float64Array
  readonly middle: Float64Array
  readonly width: Float64Array
  readonly position: Float64Array
}

/**
 * upper / lower = rolling max high / min low (full windows, NaN-skipping); middle = (upper + lower) / 2;
 * width = upper − lower; position = (close − lower) / (upper − lower) (±∞ or NaN on a zero width).
 */
export function donchian(high: Float64Array, low: Float64Array, close: Float64Array, period: number): DonchianLines {
  const upper = rollingExtreme(high, period, 'max')
  const lower = rollingExtreme(low, period, 'min')
  return {
    upper,
    lower,
    middle: upper.map((u, i) => (u + lower[i]!) / 2),
    width: upper.map((u, i) => u - lower[i]!),
    position: close.map((c, i) => (c - lower[i]!) / (upper[i]! - lower[i]!)),
  }
}

/**
 * `DonchianChannelsIndicator(period=20, include_middle=True)`: period an int in [2, 500]; `include_middle` is
 * not checked, its truth value decides. Needs period rows.
 */
export const donchianClass: IndicatorClass = {
  className: 'DonchianChannelsIndicator',
  configure(kwargs) {
    const { named } = bindArguments(kwargs, {
      className: 'DonchianChannelsIndicator',
      parameters: { period: 20, include_middle: true },
      extra: 'none',
    })
    const p = positiveIntArgument(named.period, 'period', 500)
    const withMiddle = pythonTruthy(named.include_middle)
    return {
      minRows: p,
      compute: (frame, _name, column) => {
        const { high, low, close } = hlcColumns(frame, column)
        const lines = donchian(high, low, close, p)
        const names = [`DC_Upper_${p}`, `DC_Lower_${p}`]
        const columns = [lines.upper, lines.lower]
        if (withMiddle) {
          names.push(`DC_Middle_${p}`)
          columns.push(lines.middle)
        }
        names.push(`DC_Width_${p}`, `DC_Position_${p}`)
        columns.push(lines.width, lines.position)
        return { names, columns }
      },
    }
  },
}
