/**
 * MACD on recursive EMAs (docs/legacy-behaviour.md §3.3); the three column names are hard-coded from the periods
 * (`MACD_12_26`, `MACD_signal_12_26_9`, `MACD_hist_12_26_9` by default), the strategy name is ignored.
 */
import { ewmAdjustFalse } from './_internals/smoothing.ts'
import { frameColumn } from './_shared/frame-column.ts'
import { numbersOf, pythonStr } from './_params/python-args.ts'
import { schemaClassArguments, SOURCE_PARAMETER } from './_params/schema.ts'
import { IndicatorParameterError } from './errors.ts'
import type { IndicatorClass } from './types.ts'

/** MACD line, signal line and histogram. */
export interface MacdLines {
  readonly macd: Float64Array
  readonly signal: Float64Array
  readonly histogram: Float64Array
}

/**
 * macd = EMA(fast) − EMA(slow), signal = EMA(signal) of macd, histogram = macd − signal, every EMA being
 * `ewm(span, adjust=False)` seeded with its first valid value, so there is no NaN warm-up; a missing value
 * repeats the lines and the averages keep decaying through it (docs/legacy-behaviour.md §3.5).
 */
export function macd(values: Float64Array, fast: number, slow: number, signalSpan: number): MacdLines {
  const fastLine = ewmAdjustFalse(values, { span: fast })
  const slowLine = ewmAdjustFalse(values, { span: slow })
  const line = fastLine.map((v, i) => v - slowLine[i]!)
  const signal = ewmAdjustFalse(line, { span: signalSpan })
  return { macd: line, signal, histogram: line.map((v, i) => v - signal[i]!) }
}

/**
 * `MACDIndicator(fast_period=12, slow_period=26, signal_period=9, source="close")`, schema fast_period int in
 * [1, 50], slow_period int in [2, 100], signal_period int in [1, 50], OHLC source, then the constraint fast < slow.
 * A bool period passes the schema (Python's bool is an int) and prints as `True`. Needs max(fast, slow) + signal
 * rows.
 */
export const macdClass: IndicatorClass = {
  className: 'MACDIndicator',
  configure(kwargs) {
    const params = schemaClassArguments(kwargs, 'MACDIndicator', [
      { name: 'fast_period', type: 'int', default: 12, min: 1, max: 50 },
      { name: 'slow_period', type: 'int', default: 26, min: 2, max: 100 },
      { name: 'signal_period', type: 'int', default: 9, min: 1, max: 50 },
      SOURCE_PARAMETER,
    ])
    const [fast, slow, signal] = numbersOf(params, ['fast_period', 'slow_period', 'signal_period'])
    if (!(fast < slow)) {
      throw new IndicatorParameterError(
        'DataError PARAM-ConstraintViolation: Fast period must be less than slow period for meaningful MACD calculation',
      )
    }
    const tail = `${pythonStr(params.fast_period)}_${pythonStr(params.slow_period)}`
    const signalText = pythonStr(params.signal_period)
    return {
      minRows: Math.max(slow, fast) + signal,
      compute: (frame, _name, column) => {
        const lines = macd(frameColumn(frame, column, params.source as string), fast, slow, signal)
        return {
          names: [`MACD_${tail}`, `MACD_signal_${tail}_${signalText}`, `MACD_hist_${tail}_${signalText}`],
          columns: [lines.macd, lines.signal, lines.histogram],
        }
      },
    }
  },
}
