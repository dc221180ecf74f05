/**
 * How the old local trainer turned a strategy `indicators:` entry into a registry type (docs/legacy-behaviour.md
 * §3.2.1): an explicit `type` is used as written; otherwise the lower-cased name goes through a small alias map
 * (which lacks `atr` in multi-timeframe runs) or is turned into PascalCase. The registry lookup is
 * case-sensitive, so `stoch`, `adx`, `bbands` and `BollingerBands` resolve to nothing and are dropped. A class
 * that refuses its `params:` is dropped too (the old factory caught every constructor error).
 */
import type { IndicatorSpec } from '../strategy/types.ts'
import { IndicatorParameterError } from './errors.ts'
import { INDICATOR_CLASSES, REGISTRY_TYPES } from './registry.ts'
import type { IndicatorImpl, IndicatorType } from './types.ts'

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

/** One strategy indicator and what the old factory made of it. */
export type IndicatorResolution =
  | {
      readonly spec: IndicatorSpec
      readonly requestedType: string
      readonly status: 'computed'
      /** The registry type (aliases resolved). */
      readonly type: IndicatorType
      /** The class built from `params:`. */
      readonly impl: IndicatorImpl
    }
  /** Not created, as the old factory skipped it: an unknown type, or a constructor that refused its `params:`. */
  | {
      readonly spec: IndicatorSpec
      readonly requestedType: string
      readonly status: 'dropped'
      readonly reason: string
    }

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
 * Resolves every strategy indicator, in YAML order: the registry lookup (case-sensitive, aliases included), then
 * the class built from the entry's `params:` mapping.
 */
export function resolveIndicators(specs: readonly IndicatorSpec[], multiTimeframe: boolean): IndicatorResolution[] {
  return specs.map((spec): IndicatorResolution => {
    const requestedType = inferIndicatorType(spec, multiTimeframe)
    const type = Object.hasOwn(REGISTRY_TYPES, requestedType) ? REGISTRY_TYPES[requestedType] : undefined
    if (type === undefined) {
      return { spec, requestedType, status: 'dropped', reason: `resolves to unknown type ${requestedType}` }
    }
    const indicatorClass = INDICATOR_CLASSES[type]
    try {
      return { spec, requestedType, status: 'computed', type, impl: indicatorClass.configure(spec.kwargs) }
    } catch (error) {
      if (!(error instanceof IndicatorParameterError)) throw error
      return { spec, requestedType, status: 'dropped', reason: `${indicatorClass.className}: ${error.message}` }
    }
  })
}
