/**
 * The old MACDIndicator (docs/legacy-behaviour.md §3.3, §3.5): `ewm(span, adjust=False)` lines, no warm-up NaN, hard-coded column
 * names `MACD_<f>_<s>`, `MACD_signal_<f>_<s>_<g>`, `MACD_hist_<f>_<s>_<g>` (the custom name is ignored).
 */
import { pythonNumber, pythonStr } from '../../python-values.ts'
import { LegacyIndicatorDataError } from '../errors.ts'
import type { LegacyFrame } from '../frame.ts'
import { type IndicatorOutput, type LegacyIndicator, requireDataPoints } from './indicator.ts'
import { type IndicatorKwargs, rejectUnknownKwargs } from './params.ts'
import { type PythonArg, type SchemaParameter, validateSchema } from './python-kwargs.ts'
import { pandasEwmMean } from './rolling.ts'
import { requireSourceColumn } from './schema-indicators.ts'

/** MACD line, signal and histogram of one series (spans f, s, g). */
export function legacyMacdValues(
  x: Float64Array,
  fast: number,
  slow: number,
  signal: number,
): { macd: Float64Array; signal: Float64Array; hist: Float64Array } {
  const fastEma = pandasEwmMean(x, { span: fast }, false)
  const slowEma = pandasEwmMean(x, { span: slow }, false)
  const macd = fastEma.map((v, i) => v - slowEma[i])
  const signalLine = pandasEwmMean(macd, { span: signal }, false)
  return { macd, signal: signalLine, hist: macd.map((v, i) => v - signalLine[i]) }
}

/** MACD_SCHEMA: fast_period int in [1, 50], slow_period int in [2, 100], signal_period int in [1, 50], OHLC source. */
const MACD_SCHEMA: readonly SchemaParameter[] = [
  { name: 'fast_period', type: 'int', default: 12, min: 1, max: 50 },
  { name: 'slow_period', type: 'int', default: 26, min: 2, max: 100 },
  { name: 'signal_period', type: 'int', default: 9, min: 1, max: 50 },
  { name: 'source', type: 'string', default: 'close', options: ['open', 'high', 'low', 'close'] },
]

/**
 * `MACDIndicator(fast_period=12, slow_period=26, signal_period=9, source="close")` with MACD_SCHEMA and its
 * constraint fast < slow. A bool period passes the schema (it is an int) and prints as `True` in the column
 * names. Needs max(f, s) + g rows.
 */
export class LegacyMacd implements LegacyIndicator {
  readonly className = 'MACDIndicator'
  name = 'MACD'
  private readonly params: Readonly<Record<string, PythonArg>>

  constructor(kwargs: IndicatorKwargs) {
    rejectUnknownKwargs(kwargs, ['fast_period', 'slow_period', 'signal_period', 'source'], this.className)
    this.params = validateSchema(kwargs, MACD_SCHEMA)
    if (
      !(
        pythonNumber(this.params.fast_period as number | boolean) <
        pythonNumber(this.params.slow_period as number | boolean)
      )
    ) {
      throw new LegacyIndicatorDataError(
        'PARAM-ConstraintViolation',
        'Fast period must be less than slow period for meaningful MACD calculation',
      )
    }
  }

  compute(frame: LegacyFrame): IndicatorOutput[] {
    const x = requireSourceColumn(frame, String(this.params.source))
    const fast = pythonNumber(this.params.fast_period as number | boolean)
    const slow = pythonNumber(this.params.slow_period as number | boolean)
    const signal = pythonNumber(this.params.signal_period as number | boolean)
    requireDataPoints(frame, Math.max(slow, fast) + signal, 'MACD')
    const lines = legacyMacdValues(x, fast, slow, signal)
    const tail = `${pythonStr(this.params.fast_period)}_${pythonStr(this.params.slow_period)}`
    const signalText = pythonStr(this.params.signal_period)
    return [
      { name: `MACD_${tail}`, values: lines.macd },
      { name: `MACD_signal_${tail}_${signalText}`, values: lines.signal },
      { name: `MACD_hist_${tail}_${signalText}`, values: lines.hist },
    ]
  }
}
