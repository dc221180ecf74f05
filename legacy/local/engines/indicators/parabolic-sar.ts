/**
 * The old ParabolicSARIndicator (docs/legacy-behaviour.md §3.3): a Python loop over numpy values — trend from
 * close[1] > close[0], SAR[1] at the previous low (high), SAR += AF · (EP − SAR), reversal when the bar crosses,
 * else clamped by Python's builtin `min` / `max` of the two previous lows (highs), AF raised by `min(af + step,
 * max)` on a new extreme. Column `ParabolicSAR_<initial_af>_<step_af>_<max_af>` as Python prints the factors.
 */
import { PythonFloat, pythonNumber, pythonStr } from '../../python-values.ts'
import { LegacyIndicatorDataError } from '../errors.ts'
import type { LegacyFrame } from '../frame.ts'
import type { IndicatorOutput, LegacyIndicator } from './indicator.ts'
import type { IndicatorKwargs } from './params.ts'
import { type PythonArg, validateSchema } from './python-kwargs.ts'
import { baseIndicatorExtras, rejectUnknownParams } from './signature-extras.ts'

const SCHEMA = [
  { name: 'initial_af', type: 'float', default: new PythonFloat(0.02), min: 0.001, max: 0.1 },
  { name: 'step_af', type: 'float', default: new PythonFloat(0.02), min: 0.001, max: 0.1 },
  { name: 'max_af', type: 'float', default: new PythonFloat(0.2), min: 0.01, max: 1.0 },
] as const

/** Python's `min(a, b, c)`: the first value, replaced by each later one that compares smaller. */
function pyMin(a: number, b: number, c: number): number {
  let m = a
  if (b < m) m = b
  if (c < m) m = c
  return m
}

/** Python's `max(a, b, c)`. */
function pyMax(a: number, b: number, c: number): number {
  let m = a
  if (b > m) m = b
  if (c > m) m = c
  return m
}

/** `ParabolicSARIndicator(initial_af=0.02, step_af=0.02, max_af=0.20, **kwargs)`. Needs 2 rows. */
export class LegacyParabolicSar implements LegacyIndicator {
  readonly className = 'ParabolicSARIndicator'
  name = 'ParabolicSAR'
  private readonly params: Readonly<Record<string, PythonArg>>

  constructor(kwargs: IndicatorKwargs) {
    const extras = baseIndicatorExtras(kwargs, ['initial_af', 'step_af', 'max_af'], false)
    this.params = validateSchema(kwargs, SCHEMA)
    rejectUnknownParams(extras)
  }

  compute(frame: LegacyFrame): IndicatorOutput[] {
    const missing = ['high', 'low', 'close'].filter((name) => !frame.has(name))
    if (missing.length > 0) {
      const listed = missing.map((name) => `'${name}'`).join(', ')
      throw new LegacyIndicatorDataError('DATA-MissingColumns', `Missing required columns: [${listed}]`)
    }
    if (frame.rows < 2) {
      throw new LegacyIndicatorDataError(
        'DATA-InsufficientData',
        `Insufficient data: need at least 2 points, got ${frame.rows}`,
      )
    }
    const initialAf = pythonNumber(this.params.initial_af as number)
    const stepAf = pythonNumber(this.params.step_af as number)
    const maxAf = pythonNumber(this.params.max_af as number)
    const high = frame.get('high')!
    const low = frame.get('low')!
    const close = frame.get('close')!
    const n = frame.rows
    const sar = new Float64Array(n).fill(NaN)
    let af = initialAf
    let ep: number
    let trend: number
    if (close[1] > close[0]) {
      trend = 1
      ep = high[1]
      sar[1] = low[0]
    } else {
      trend = -1
      ep = low[1]
      sar[1] = high[0]
    }
    for (let i = 2; i < n; i++) {
      sar[i] = sar[i - 1] + af * (ep - sar[i - 1])
      if (trend === 1) {
        if (low[i] <= sar[i]) {
          trend = -1
          sar[i] = ep
          af = initialAf
          ep = low[i]
        } else {
          sar[i] = pyMin(sar[i], low[i - 1], low[i - 2])
          if (high[i] > ep) {
            ep = high[i]
            af = maxAf < af + stepAf ? maxAf : af + stepAf
          }
        }
      } else if (high[i] >= sar[i]) {
        trend = 1
        sar[i] = ep
        af = initialAf
        ep = high[i]
      } else {
        sar[i] = pyMax(sar[i], high[i - 1], high[i - 2])
        if (low[i] < ep) {
          ep = low[i]
          af = maxAf < af + stepAf ? maxAf : af + stepAf
        }
      }
    }
    const p = this.params
    return [
      { name: `ParabolicSAR_${pythonStr(p.initial_af)}_${pythonStr(p.step_af)}_${pythonStr(p.max_af)}`, values: sar },
    ]
  }
}
