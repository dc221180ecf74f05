/**
 * The old AroonIndicator (docs/legacy-behaviour.md §3.3): per full window of `period` highs / lows, how long ago
 * the extreme occurred, as `Aroon_<period>_Up` / `_Down` (hard-coded names), optionally `_Oscillator`.
 */
import { frameColumn } from './_shared/frame-column.ts'
import { bindArguments, isPythonInt, numberOf, pythonStr } from './_params/python-args.ts'
import { IndicatorParameterError } from './errors.ts'
import type { IndicatorClass } from './types.ts'

/**
 * For each i ≥ period − 1: ((period − bars since the window's extreme) / period) · 100, the extreme found as
 * pandas' `argmax` / `argmin` does (NaN skipped, the first of equal values; an all-NaN window has position −1, so
 * `period` bars since and 0). Rows before NaN.
 */
export function aroonLine(x: Float64Array, period: number, kind: 'max' | 'min'): Float64Array {
  const out = new Float64Array(x.length).fill(NaN)
  for (let i = period - 1; i < x.length; i++) {
    const start = i - period + 1
    let position = -1
    for (let j = start; j <= i; j++) {
      const v = x[j]!
      if (Number.isNaN(v)) continue
      const best = position < 0 ? NaN : x[start + position]!
      if (position < 0 || (kind === 'max' ? v > best : v < best)) position = j - start
    }
    const since = period - 1 - position
    out[i] = ((period - since) / period) * 100.0
  }
  return out
}

function invalid(message: string): never {
  throw new IndicatorParameterError(`DataError INDICATOR-InvalidParameter: ${message}`)
}

/** `AroonIndicator(period=14, include_oscillator=False)`: period an int in [1, 200]. Needs period rows. */
export const aroonClass: IndicatorClass = {
  className: 'AroonIndicator',
  configure(kwargs) {
    const { named } = bindArguments(kwargs, {
      className: 'AroonIndicator',
      parameters: { period: 14, include_oscillator: false },
      extra: 'none',
    })
    const period = named.period
    if (!isPythonInt(period) || numberOf(period) < 1) invalid('Aroon period must be an integer >= 1')
    if (numberOf(period) > 200) invalid('Aroon period must be <= 200')
    const withOscillator = named.include_oscillator
    if (typeof withOscillator !== 'boolean') invalid('Aroon include_oscillator must be a boolean')
    const p = numberOf(period)
    const label = `Aroon_${pythonStr(period)}`
    return {
      minRows: p,
      compute: (frame, _name, column) => {
        const up = aroonLine(frameColumn(frame, column, 'high'), p, 'max')
        const down = aroonLine(frameColumn(frame, column, 'low'), p, 'min')
        const names = [`${label}_Up`, `${label}_Down`]
        const columns = [up, down]
        if (withOscillator) {
          names.push(`${label}_Oscillator`)
          columns.push(up.map((u, i) => u - down[i]!))
        }
        return { names, columns }
      },
    }
  },
}
