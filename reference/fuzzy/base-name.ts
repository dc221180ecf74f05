/**
 * The indicator base name the old multi-timeframe fuzzy engine derived from a column name (docs/legacy-behaviour.md
 * §4.2): from the lower-cased name, a known prefix if it starts with one, otherwise the text before the first digit
 * or underscore (the whole name when that text is empty).
 */

const KNOWN_PREFIXES = ['rsi', 'macd', 'sma', 'ema', 'bb', 'stoch', 'cci', 'atr'] as const

/**
 * `rsi_14` → `rsi`, `sma_fast` → `sma`, `ADX` → `adx`, `BollingerBands` → `bollingerbands`, `spread2` → `spread`,
 * `_x` → `_x`. Fuzzy keys with capitals therefore never match in a multi-timeframe run.
 */
export function baseIndicatorName(column: string): string {
  const lower = column.toLowerCase()
  const prefix = KNOWN_PREFIXES.find((p) => lower.startsWith(p))
  if (prefix !== undefined) return prefix
  return /^[^0-9_]*/.exec(lower)![0] || lower
}
