/**
 * Reading a named column of the old engine's growing frame (or, without one, of the price frame), failing as the
 * old classes' column checks did.
 */
import type { OhlcvFrame } from '../../data/types.ts'
import { IndicatorError } from '../errors.ts'
import type { ColumnLookup } from '../types.ts'
import { priceColumnSet } from './price-columns.ts'

/**
 * The column `name` of the engine's frame, or of `frame`'s price columns when no lookup is given; `undefined` when
 * absent.
 *
 * @internal
 */
export function lookupColumn(
  frame: OhlcvFrame,
  column: ColumnLookup | undefined,
  name: string,
): Float64Array | undefined {
  if (column) return column(name)
  const prices = priceColumnSet(frame)
  return prices.columns[prices.names.indexOf(name)]
}

/**
 * {@link lookupColumn}, required.
 *
 * @throws IndicatorError naming the missing column
 * @internal
 */
export function frameColumn(frame: OhlcvFrame, column: ColumnLookup | undefined, name: string): Float64Array {
  const values = lookupColumn(frame, column, name)
  if (!values) throw new IndicatorError(`missing required column '${name}'`)
  return values
}

/**
 * The high, low and close columns.
 *
 * @throws IndicatorError naming a missing column
 * @internal
 */
export function hlcColumns(
  frame: OhlcvFrame,
  column: ColumnLookup | undefined,
): { readonly high: Float64Array; readonly low: Float64Array; readonly close: Float64Array } {
  return {
    high: frameColumn(frame, column, 'high'),
    low: frameColumn(frame, column, 'low'),
    close: frameColumn(frame, column, 'close'),
  }
}
