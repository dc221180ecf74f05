/**
 * The old ATRIndicator (docs/legacy-behaviour.md §3.3): simple rolling mean of the true range (not Wilder), TR[0] forced
 * to high0 − low0, column `ATR_<period>` (hard-coded).
 */
import type { LegacyFrame } from '../frame.ts'
import { LegacyIndicatorDataError } from '../errors.ts'
import { pythonNumber, pythonStr } from '../../python-values.ts'
import { type IndicatorOutput, type LegacyIndicator, requireDataPoints } from './indicator.ts'
import { type IndicatorKwargs, rejectUnknownKwargs } from './params.ts'
import { type PythonArg, validateSchema } from './python-kwargs.ts'
import { rollingMean } from './rolling.ts'
import { rollingWindow } from './signature-extras.ts'
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

/**
 * `ATRIndicator(period=14)`, ATR_SCHEMA period int in [1, 100]. Needs period + 1 rows; a bool period passes the
 * schema and then fails pandas' rolling window.
 */
export class LegacyAtr implements LegacyIndicator {
  readonly className = 'ATRIndicator'
  name = 'ATR'
  private readonly params: Readonly<Record<string, PythonArg>>

  constructor(kwargs: IndicatorKwargs) {
    rejectUnknownKwargs(kwargs, ['period'], this.className)
    this.params = validateSchema(kwargs, [{ name: 'period', type: 'int', default: 14, min: 1, max: 100 }])
  }

  compute(frame: LegacyFrame): IndicatorOutput[] {
    const { high, low, close } = ohlcColumns(frame, 'ATR')
    const period = pythonNumber(this.params.period as number | boolean)
    requireDataPoints(frame, period + 1, 'ATR')
    const tr = legacyTrueRange(high, low, close)
    if (tr.length > 0) tr[0] = high[0] - low[0]
    const window = rollingWindow(this.params.period)
    return [{ name: `ATR_${pythonStr(this.params.period)}`, values: rollingMean(tr, window) }]
  }
}
