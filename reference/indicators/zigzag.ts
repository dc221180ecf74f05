/**
 * The old ZigZagIndicator as an indicator column (docs/legacy-behaviour.md §3.3): the pivot prices of the labeller's
 * zigzag, NaN elsewhere, in a column named from the threshold alone (`ZigZag_<int(threshold · 100)>`).
 */
import { zigzagPivots } from '../labels/zigzag.ts'
import { lookupColumn } from './_shared/frame-column.ts'
import { IndicatorError, IndicatorParameterError } from './errors.ts'
import { bindArguments, isPythonNumber, numberOf, pyFloat, pythonStr, pythonTypeName } from './_params/python-args.ts'
import type { IndicatorClass } from './types.ts'

/**
 * The pivot series: `values[p]` at every surviving pivot p, NaN elsewhere.
 *
 * @param threshold - in (0, 1); at least 3 values
 */
export function zigzagLine(values: Float64Array, threshold: number): Float64Array {
  const out = new Float64Array(values.length).fill(NaN)
  for (const p of zigzagPivots(values, threshold)) out[p] = values[p]!
  return out
}

/**
 * `ZigZagIndicator(threshold=0.05, source="close", **kwargs)`: extra keywords are accepted and unused; the threshold
 * must be a number in (0, 1); `source` may name any column of the growing frame. Needs 3 rows.
 */
export const zigZagClass: IndicatorClass = {
  className: 'ZigZagIndicator',
  configure(kwargs) {
    const { named } = bindArguments(kwargs, {
      className: 'ZigZagIndicator',
      parameters: { threshold: pyFloat(0.05), source: 'close' },
      extra: { passesOverlay: true },
    })
    const given = named.threshold
    if (!isPythonNumber(given)) {
      throw new IndicatorParameterError(
        `TypeError: '<=' not supported between instances of '${pythonTypeName(given)}' and 'int'`,
      )
    }
    const threshold = numberOf(given)
    if (threshold <= 0 || threshold >= 1) {
      throw new IndicatorParameterError(`ValueError: Threshold must be between 0 and 1, got ${pythonStr(given)}`)
    }
    if (Number.isNaN(threshold)) throw new IndicatorParameterError('ValueError: cannot convert float NaN to integer')
    const name = `ZigZag_${Math.trunc(threshold * 100)}`
    const source = named.source
    return {
      minRows: 3,
      compute: (frame, _name, column) => {
        const values = typeof source === 'string' ? lookupColumn(frame, column, source) : undefined
        if (!values) throw new IndicatorError(`Source column '${pythonStr(source)}' not found in data`)
        return { names: [name], columns: [zigzagLine(values, threshold)] }
      },
    }
  },
}
