/**
 * The old fuzzification step (docs/legacy-behaviour.md §4.2): single timeframe = every mapped column whose name is a
 * fuzzy key, in column order; several timeframes = `generate_multi_timeframe_memberships` (temporary engine of the
 * matching keys, base-name derivation, `<tf>_` prefix, NaN passes through).
 */
import { LegacyConfigurationError, LegacyProcessingError } from '../errors.ts'
import { LegacyFrame } from '../frame.ts'
import type { LegacyFuzzyConfig, LegacyFuzzySet } from './membership.ts'

/** Evaluates every set of `indicator` on `values` with the scalar routine; columns `<indicator>_<set>`. */
function fuzzifyColumn(config: LegacyFuzzyConfig, indicator: string, values: Float64Array): [string, Float64Array][] {
  return config.get(indicator)!.map((set) => [`${indicator}_${set.name}`, values.map(set.evaluate)])
}

/**
 * Single-timeframe fuzzification: for each mapped column (price columns included) whose name is a fuzzy key,
 * its sets in YAML order. Keys without a column are skipped silently.
 */
export function fuzzifyLegacySingle(mapped: LegacyFrame, config: LegacyFuzzyConfig): LegacyFrame {
  const out = new LegacyFrame(mapped.timestamps)
  for (const name of mapped.names) {
    if (!config.has(name)) continue
    for (const [column, values] of fuzzifyColumn(config, name, mapped.get(name)!)) out.set(column, values)
  }
  return out
}

const COMMON_PREFIXES = ['rsi', 'macd', 'sma', 'ema', 'bb', 'stoch', 'cci', 'atr']
const OHLCV = ['open', 'high', 'low', 'close', 'volume']

/**
 * `_extract_base_indicator_name`: a known prefix (rsi, macd, sma, ema, bb, stoch, cci, atr) if the lower-cased
 * column starts with it, else the text before the first digit or underscore (the whole name if that is empty).
 */
export function legacyBaseIndicatorName(column: string): string {
  const lower = column.toLowerCase()
  for (const prefix of COMMON_PREFIXES) if (lower.startsWith(prefix)) return prefix
  const cut = lower.search(/[0-9_]/)
  const base = cut >= 0 ? lower.slice(0, cut) : lower
  return base === '' ? lower : base
}

/**
 * Multi-timeframe fuzzification. Only fuzzy keys that some column (of any timeframe) equals or starts with
 * (case-insensitively) are kept; per timeframe each non-OHLCV column is fuzzified under its base name and the
 * outputs are prefixed `<tf>_`. A timeframe without any output is dropped; if none has output, it fails.
 *
 * @param where - file name for error messages
 */
export function fuzzifyLegacyMulti(
  mapped: Readonly<Record<string, LegacyFrame>>,
  config: LegacyFuzzyConfig,
  where: string,
): Record<string, LegacyFrame> {
  const available = new Set<string>()
  for (const frame of Object.values(mapped)) frame.names.forEach((name) => available.add(name))
  const kept = new Map<string, readonly LegacyFuzzySet[]>()
  for (const [key, sets] of config) {
    const matches = [...available].some((col) => col === key || col.toLowerCase().startsWith(key.toLowerCase()))
    if (matches) kept.set(key, sets)
  }
  if (kept.size === 0) {
    throw new LegacyConfigurationError(
      'MTFUZZ-ConfigError',
      `${where}: Failed to create FuzzyEngine from provided configuration: No fuzzy sets match available ` +
        `indicators. Available: ${[...available].join(', ')}, Requested: ${[...config.keys()].join(', ')}`,
    )
  }
  const results: Record<string, LegacyFrame> = {}
  for (const [timeframe, frame] of Object.entries(mapped)) {
    if (frame.rows === 0) continue
    const out = new LegacyFrame(frame.timestamps)
    for (const column of frame.names) {
      if (OHLCV.includes(column.toLowerCase())) continue
      const base = legacyBaseIndicatorName(column)
      if (!kept.has(base)) continue
      for (const [name, values] of fuzzifyColumn(kept, base, frame.get(column)!))
        out.set(`${timeframe}_${name}`, values)
    }
    if (out.names.length > 0) results[timeframe] = out
  }
  if (Object.keys(results).length === 0) {
    throw new LegacyProcessingError(
      'MTFUZZ-AllTimeframesFailed',
      'Failed to generate fuzzy memberships for any timeframe',
    )
  }
  return results
}
