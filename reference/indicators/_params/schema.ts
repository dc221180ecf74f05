/**
 * The old `ParameterSchema.validate` of the schema-checked indicator classes (docs/legacy-behaviour.md §3.2.2):
 * each schema parameter in schema order (None → default; `int()` / `float()` coercion of other types; bool
 * words; range and option checks), then keywords the schema does not know. Failures are the old DataErrors.
 */
import { YamlFloat } from '../../strategy/yaml-float.ts'
import { IndicatorParameterError } from '../errors.ts'
import {
  bindArguments,
  type ExtraKeywords,
  type IndicatorKwargs,
  isPythonInt,
  isPythonNumber,
  numberOf,
  pythonStr,
} from './python-args.ts'

/** One `ParameterDefinition`. Bounds of a float parameter print as floats (`>= 0.1`, `<= 5.0`). @internal */
export interface SchemaParameter {
  readonly name: string
  readonly type: 'int' | 'float' | 'string' | 'bool'
  readonly default: unknown
  readonly min?: number
  readonly max?: number
  readonly options?: readonly string[]
}

/** The `source` parameter most schemas share. @internal */
export const SOURCE_PARAMETER: SchemaParameter = {
  name: 'source',
  type: 'string',
  default: 'close',
  options: ['open', 'high', 'low', 'close'],
}

/**
 * Validates `params` against `schema`.
 *
 * @returns the validated values by name, in schema order
 * @throws IndicatorParameterError with the old `PARAM-*` code and text
 * @internal
 */
export function validateSchema(
  params: Readonly<Record<string, unknown>>,
  schema: readonly SchemaParameter[],
): Record<string, unknown> {
  const validated: Record<string, unknown> = {}
  for (const parameter of schema) {
    const given = params[parameter.name]
    validated[parameter.name] = given === null || given === undefined ? parameter.default : checked(parameter, given)
  }
  const unknown = Object.keys(params).filter((key) => !schema.some((p) => p.name === key))
  if (unknown.length > 0) fail('PARAM-Unknown', `Unknown parameters: ${unknown.join(', ')}`)
  return validated
}

function checked(parameter: SchemaParameter, given: unknown): unknown {
  const value = coerced(parameter, given)
  if (parameter.type === 'int' || parameter.type === 'float') {
    const x = numberOf(value as number | boolean | YamlFloat)
    const bound = (b: number): string => pythonStr(parameter.type === 'float' ? new YamlFloat(b) : b)
    if (parameter.min !== undefined && x < parameter.min) {
      fail('PARAM-BelowMinimum', `Parameter '${parameter.name}' must be >= ${bound(parameter.min)}`)
    }
    if (parameter.max !== undefined && x > parameter.max) {
      fail('PARAM-AboveMaximum', `Parameter '${parameter.name}' must be <= ${bound(parameter.max)}`)
    }
  }
  if (parameter.options && !parameter.options.includes(value as string)) {
    const listed = parameter.options.map((option) => `'${option}'`).join(', ')
    fail('PARAM-InvalidOption', `Parameter '${parameter.name}' must be one of [${listed}]`)
  }
  return value
}

function coerced(parameter: SchemaParameter, given: unknown): unknown {
  switch (parameter.type) {
    case 'int':
      return isPythonInt(given) ? given : pythonInt(given, parameter.name)
    case 'float':
      return isPythonNumber(given) ? given : pythonFloat(given, parameter.name)
    case 'string':
      if (typeof given !== 'string') fail('PARAM-InvalidType', `Parameter '${parameter.name}' must be a string`)
      return given
    case 'bool':
      return pythonBool(given, parameter.name)
  }
}

/** `int(value)`: a float truncates, a decimal string parses; anything else is the schema's type error. */
function pythonInt(value: unknown, name: string): number {
  if (value instanceof YamlFloat) {
    if (!Number.isFinite(value.value)) {
      if (Number.isNaN(value.value)) fail('PARAM-InvalidType', `Parameter '${name}' must be an integer`)
      throw new IndicatorParameterError('OverflowError: cannot convert float infinity to integer')
    }
    return Math.trunc(value.value)
  }
  if (typeof value === 'string' && /^\s*[-+]?\d+(?:_\d+)*\s*$/.test(value)) return Number(value.replace(/_/g, ''))
  return fail('PARAM-InvalidType', `Parameter '${name}' must be an integer`)
}

/** `float(value)` of a string (decimal, exponent, inf, nan); anything else is the schema's type error. */
function pythonFloat(value: unknown, name: string): YamlFloat {
  if (typeof value === 'string') {
    const text = value.trim().replace(/(?<=\d)_(?=\d)/g, '')
    if (/^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/.test(text)) return new YamlFloat(Number(text))
    if (/^[-+]?(?:inf|infinity)$/i.test(text)) return new YamlFloat(text.startsWith('-') ? -Infinity : Infinity)
    if (/^[-+]?nan$/i.test(text)) return new YamlFloat(NaN)
  }
  return fail('PARAM-InvalidType', `Parameter '${name}' must be a number`)
}

/** A bool, or one of the schema's bool words (case-insensitive). */
function pythonBool(value: unknown, name: string): boolean {
  if (typeof value === 'boolean') return value
  if (typeof value === 'string') {
    const word = value.toLowerCase()
    if (['true', '1', 'yes', 'on'].includes(word)) return true
    if (['false', '0', 'no', 'off'].includes(word)) return false
  }
  return fail('PARAM-InvalidType', `Parameter '${name}' must be a boolean`)
}

function fail(code: string, message: string): never {
  throw new IndicatorParameterError(`DataError ${code}: ${message}`)
}

/**
 * The keyword arguments of a schema-checked class as its constructor saw them: the signature's named parameters
 * (the schema's, with its defaults), then `**kwargs` where the class takes them, all validated by the schema.
 *
 * @throws IndicatorParameterError for an unexpected or duplicated keyword, or a schema failure
 * @internal
 */
export function schemaClassArguments(
  kwargs: IndicatorKwargs,
  className: string,
  schema: readonly SchemaParameter[],
  extra: ExtraKeywords = 'none',
): Record<string, unknown> {
  const parameters = Object.fromEntries(schema.map((p) => [p.name, p.default]))
  const { named, extras } = bindArguments(kwargs, { className, parameters, extra })
  return validateSchema({ ...named, ...extras }, schema)
}
