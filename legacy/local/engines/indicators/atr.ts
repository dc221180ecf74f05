/**
 * The old ATRIndicator (docs/legacy-behaviour.md §3.3): simple rolling mean of the true range (not Wilder), TR[0] forced
 * to high0 − low0, column `ATR_<period>` (hard-coded).
 */
import type { LegacyFrame } from '../frame.ts'
import { LegacyIndicatorDataError } from '../errors.ts'
import { type IndicatorOutput, type LegacyIndicator, requireRows } from './indicator.ts'
import { type IndicatorKwargs, intKwarg, rejectUnknownKwargs } from './params.ts'
import { rollingMean } from './rolling.ts'
import { legacyTrueRange } from './true-range.ts'

/** High, low and close, or the old "requires columns" DataError. */
export function ohlcColumns(
  frame: LegacyFrame,
  indicator: string,
): { high: Float64Array; low: Float64Array; close: Float64Array } {
  const missing = ['high', 'low', 'close'].filter((name) => !frame.has(name))
  if (missing.length > 0) {
    throw new LegacyIndicatorDataError('DATA-MissingColumn', `${indicator} requires columns: ${missing.join(', ')}`)
  }
  return { high: frame.get('high')!, low: frame.get('low')!, close: frame.get('close')! }
}

/** `ATRIndicator(period=14)`. Needs period + 1 rows. */
export class LegacyAtr implements LegacyIndicator {
  readonly className = 'ATRIndicator'
  name = 'ATR'
  readonly period: number

  constructor(kwargs: IndicatorKwargs) {
    rejectUnknownKwargs(kwargs, ['period'], this.className)
    this.period = intKwarg(kwargs, 'period', 14, 'ATR', 1, 100)
  }

  compute(frame: LegacyFrame): IndicatorOutput[] {
    const { high, low, close } = ohlcColumns(frame, 'ATR')
    requireRows(frame, this.period + 1, 'ATR')
    const tr = legacyTrueRange(high, low, close)
    if (tr.length > 0) tr[0] = high[0] - low[0]
    return [{ name: `ATR_${this.period}`, values: rollingMean(tr, this.period) }]
  }
}
