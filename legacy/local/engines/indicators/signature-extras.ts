/**
 * Keyword handling the schema helpers leave out (docs/legacy-behaviour.md §3.2.2): a class taking `**kwargs`
 * forwards them to `BaseIndicator.__init__(name=…, display_as_overlay=…, **params)` (so `name`, and
 * `display_as_overlay` where the class passed it itself, collide), a schema also refuses keywords it does not
 * define, and a schema bool accepts a few words.
 */
import { isPythonInt, PythonFloat } from '../../python-values.ts'
import { LegacyIndicatorDataError, LegacyValueError } from '../errors.ts'
import type { IndicatorKwargs } from './params.ts'

/**
 * The keywords beyond `named` that reach `BaseIndicator.params`, in the order given.
 *
 * @param passesOverlay - the class passed `display_as_overlay` to BaseIndicator itself
 * @throws TypeError with Python's text for a duplicated keyword
 */
export function baseIndicatorExtras(
  kwargs: IndicatorKwargs,
  named: readonly string[],
  passesOverlay: boolean,
): Record<string, unknown> {
  const extras: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(kwargs)) {
    if (named.includes(key)) continue
    if (key === 'name' || (key === 'display_as_overlay' && passesOverlay)) {
      throw new TypeError(
        `ktrdr.indicators.base_indicator.BaseIndicator.__init__() got multiple values for keyword argument '${key}'`,
      )
    }
    if (key !== 'display_as_overlay') extras[key] = value
  }
  return extras
}

/** `ParameterSchema.validate`'s last check, on the extra keywords of a `**kwargs` class: none is a schema parameter. */
export function rejectUnknownParams(extras: Readonly<Record<string, unknown>>): void {
  const unknown = Object.keys(extras)
  if (unknown.length > 0) {
    throw new LegacyIndicatorDataError('PARAM-Unknown', `Unknown parameters: ${unknown.join(', ')}`)
  }
}

/** A schema bool parameter: None → the default, a bool, or true/1/yes/on, false/0/no/off (any case). */
export function schemaBool(value: unknown, name: string, fallback: boolean): boolean {
  if (value === null || value === undefined) return fallback
  if (typeof value === 'boolean') return value
  if (typeof value === 'string') {
    const word = value.toLowerCase()
    if (['true', '1', 'yes', 'on'].includes(word)) return true
    if (['false', '0', 'no', 'off'].includes(word)) return false
  }
  throw new LegacyIndicatorDataError('PARAM-InvalidType', `Parameter '${name}' must be a boolean`)
}

/** Python's `type(value).__name__` for a YAML value. */
export function pythonTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType'
  if (value instanceof PythonFloat) return 'float'
  if (typeof value === 'boolean') return 'bool'
  if (typeof value === 'number') return 'int'
  if (typeof value === 'string') return 'str'
  return Array.isArray(value) ? 'list' : 'dict'
}

/**
 * A validated int period used as a pandas rolling window. pandas refuses a bool (which passed every int check).
 *
 * @param alsoMinPeriods - the window's min_periods is the same value (pandas then names min_periods)
 */
export function rollingWindow(value: unknown, alsoMinPeriods = true): number {
  if (typeof value === 'boolean') {
    throw new LegacyValueError(
      alsoMinPeriods ? 'min_periods must be an integer' : 'window must be an integer 0 or greater',
    )
  }
  return value as number
}

/** The class-written check of RVI and MFI: `isinstance(v, int)` and v ≥ min, then v ≤ max. */
export function classIntCheck(value: unknown, label: string, min: number, max: number): number | boolean {
  if (!isPythonInt(value) || Number(value) < min) {
    throw new LegacyIndicatorDataError('INDICATOR-InvalidParameter', `${label} must be an integer >= ${min}`)
  }
  if (Number(value) > max) {
    throw new LegacyIndicatorDataError('INDICATOR-InvalidParameter', `${label} must be <= ${max}`)
  }
  return value
}
