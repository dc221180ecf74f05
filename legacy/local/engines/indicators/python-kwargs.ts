/**
 * The two ways the old indicator classes checked their constructor arguments, with Python's types: hand-written
 * `_validate_params` checks (`isinstance(period, int)`, then ValueError texts) and the `ParameterSchema` of
 * `ktrdr/indicators/schemas.py` (None → default, `int()` / `float()` coercion, range and option checks, DataError).
 */
import {
  isPythonInt,
  isPythonNumber,
  PythonFloat,
  pythonFloatRepr,
  pythonNumber,
  pythonStr,
} from '../../python-values.ts'
import { LegacyIndicatorDataError, LegacyValueError } from '../errors.ts'
import type { IndicatorKwargs } from './params.ts'

/** A checked argument value: an int (number or bool), a float, or a string. */
export type PythonArg = number | boolean | PythonFloat | string

/** The constructor's value for `key`: the keyword when given (even `None`), else the signature default. */
export function constructorArg(kwargs: IndicatorKwargs, key: string, fallback: PythonArg): unknown {
  return key in kwargs ? kwargs[key] : fallback
}

/**
 * The hand-written period check: `not isinstance(v, int) or v < 1` → "must be a positive integer", then (unless
 * `atLeastTwo` is false) `v < 2` → "must be at least 2", then `v > max` → "should not exceed".
 */
export function checkPositiveInt(value: unknown, key: string, max: number, atLeastTwo = true): number {
  if (!isPythonInt(value) || Number(value) < 1) throw new LegacyValueError(`${key} must be a positive integer`)
  const n = Number(value)
  if (atLeastTwo && n < 2) throw new LegacyValueError(`${key} must be at least 2`)
  if (n > max) throw new LegacyValueError(`${key} should not exceed ${max} for practical purposes`)
  return n
}

/** The hand-written multiplier check: a positive int or float, at most `max`. */
export function checkPositiveNumber(value: unknown, key: string, max: number): number {
  if (!isPythonNumber(value) || pythonNumber(value) <= 0) throw new LegacyValueError(`${key} must be a positive number`)
  if (pythonNumber(value) > max) throw new LegacyValueError(`${key} should not exceed ${max} for practical purposes`)
  return pythonNumber(value)
}

/** One `ParameterDefinition` of a schema. */
export interface SchemaParameter {
  readonly name: string
  readonly type: 'int' | 'float' | 'string'
  readonly default: PythonArg
  readonly min?: number
  readonly max?: number
  readonly options?: readonly string[]
}

/**
 * `ParameterSchema.validate`: every schema parameter in schema order, each coerced and checked.
 *
 * @returns the validated values by name (ints as numbers, floats as PythonFloat, given ints for float parameters
 *   stay ints), in schema order
 * @throws LegacyIndicatorDataError with the old PARAM-* codes and texts
 */
export function validateSchema(
  kwargs: Readonly<Record<string, unknown>>,
  schema: readonly SchemaParameter[],
): Record<string, PythonArg> {
  const validated: Record<string, PythonArg> = {}
  for (const parameter of schema) {
    const given = kwargs[parameter.name]
    validated[parameter.name] =
      given === null || given === undefined ? parameter.default : schemaValue(parameter, given)
  }
  return validated
}

function schemaValue(parameter: SchemaParameter, given: unknown): PythonArg {
  let value: PythonArg
  if (parameter.type === 'int') value = isPythonInt(given) ? given : pythonInt(given, parameter.name)
  else if (parameter.type === 'float') value = isPythonNumber(given) ? given : pythonFloat(given, parameter.name)
  else if (typeof given === 'string') value = given
  else throw invalidType(parameter.name, 'a string')
  if (typeof value !== 'string') {
    const x = pythonNumber(value)
    if (parameter.min !== undefined && x < parameter.min) {
      throw new LegacyIndicatorDataError(
        'PARAM-BelowMinimum',
        `Parameter '${parameter.name}' must be >= ${boundText(parameter.min, parameter.type)}`,
      )
    }
    if (parameter.max !== undefined && x > parameter.max) {
      throw new LegacyIndicatorDataError(
        'PARAM-AboveMaximum',
        `Parameter '${parameter.name}' must be <= ${boundText(parameter.max, parameter.type)}`,
      )
    }
  }
  if (parameter.options && !parameter.options.includes(value as string)) {
    const listed = parameter.options.map((o) => `'${o}'`).join(', ')
    throw new LegacyIndicatorDataError(
      'PARAM-InvalidOption',
      `Parameter '${parameter.name}' must be one of [${listed}]`,
    )
  }
  return value
}

/** The schema's bounds are ints for int parameters and floats for float parameters. */
function boundText(bound: number, type: SchemaParameter['type']): string {
  return type === 'float' ? pythonFloatRepr(bound) : String(bound)
}

/** Python's `int(value)` for a float (truncation) or a decimal string; anything else fails like the schema. */
function pythonInt(value: unknown, name: string): number {
  if (value instanceof PythonFloat && Number.isFinite(value.value)) return Math.trunc(value.value)
  if (typeof value === 'string' && /^\s*[-+]?\d+(?:_\d+)*\s*$/.test(value)) return Number(value.replace(/_/g, ''))
  throw invalidType(name, 'an integer')
}

/** Python's `float(value)` for a numeric string; anything else fails like the schema. */
function pythonFloat(value: unknown, name: string): PythonFloat {
  if (typeof value === 'string') {
    const text = value.trim().replace(/(?<=\d)_(?=\d)/g, '')
    if (/^[-+]?(?:\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)$/.test(text)) return new PythonFloat(Number(text))
    if (/^[-+]?(?:inf|infinity)$/i.test(text)) return new PythonFloat(text.startsWith('-') ? -Infinity : Infinity)
    if (/^[-+]?nan$/i.test(text)) return new PythonFloat(NaN)
  }
  throw invalidType(name, 'a number')
}

function invalidType(name: string, expected: string): LegacyIndicatorDataError {
  return new LegacyIndicatorDataError('PARAM-InvalidType', `Parameter '${name}' must be ${expected}`)
}

/**
 * `BaseIndicator.get_column_name()`: `name.lower()`, then `_<period>` when the parameters hold one, then
 * `_<value>` for every other int, float or string parameter except `source`, in parameter order.
 */
export function baseColumnName(name: string, params: Readonly<Record<string, PythonArg>>): string {
  let text = name.toLowerCase()
  if ('period' in params) text += `_${pythonStr(params.period)}`
  for (const [key, value] of Object.entries(params)) {
    if (key !== 'period' && key !== 'source') text += `_${pythonStr(value)}`
  }
  return text
}
