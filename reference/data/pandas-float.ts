/**
 * Decimal text → float64 the way pandas' default CSV reader converts it (its C tokenizer's `precise_xstrtod`,
 * `float_precision=None`, pandas 1.x and 2.x), which is not always the correctly rounded value: up to 17
 * significant digits are accumulated as `n = n · 10 + digit` in float64 (further digits only move the exponent),
 * then the result is multiplied or divided once by the float64 power of ten (quirk Q-CSV-PANDAS-FLOAT). For about
 * a quarter of 17-digit prices this lands one bit away from `Number(text)`; running sums (pandas' rolling
 * variance) amplify such a bit to far more than 1e-9, so our readers convert as pandas does
 * (docs/legacy-behaviour.md §2.1). Numbers of at most 15 significant digits convert exactly either way.
 */

const POWERS_OF_TEN = Array.from({ length: 309 }, (_, k) => Number(`1e${k}`))
const MAX_DIGITS = 17

/**
 * The float64 pandas reads for `text`, a decimal number (optional sign, digits with an optional fraction, an
 * optional exponent; already validated by the caller).
 *
 * @internal
 */
export function parsePandasFloat(text: string): number {
  let p = 0
  let negative = false
  if (text[p] === '-' || text[p] === '+') negative = text[p++] === '-'
  let value = 0
  let exponent = 0
  let digits = 0
  for (; isDigit(text, p); p++) {
    if (digits < MAX_DIGITS) {
      value = value * 10 + digitAt(text, p)
      digits++
    } else exponent++
  }
  if (text[p] === '.') {
    p++
    let decimals = 0
    for (; digits < MAX_DIGITS && isDigit(text, p); p++, digits++, decimals++) value = value * 10 + digitAt(text, p)
    while (isDigit(text, p)) p++
    exponent -= decimals
  }
  if (negative) value = -value
  if (text[p] === 'e' || text[p] === 'E') {
    p++
    let negativeExponent = false
    if (text[p] === '-' || text[p] === '+') negativeExponent = text[p++] === '-'
    let n = 0
    for (let read = 0; read < MAX_DIGITS && isDigit(text, p); p++, read++) n = n * 10 + digitAt(text, p)
    exponent += negativeExponent ? -n : n
  }
  if (exponent > 308) return negative ? -Infinity : Infinity
  if (exponent > 0) return value * POWERS_OF_TEN[exponent]!
  if (exponent < -616) return 0
  if (exponent < -308) return value / POWERS_OF_TEN[-308 - exponent]! / POWERS_OF_TEN[308]!
  return value / POWERS_OF_TEN[-exponent]!
}

function isDigit(text: string, at: number): boolean {
  const code = text.charCodeAt(at)
  return code >= 48 && code <= 57
}

function digitAt(text: string, at: number): number {
  return text.charCodeAt(at) - 48
}
