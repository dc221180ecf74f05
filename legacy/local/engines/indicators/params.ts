/**
 * Constructor-argument handling of the legacy indicator classes: Python keyword arguments (an unknown one is a
 * TypeError) and the old per-class parameter checks, so a bad `params:` block fails construction as before.
 */
import { isPythonInt } from '../../python-values.ts'
import { LegacyIndicatorDataError } from '../errors.ts'

/**
 * Keyword arguments given to an indicator constructor (the YAML `params:` mapping; top-level keys are dropped).
 * YAML floats arrive as `PythonFloat`.
 */
export type IndicatorKwargs = Readonly<Record<string, unknown>>

/** Throws Python's TypeError text for a keyword the constructor does not accept. */
export function rejectUnknownKwargs(kwargs: IndicatorKwargs, accepted: readonly string[], className: string): void {
  for (const key of Object.keys(kwargs)) {
    if (!accepted.includes(key)) {
      throw new TypeError(`${className}.__init__() got an unexpected keyword argument '${key}'`)
    }
  }
}

/**
 * The hand-written `_validate_params` of RSIIndicator, SimpleMovingAverage and ExponentialMovingAverage: `period`
 * (the keyword when given, even `None`, else the default) must be an int — a bool is one — and at least 2, `source`
 * a string; DataErrors otherwise. The period is then a plain number (no bool is at least 2).
 */
export function periodSourceKwargs(
  kwargs: IndicatorKwargs,
  label: string,
  defaultPeriod: number,
): { readonly period: number; readonly source: string } {
  const period = 'period' in kwargs ? kwargs.period : defaultPeriod
  if (!isPythonInt(period)) throw new LegacyIndicatorDataError('DATA-InvalidType', `${label} period must be an integer`)
  if (Number(period) < 2) throw new LegacyIndicatorDataError('DATA-InvalidValue', `${label} period must be at least 2`)
  const source = 'source' in kwargs ? kwargs.source : 'close'
  if (typeof source !== 'string') throw new LegacyIndicatorDataError('DATA-InvalidType', 'Source must be a string')
  return { period: Number(period), source }
}
