/**
 * How the old local trainer turned a strategy `indicators:` entry into a registry type (docs/legacy-behaviour.md
 * §3.2.1): an explicit `type` is used as written; otherwise the lower-cased name goes through a small alias map
 * (which lacks `atr` in multi-timeframe runs) or is turned into PascalCase. The registry lookup is
 * case-sensitive, so `stoch`, `adx`, `bbands` and `BollingerBands` resolve to nothing and are dropped.
 */
import type { IndicatorSpec } from '../strategy/types.ts'
import { INDICATOR_TYPES, type IndicatorType } from './types.ts'

const MULTI_TIMEFRAME_ALIASES: Readonly<Record<string, string>> = {
  bollinger_bands: 'BollingerBands',
  keltner_channels: 'KeltnerChannels',
  momentum: 'Momentum',
  volume_sma: 'SMA',
  sma: 'SMA',
  ema: 'EMA',
  rsi: 'RSI',
  macd: 'MACD',
}

const SINGLE_TIMEFRAME_ALIASES: Readonly<Record<string, string>> = { ...MULTI_TIMEFRAME_ALIASES, atr: 'ATR' }

/** Registry types the old factory knew that this port does not compute: asking for one is an error. */
const UNPORTED_REGISTRY_TYPES: ReadonlySet<string> = new Set(['KeltnerChannels', 'Momentum'])

/** One strategy indicator and what the old factory made of it. */
export type IndicatorResolution =
  | {
      readonly spec: IndicatorSpec
      readonly requestedType: string
      readonly status: 'computed'
      readonly type: IndicatorType
    }
  | { readonly spec: IndicatorSpec; readonly requestedType: string; readonly status: 'dropped' }
  | { readonly spec: IndicatorSpec; readonly requestedType: string; readonly status: 'unported' }

/**
 * The registry type name the old trainer asked for: the explicit `type`, else the alias of `name.toLowerCase()`,
 * else its snake_case words capitalised and joined (`bollinger_bands_x` → `BollingerBandsX`).
 */
export function inferIndicatorType(spec: IndicatorSpec, multiTimeframe: boolean): string {
  if (spec.type !== null) return spec.type
  const lower = spec.name.toLowerCase()
  const aliases = multiTimeframe ? MULTI_TIMEFRAME_ALIASES : SINGLE_TIMEFRAME_ALIASES
  return aliases[lower] ?? lower.split('_').map(capitalize).join('')
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase()
}

/**
 * Resolves every strategy indicator, in YAML order.
 */
export function resolveIndicators(specs: readonly IndicatorSpec[], multiTimeframe: boolean): IndicatorResolution[] {
  return specs.map((spec) => {
    const requestedType = inferIndicatorType(spec, multiTimeframe)
    if (isIndicatorType(requestedType)) return { spec, requestedType, status: 'computed', type: requestedType }
    if (UNPORTED_REGISTRY_TYPES.has(requestedType)) return { spec, requestedType, status: 'unported' }
    return { spec, requestedType, status: 'dropped' }
  })
}

function isIndicatorType(name: string): name is IndicatorType {
  return (INDICATOR_TYPES as readonly string[]).includes(name)
}
