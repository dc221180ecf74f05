/**
 * pandas' default CSV float converter (`precise_xstrtod` of its C tokenizer, used by `read_csv` with
 * float_precision=None in pandas 1.x / 2.x), ported: the old loader read every price through it, and it is not
 * always correctly rounded (docs/legacy-behaviour.md §2.1).
 */

/** `e[]`: the float64 literals 1e0 … 1e308. */
const E = Array.from({ length: 309 }, (_, k) => Number(`1e${k}`))

/** `precise_xstrtod(str, …, decimal='.', sci='E', tsep='\0')` on a validated decimal number. */
export function legacyPandasFloat(str: string): number {
  const maxDigits = 17
  const digit = (at: number): number => {
    const d = str.charCodeAt(at) - 48
    return d >= 0 && d <= 9 ? d : -1
  }
  let p = 0
  let negative = 0
  if (str[p] === '-') {
    negative = 1
    p++
  } else if (str[p] === '+') p++
  let number = 0
  let exponent = 0
  let numDigits = 0
  let numDecimals = 0
  while (digit(p) >= 0) {
    if (numDigits < maxDigits) {
      number = number * 10 + digit(p)
      numDigits++
    } else ++exponent
    p++
  }
  if (str[p] === '.') {
    p++
    while (numDigits < maxDigits && digit(p) >= 0) {
      number = number * 10 + digit(p)
      p++
      numDigits++
      numDecimals++
    }
    if (numDigits >= maxDigits) while (digit(p) >= 0) ++p
    exponent -= numDecimals
  }
  if (negative) number = -number
  if (str[p] === 'e' || str[p] === 'E') {
    negative = 0
    p++
    if (str[p] === '-') {
      negative = 1
      p++
    } else if (str[p] === '+') p++
    numDigits = 0
    let n = 0
    while (numDigits < maxDigits && digit(p) >= 0) {
      n = n * 10 + digit(p)
      numDigits++
      p++
    }
    if (negative) exponent -= n
    else exponent += n
  }
  if (exponent > 308) return Infinity
  if (exponent > 0) number *= E[exponent]
  else if (exponent < -308) {
    if (exponent < -616) number = 0
    else {
      number /= E[-308 - exponent]
      number /= E[308]
    }
  } else number /= E[-exponent]
  return number
}
