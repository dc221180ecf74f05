/**
 * The old indicator construction and application (docs/legacy-behaviour.md §3.2): the trainer's name → type inference,
 * `IndicatorConfig` (only `type`, `name`, `params` survive; top-level keys such as `period` are dropped),
 * `IndicatorFactory.build` (failures dropped unless all fail) and `IndicatorEngine.apply`.
 */
import type { ColumnSet } from '../../../../reference/runtime/probes.ts'
import { LegacyConfigurationError, LegacyProcessingError } from '../errors.ts'
import { LegacyFrame } from '../frame.ts'
import type { LegacyIndicator } from './indicator.ts'
import type { IndicatorKwargs } from './params.ts'
import { LEGACY_INDICATOR_REGISTRY } from './registry.ts'

/** What pydantic's `IndicatorConfig(**entry)` kept of one strategy entry. */
export interface LegacyIndicatorConfig {
  readonly type: string
  readonly name: string | null
  readonly params: IndicatorKwargs
}

const SINGLE_TIMEFRAME_TYPES: Readonly<Record<string, string>> = {
  bollinger_bands: 'BollingerBands',
  keltner_channels: 'KeltnerChannels',
  momentum: 'Momentum',
  volume_sma: 'SMA',
  atr: 'ATR',
  rsi: 'RSI',
  sma: 'SMA',
  ema: 'EMA',
  macd: 'MACD',
}
/** The multi-timeframe trainer's map is the same without `atr`. */
const MULTI_TIMEFRAME_TYPES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(SINGLE_TIMEFRAME_TYPES).filter(([name]) => name !== 'atr'),
)

/** Python's `str.capitalize()`: first character upper-cased, the rest lower-cased. */
function capitalize(word: string): string {
  return word.length === 0 ? '' : word[0].toUpperCase() + word.slice(1).toLowerCase()
}

/**
 * The trainer's type inference for entries without `type` (docs/legacy-behaviour.md §3.2.1): `name.lower()` looked up
 * in the small map (single- or multi-timeframe variant), else snake_case → PascalCase (`stoch` → `Stoch`).
 *
 * @param name - the strategy entry's `name`
 * @param multiTimeframe - use the multi-timeframe map (no `atr`)
 */
export function inferLegacyIndicatorType(name: string, multiTimeframe: boolean): string {
  const lower = name.toLowerCase()
  const map = multiTimeframe ? MULTI_TIMEFRAME_TYPES : SINGLE_TIMEFRAME_TYPES
  return map[lower] ?? lower.split('_').map(capitalize).join('')
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Turns the strategy's `indicators` list into IndicatorConfigs as the old trainer + pydantic did.
 *
 * @param entries - the YAML `indicators` value
 * @param multiTimeframe - which inference map applies
 * @param where - file name for error messages
 * @throws LegacyConfigurationError for entries pydantic or the trainer rejected (no name, non-string type…)
 */
export function legacyIndicatorConfigs(
  entries: unknown,
  multiTimeframe: boolean,
  where: string,
): LegacyIndicatorConfig[] {
  if (!Array.isArray(entries)) {
    throw new LegacyConfigurationError('CONFIG-InvalidType', `${where}: 'indicators' must be a list`)
  }
  return entries.map((entry, i) => {
    const at = `${where}: indicators[${i}]`
    if (!isRecord(entry)) throw new LegacyConfigurationError('CONFIG-InvalidType', `${at} must be a mapping`)
    let type = entry.type
    if (!('type' in entry)) {
      if (!('name' in entry)) throw new LegacyConfigurationError('CONFIG-MissingKey', `${at}: KeyError 'name'`)
      if (typeof entry.name !== 'string')
        throw new LegacyConfigurationError('CONFIG-InvalidType', `${at}.name must be a string`)
      type = inferLegacyIndicatorType(entry.name, multiTimeframe)
    }
    if (typeof type !== 'string' || type.trim() === '') {
      throw new LegacyConfigurationError('CONFIG-InvalidType', `${at}.type must be a non-empty string`)
    }
    const name = entry.name ?? null
    if (name !== null && typeof name !== 'string') {
      throw new LegacyConfigurationError('CONFIG-InvalidType', `${at}.name must be a string`)
    }
    const params = entry.params ?? {}
    if (!isRecord(params)) throw new LegacyConfigurationError('CONFIG-InvalidType', `${at}.params must be a mapping`)
    return { type: type.trim(), name, params }
  })
}

/**
 * `IndicatorFactory.build`: constructs each indicator (class defaults unless `params:` says otherwise), renames it
 * to the strategy name, drops failures silently unless every one failed (docs/legacy-behaviour.md §3.2.1).
 *
 * @throws LegacyConfigurationError `CONFIG-IndicatorCreationFailed` when all fail
 */
export function buildLegacyIndicators(configs: readonly LegacyIndicatorConfig[]): LegacyIndicator[] {
  const built: LegacyIndicator[] = []
  const errors: string[] = []
  for (const config of configs) {
    const IndicatorClass = Object.hasOwn(LEGACY_INDICATOR_REGISTRY, config.type)
      ? LEGACY_INDICATOR_REGISTRY[config.type]
      : undefined
    if (!IndicatorClass) {
      errors.push(`Indicator type ${config.type} not found`)
      continue
    }
    try {
      const indicator = new IndicatorClass(config.params)
      if (config.name) indicator.name = config.name
      built.push(indicator)
    } catch (error) {
      errors.push(`Failed to initialize indicator ${config.type}: ${(error as Error).message}`)
    }
  }
  if (errors.length > 0 && built.length === 0) {
    throw new LegacyConfigurationError(
      'CONFIG-IndicatorCreationFailed',
      `Failed to create any indicators from configuration: ${errors[0]}`,
    )
  }
  return built
}

/**
 * `IndicatorEngine.apply`: a copy of the data plus every indicator's output columns, computed in order on the
 * growing frame (a later indicator sees earlier outputs; a repeated column name is replaced in place).
 *
 * @throws LegacyConfigurationError on empty data or no `close`; LegacyProcessingError when an indicator fails
 */
export function applyLegacyIndicators(indicators: readonly LegacyIndicator[], data: ColumnSet): LegacyFrame {
  if (data.timestamps.length === 0) {
    throw new LegacyConfigurationError('CONFIG-EmptyData', 'Cannot compute indicators on empty data.')
  }
  if (!data.names.includes('close')) {
    throw new LegacyConfigurationError('CONFIG-MissingColumns', 'Missing required columns: close')
  }
  const frame = LegacyFrame.from(data)
  for (const indicator of indicators) {
    let outputs
    try {
      outputs = indicator.compute(frame)
    } catch (error) {
      throw new LegacyProcessingError(
        'PROC-IndicatorFailed',
        `Failed to compute indicator ${indicator.className}: ${(error as Error).message}`,
      )
    }
    for (const output of outputs) frame.set(output.name, output.values)
  }
  return frame
}
