/**
 * Reading a strategy YAML the way the old StrategyTrainer did (docs/legacy-behaviour.md §1.2): `yaml.safe_load`
 * (YAML 1.1), the five required sections checked up front, and `training.labels` / `training.data_split` read as
 * required keys only where the old code read them (a missing one fails then, naming file and key).
 */
import { readFileSync } from 'node:fs'
import { type Document, isMap, isScalar, isSeq, parseDocument } from 'yaml'
import { isYamlFloatLiteral, PythonFloat } from './python-values.ts'

/** The sections `_load_strategy_config` required, in its check order. */
export const LEGACY_REQUIRED_SECTIONS = ['name', 'indicators', 'fuzzy_sets', 'model', 'training'] as const

/** A strategy file as the old trainer held it: the raw document plus the sections it indexed directly. */
export interface LegacyStrategy {
  /** The file it was read from (used in every error message). */
  readonly path: string
  /** The whole parsed document, untouched. */
  readonly raw: Readonly<Record<string, unknown>>
  readonly name: unknown
  readonly indicators: unknown
  readonly fuzzySets: unknown
  readonly model: unknown
  readonly training: unknown
}

/** A required key the old code indexed with `[...]` was absent (Python KeyError) or had the wrong shape. */
export class LegacyStrategyError extends Error {
  override readonly name = 'LegacyStrategyError'
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Reads and checks a strategy file.
 *
 * @param path - the YAML file
 * @throws LegacyStrategyError `<path>: Missing required configuration section: <key>` (the old ValueError text),
 *   or a YAML syntax error with its line
 */
export function readLegacyStrategy(path: string): LegacyStrategy {
  let document: unknown
  try {
    const parsed = parseDocument(readFileSync(path, 'utf8'), { version: '1.1', uniqueKeys: false })
    if (parsed.errors.length > 0) throw parsed.errors[0]
    keepIndicatorParamFloats(parsed)
    document = parsed.toJS()
  } catch (error) {
    throw new LegacyStrategyError(`${path}: ${(error as Error).message.split('\n')[0]}`)
  }
  if (!isRecord(document)) throw new LegacyStrategyError(`${path}: the strategy file is not a YAML mapping`)
  for (const section of LEGACY_REQUIRED_SECTIONS) {
    if (!(section in document)) {
      throw new LegacyStrategyError(`${path}: Missing required configuration section: ${section}`)
    }
  }
  return {
    path,
    raw: document,
    name: document.name,
    indicators: document.indicators,
    fuzzySets: document.fuzzy_sets,
    model: document.model,
    training: document.training,
  }
}

/**
 * Marks every float of an `indicators[i].params` mapping as a {@link PythonFloat}: those values reach the indicator
 * constructors, which told ints from floats (docs/legacy-behaviour.md §3.2.2).
 */
function keepIndicatorParamFloats(document: Document): void {
  const indicators = document.get('indicators', true)
  if (!isSeq(indicators)) return
  for (const entry of indicators.items) {
    const params = isMap(entry) ? entry.get('params', true) : undefined
    if (!isMap(params)) continue
    for (const pair of params.items) {
      const value = pair.value
      if (isScalar(value) && typeof value.value === 'number' && isYamlFloatLiteral(value.source ?? '')) {
        value.value = new PythonFloat(value.value)
      }
    }
  }
}

/** `config[a][b]` with Python KeyError semantics, failing with the file and dotted key. */
function requiredKey(strategy: LegacyStrategy, parent: unknown, parentKey: string, key: string): unknown {
  if (!isRecord(parent)) {
    throw new LegacyStrategyError(
      `${strategy.path}: '${parentKey}' must be a mapping to read required key ${parentKey}.${key}`,
    )
  }
  if (!(key in parent))
    throw new LegacyStrategyError(`${strategy.path}: missing required key ${parentKey}.${key} (KeyError: '${key}')`)
  return parent[key]
}

/** The zigzag settings `_generate_labels` read: `training.labels.zigzag_threshold` and `.label_lookahead`. */
export interface LegacyLabelConfig {
  readonly zigzagThreshold: number
  /** Read (so its absence fails) but unused on the segment-label path. */
  readonly labelLookahead: unknown
}

/**
 * `config["training"]["labels"]` and its two keys, as step 5 read them.
 *
 * @throws LegacyStrategyError naming the file and the missing key
 */
export function legacyLabelConfig(strategy: LegacyStrategy): LegacyLabelConfig {
  const labels = requiredKey(strategy, strategy.training, 'training', 'labels')
  const threshold = requiredKey(strategy, labels, 'training.labels', 'zigzag_threshold')
  const lookahead = requiredKey(strategy, labels, 'training.labels', 'label_lookahead')
  if (typeof threshold !== 'number') {
    throw new LegacyStrategyError(`${strategy.path}: training.labels.zigzag_threshold must be a number`)
  }
  return { zigzagThreshold: threshold, labelLookahead: lookahead }
}

/**
 * `config["training"]["data_split"]`, as step 7 read it (the caller interprets its fields).
 *
 * @throws LegacyStrategyError naming the file and the missing key
 */
export function legacyDataSplit(strategy: LegacyStrategy): unknown {
  return requiredKey(strategy, strategy.training, 'training', 'data_split')
}

/**
 * `config.get("model", {}).get("features", {}).get("lookback_periods", 0)`.
 *
 * @throws LegacyStrategyError when present but not an integer (Python's comparison / range() would fail)
 */
export function legacyLookbackPeriods(strategy: LegacyStrategy): number {
  const model = strategy.model
  if (!isRecord(model)) throw new LegacyStrategyError(`${strategy.path}: 'model' must be a mapping`)
  const features = 'features' in model ? model.features : {}
  if (!isRecord(features)) throw new LegacyStrategyError(`${strategy.path}: 'model.features' must be a mapping`)
  const lookback = 'lookback_periods' in features ? features.lookback_periods : 0
  if (typeof lookback !== 'number' || !Number.isInteger(lookback)) {
    throw new LegacyStrategyError(`${strategy.path}: model.features.lookback_periods must be an integer`)
  }
  return lookback
}
