/**
 * Keyword arguments of the old indicator classes with Python's view of their types (docs/legacy-behaviour.md
 * §3.2.2): a YAML int is a Python int (and a bool is one too), a YAML float a Python float ({@link YamlFloat}), and
 * parameters print into column names with `str()`. Binding a `params:` mapping to a constructor signature fails
 * as Python's call did.
 */
import { YamlFloat } from '../../strategy/yaml-float.ts'
import { IndicatorError, IndicatorParameterError } from '../errors.ts'

/** Keyword arguments as the strategy gave them (`IndicatorSpec.kwargs`). */
export type IndicatorKwargs = Readonly<Record<string, unknown>>

/** `isinstance(value, int)` (a bool is an int in Python). @internal */
export function isPythonInt(value: unknown): value is number | boolean {
  return typeof value === 'boolean' || (typeof value === 'number' && Number.isInteger(value))
}

/** `isinstance(value, (int, float))`. @internal */
export function isPythonNumber(value: unknown): value is number | boolean | YamlFloat {
  return isPythonInt(value) || value instanceof YamlFloat
}

/** The numeric value of a Python int, bool or float. @internal */
export function numberOf(value: number | boolean | YamlFloat): number {
  if (value instanceof YamlFloat) return value.value
  return typeof value === 'boolean' ? Number(value) : value
}

/** The numeric values of the validated numeric arguments `keys`, in that order. @internal */
export function numbersOf<const K extends readonly string[]>(
  params: Readonly<Record<string, unknown>>,
  keys: K,
): { readonly [I in keyof K]: number } {
  return keys.map((key) => numberOf(params[key] as number)) as unknown as { readonly [I in keyof K]: number }
}

/** Python's `repr(float)`: shortest round-trip digits, `.0` on integral values, exponent outside 1e-4 … 1e16. */
function floatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan'
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf'
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0'
  const [mantissa, exponentText] = x.toExponential().split('e') as [string, string]
  const exponent = Number(exponentText)
  if (exponent >= -4 && exponent < 16) {
    const fixed = String(x)
    return fixed.includes('.') ? fixed : `${fixed}.0`
  }
  const digits = String(Math.abs(exponent)).padStart(2, '0')
  return `${mantissa}e${exponent < 0 ? '-' : '+'}${digits}`
}

/** Python's `str(value)` of an argument, as an f-string prints it into a column name. @internal */
export function pythonStr(value: unknown): string {
  if (value instanceof YamlFloat) return floatRepr(value.value)
  if (typeof value === 'boolean') return value ? 'True' : 'False'
  if (value === null || value === undefined) return 'None'
  return String(value)
}

/** A float default of a signature or schema (so it prints as `0.2`, `2.0`). @internal */
export function pyFloat(value: number): YamlFloat {
  return new YamlFloat(value)
}

/** How a constructor signature takes keyword arguments beyond its named parameters. */
export type ExtraKeywords =
  /** No `**kwargs`: an unknown keyword is a TypeError. */
  | 'none'
  /**
   * `**kwargs` forwarded to `BaseIndicator.__init__(name=…, display_as_overlay=…, **kwargs)`; `passesOverlay`:
   * the class passed `display_as_overlay` itself, so that keyword also collides.
   */
  | { readonly passesOverlay: boolean }

/** Named parameters of a signature with their defaults, then how extras are taken. @internal */
export interface Signature {
  readonly className: string
  readonly parameters: Readonly<Record<string, unknown>>
  readonly extra: ExtraKeywords
}

/**
 * Binds keyword arguments to a signature: every named parameter (the given value, even `None`, else the
 * default), then the extras that reach `BaseIndicator.params` (in the order given).
 *
 * @throws IndicatorParameterError with Python's TypeError text for an unexpected or duplicated keyword
 * @internal
 */
export function bindArguments(
  kwargs: IndicatorKwargs,
  signature: Signature,
): { readonly named: Record<string, unknown>; readonly extras: Record<string, unknown> } {
  const named: Record<string, unknown> = {}
  for (const [key, fallback] of Object.entries(signature.parameters))
    named[key] = key in kwargs ? kwargs[key] : fallback
  const extras: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(kwargs)) {
    if (key in signature.parameters) continue
    if (signature.extra === 'none') {
      throw new IndicatorParameterError(
        `TypeError: ${signature.className}.__init__() got an unexpected keyword argument '${key}'`,
      )
    }
    if (key === 'name' || (key === 'display_as_overlay' && signature.extra.passesOverlay)) {
      throw new IndicatorParameterError(
        `TypeError: ktrdr.indicators.base_indicator.BaseIndicator.__init__() got multiple values for keyword argument '${key}'`,
      )
    }
    if (key !== 'display_as_overlay') extras[key] = value
  }
  return { named, extras }
}

/** Python's `type(value).__name__` for the values a YAML mapping can hold. @internal */
export function pythonTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType'
  if (value instanceof YamlFloat) return 'float'
  if (typeof value === 'boolean') return 'bool'
  if (typeof value === 'number') return 'int'
  if (typeof value === 'string') return 'str'
  return Array.isArray(value) ? 'list' : 'dict'
}

/**
 * A validated period used as a pandas rolling window size. pandas refuses a bool there (a Python bool passes every
 * `int` check before it), naming `min_periods` first when the period is also the window's min_periods.
 *
 * @throws IndicatorError with pandas' ValueError text
 * @internal
 */
export function rollingPeriod(value: unknown, alsoMinPeriods = true): number {
  if (typeof value === 'boolean') {
    throw new IndicatorError(
      `ValueError: ${alsoMinPeriods ? 'min_periods must be an integer' : 'window must be an integer 0 or greater'}`,
    )
  }
  return value as number
}

/**
 * The hand-written check of the classes without a schema (RVI, MFI): `isinstance(v, int)` and v ≥ min, then
 * v ≤ max, with their DataError texts.
 *
 * @throws IndicatorParameterError
 * @internal
 */
export function checkedIntArgument(value: unknown, label: string, min: number, max: number): number | boolean {
  if (!isPythonInt(value) || numberOf(value) < min) {
    throw new IndicatorParameterError(`DataError INDICATOR-InvalidParameter: ${label} must be an integer >= ${min}`)
  }
  if (numberOf(value) > max) {
    throw new IndicatorParameterError(`DataError INDICATOR-InvalidParameter: ${label} must be <= ${max}`)
  }
  return value
}
