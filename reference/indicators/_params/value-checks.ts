/**
 * The hand-written `_validate_params` checks of the classes without a schema (RSI, SMA and EMA with their
 * DataError texts; Donchian, Keltner, ADLine, CMF, SuperTrend, Fisher, ADX with their ValueError texts;
 * docs/legacy-behaviour.md §3.2.2), and `BaseIndicator.get_column_name()` of the schema classes that return one
 * unnamed series.
 */
import { YamlFloat } from '../../strategy/yaml-float.ts'
import { IndicatorParameterError } from '../errors.ts'
import { isPythonInt, isPythonNumber, numberOf, pythonStr } from './python-args.ts'

function dataError(code: string, message: string): never {
  throw new IndicatorParameterError(`DataError ${code}: ${message}`)
}

/**
 * The period check of RSIIndicator, SimpleMovingAverage and ExponentialMovingAverage: `isinstance(v, int)` (a bool
 * is one), else "must be an integer"; then v < 2 → "must be at least 2".
 *
 * @returns the period (never a bool: none is at least 2)
 * @throws IndicatorParameterError
 * @internal
 */
export function movingPeriodArgument(value: unknown, label: string): number {
  if (!isPythonInt(value)) dataError('DATA-InvalidType', `${label} period must be an integer`)
  if (numberOf(value) < 2) dataError('DATA-InvalidValue', `${label} period must be at least 2`)
  return numberOf(value)
}

/**
 * The source check of the same classes: any string (a column of the engine's frame, looked up when computed).
 *
 * @throws IndicatorParameterError
 * @internal
 */
export function stringSourceArgument(value: unknown): string {
  if (typeof value !== 'string') dataError('DATA-InvalidType', 'Source must be a string')
  return value
}

function valueError(message: string): never {
  throw new IndicatorParameterError(`ValueError: ${message}`)
}

/**
 * `not isinstance(v, int) or v < 1` → "must be a positive integer"; then, when `atLeastTwo`, `v < 2` → "must be at
 * least 2"; then `v > max` → "should not exceed".
 *
 * @throws IndicatorParameterError
 * @internal
 */
export function positiveIntArgument(value: unknown, key: string, max: number, atLeastTwo = true): number {
  if (!isPythonInt(value) || numberOf(value) < 1) valueError(`${key} must be a positive integer`)
  const n = numberOf(value)
  if (atLeastTwo && n < 2) valueError(`${key} must be at least 2`)
  if (n > max) valueError(`${key} should not exceed ${max} for practical purposes`)
  return n
}

/**
 * `not isinstance(v, (int, float)) or v <= 0` → "must be a positive number"; `v > max` → "should not exceed".
 *
 * @throws IndicatorParameterError
 * @internal
 */
export function positiveNumberArgument(value: unknown, key: string, max: number): number {
  if (!isPythonNumber(value) || numberOf(value) <= 0) valueError(`${key} must be a positive number`)
  if (numberOf(value) > max) valueError(`${key} should not exceed ${max} for practical purposes`)
  return numberOf(value)
}

/**
 * `isinstance(v, bool)`, else "must be a boolean".
 *
 * @throws IndicatorParameterError
 * @internal
 */
export function boolArgument(value: unknown, key: string): boolean {
  if (typeof value !== 'boolean') valueError(`${key} must be a boolean`)
  return value
}

/**
 * `get_column_name()`: `name.lower()`, `_<period>` when there is one, then `_<value>` of every other parameter
 * but `source`, in parameter order, each printed by `str()`.
 *
 * @internal
 */
export function seriesColumnName(name: string, params: Readonly<Record<string, unknown>>): string {
  let text = name.toLowerCase()
  if ('period' in params) text += `_${pythonStr(params.period)}`
  for (const [key, value] of Object.entries(params)) {
    if (key !== 'period' && key !== 'source') text += `_${pythonStr(value)}`
  }
  return text
}

/**
 * Python's truth value of a YAML value (`if include_middle:`): False, 0, 0.0, '', None, [] and {} are false.
 *
 * @internal
 */
export function pythonTruthy(value: unknown): boolean {
  if (value instanceof YamlFloat) return value.value !== 0
  if (Array.isArray(value)) return value.length > 0
  if (typeof value === 'object' && value !== null) return Object.keys(value).length > 0
  return Boolean(value)
}
