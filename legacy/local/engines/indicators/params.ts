/**
 * Constructor-argument handling of the legacy indicator classes: Python keyword arguments (an unknown one is a
 * TypeError) and the old per-class parameter checks, so a bad `params:` block fails construction as before.
 */
import { PythonFloat } from '../../python-values.ts'
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

/** An integer argument with the old range check (`[min, max]`, max optional). */
export function intKwarg(
  kwargs: IndicatorKwargs,
  key: string,
  fallback: number,
  label: string,
  min: number,
  max = Infinity,
): number {
  const value = plainNumber(kwargs[key] ?? fallback)
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new LegacyIndicatorDataError('DATA-InvalidType', `${label} ${key} must be an integer`)
  }
  if (value < min || value > max) {
    throw new LegacyIndicatorDataError('DATA-InvalidValue', `${label} ${key} must be in [${min}, ${max}], got ${value}`)
  }
  return value
}

/** A float argument with the old range check. */
export function floatKwarg(
  kwargs: IndicatorKwargs,
  key: string,
  fallback: number,
  label: string,
  min: number,
  max: number,
): number {
  const value = plainNumber(kwargs[key] ?? fallback)
  if (typeof value !== 'number' || Number.isNaN(value)) {
    throw new LegacyIndicatorDataError('DATA-InvalidType', `${label} ${key} must be a number`)
  }
  if (value < min || value > max) {
    throw new LegacyIndicatorDataError('DATA-InvalidValue', `${label} ${key} must be in [${min}, ${max}], got ${value}`)
  }
  return value
}

/** A string argument (`source`). */
export function stringKwarg(kwargs: IndicatorKwargs, key: string, fallback: string, label: string): string {
  const value = kwargs[key] ?? fallback
  if (typeof value !== 'string')
    throw new LegacyIndicatorDataError('DATA-InvalidType', `${label} ${key} must be a string`)
  return value
}

/** A YAML float as its number; these reduced checks do not tell `20.0` from `20`. */
function plainNumber(value: unknown): unknown {
  return value instanceof PythonFloat ? value.value : value
}
