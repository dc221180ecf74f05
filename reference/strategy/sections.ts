/**
 * Validation of each section of a strategy document (docs/legacy-behaviour.md §3.1, §4.1, §6.1–§6.3) into the typed
 * pieces of `StrategyConfig`; `model.training` is read by `training-options.ts` and `training_data` by
 * `training-data.ts`. Every failure names the field path.
 */
import { FieldReader, join, type Mapping } from './fields.ts'
import { isRegistryName } from '../indicators/registry.ts'
import { inferIndicatorType } from '../indicators/resolve.ts'
import { KNOWN_INDICATORS } from './known-indicators.ts'
import type { StrategyLimits } from './limits.ts'
import type { FuzzyIndicatorSpec, FuzzySetSpec, FuzzyShape, IndicatorSpec, StrategyConfig } from './types.ts'
import { readHyperParameters } from './training-options.ts'

const ARCHITECTURE_KEYS = ['hidden_layers', 'activation', 'output_activation', 'dropout'] as const
const MODEL_KEYS = [
  'type',
  'name',
  'version',
  'architecture',
  'features',
  'training',
  'input_size',
  'symbol_embedding_dim',
] as const
const MODEL_FEATURE_KEYS = [
  'lookback_periods',
  'include_price_context',
  'include_volume_context',
  'include_raw_indicators',
  'scale_features',
  'scaling_method',
] as const
/** `training:` — `method` and `fitness_metrics` are descriptive KTRDR keys the trainer never read. */
const TRAINING_KEYS = ['method', 'labels', 'data_split', 'fitness_metrics'] as const
const LABEL_KEYS = ['source', 'zigzag_threshold', 'label_lookahead'] as const
const DATA_SPLIT_KEYS = ['train', 'validation', 'test'] as const
const FUZZY_SET_KEYS = ['type', 'parameters'] as const
const SHAPE_ARITY: Readonly<Record<FuzzyShape, number>> = { triangular: 3, trapezoidal: 4, gaussian: 2 }

/** `indicators:` — a list of mappings, each with a `name`, an optional `type`, other keys as parameters. @internal */
export function readIndicators(r: FieldReader, root: Mapping, limits: StrategyLimits): IndicatorSpec[] {
  if (!('indicators' in root)) r.fail('indicators', 'required section is missing')
  const entries = r.list(root.indicators, 'indicators')
  if (entries.length === 0) r.fail('indicators', 'no indicators')
  if (entries.length > limits.maxIndicators) {
    r.fail('indicators', `${entries.length} entries exceed the limit of ${limits.maxIndicators}`)
  }
  const seen = new Set<string>()
  return entries.map((entry, i): IndicatorSpec => {
    const path = join('indicators', i)
    const map = r.mapping(entry, path)
    const name = r.string(map.name, join(path, 'name'))
    const type = 'type' in map ? r.string(map.type, join(path, 'type')) : null
    const kind = type ?? name
    if (!KNOWN_INDICATORS.has(kind.toLowerCase()) && !reachesRegistry(name, type)) {
      r.fail(join(path, type === null ? 'name' : 'type'), `unknown indicator ${JSON.stringify(kind)}`)
    }
    if (seen.has(name)) r.fail(join(path, 'name'), `duplicate indicator name ${JSON.stringify(name)}`)
    seen.add(name)
    const params: Record<string, number | string | boolean> = {}
    for (const [key, value] of Object.entries(map)) {
      if (key === 'name' || key === 'type' || key === 'params') continue
      if (typeof value === 'string' || typeof value === 'boolean') params[key] = value
      else params[key] = r.number(value, join(path, key))
    }
    const kwargs = 'params' in map ? { ...r.mapping(map.params, join(path, 'params')) } : {}
    return { name, type, params, kwargs }
  })
}

/** An explicit registry type, or a name the old trainer's inference (either map) turns into one (§3.2.1). */
function reachesRegistry(name: string, type: string | null): boolean {
  if (type !== null) return isRegistryName(type)
  return [false, true].some((multi) =>
    isRegistryName(inferIndicatorType({ name, type, params: {}, kwargs: {} }, multi)),
  )
}

/** `fuzzy_sets:` — indicator → set name → `{ type, parameters }`, YAML order kept. @internal */
export function readFuzzySets(r: FieldReader, root: Mapping, limits: StrategyLimits): FuzzyIndicatorSpec[] {
  const sets = r.section(root, 'fuzzy_sets', '')
  const indicators = Object.entries(sets)
  if (indicators.length === 0) r.fail('fuzzy_sets', 'no fuzzy sets')
  if (indicators.length > limits.maxFuzzyIndicators) {
    r.fail('fuzzy_sets', `${indicators.length} indicators exceed the limit of ${limits.maxFuzzyIndicators}`)
  }
  return indicators.map(([indicator, value]) => {
    const path = join('fuzzy_sets', indicator)
    const entries = Object.entries(r.mapping(value, path))
    if (entries.length === 0) r.fail(path, 'no fuzzy sets')
    if (entries.length > limits.maxSetsPerIndicator) {
      r.fail(path, `${entries.length} sets exceed the limit of ${limits.maxSetsPerIndicator}`)
    }
    return { indicator, sets: entries.map(([name, spec]) => readFuzzySet(r, name, spec, join(path, name))) }
  })
}

function readFuzzySet(r: FieldReader, name: string, value: unknown, path: string): FuzzySetSpec {
  const map = r.mapping(value, path)
  r.onlyKeys(map, FUZZY_SET_KEYS, path)
  const type = r.string(map.type, join(path, 'type'))
  if (!(type in SHAPE_ARITY)) {
    r.fail(join(path, 'type'), `unknown membership type ${JSON.stringify(type)} (triangular, trapezoidal, gaussian)`)
  }
  const shape = type as FuzzyShape
  const paramPath = join(path, 'parameters')
  const raw = r.list(map.parameters, paramPath)
  const got = `[${raw.map((v) => (typeof v === 'number' ? String(v) : JSON.stringify(v))).join(',')}]`
  if (raw.length !== SHAPE_ARITY[shape])
    r.fail(paramPath, `${shape} needs ${SHAPE_ARITY[shape]} parameters, got ${got}`)
  if (!raw.every((p) => typeof p === 'number' && Number.isFinite(p))) {
    r.fail(paramPath, `parameters must be finite numbers, got ${got}`)
  }
  const p = raw as number[]
  if (shape === 'triangular' && !(p[0]! <= p[1]! && p[1]! <= p[2]!)) {
    r.fail(paramPath, `triangular needs a ≤ b ≤ c, got ${got}`)
  }
  if (shape === 'trapezoidal' && !(p[0]! <= p[1]! && p[1]! <= p[2]! && p[2]! <= p[3]!)) {
    r.fail(paramPath, `trapezoidal needs a ≤ b ≤ c ≤ d, got ${got}`)
  }
  if (shape === 'gaussian' && !(p[1]! > 0)) r.fail(paramPath, `gaussian needs σ > 0, got ${got}`)
  return { name, type: shape, parameters: p }
}

/**
 * `model:` — architecture, features.lookback_periods, embedding size and `model.training` (`training-options.ts`).
 * @internal
 */
export function readModel(r: FieldReader, root: Mapping, limits: StrategyLimits): StrategyConfig['model'] {
  const model = r.section(root, 'model', '')
  r.onlyKeys(model, MODEL_KEYS, 'model')
  if ('type' in model && r.string(model.type, 'model.type').toLowerCase() !== 'mlp') {
    r.fail('model.type', `unsupported model type ${JSON.stringify(model.type)} (only mlp)`)
  }
  const arch = r.section(model, 'architecture', 'model')
  r.onlyKeys(arch, ARCHITECTURE_KEYS, 'model.architecture')
  const layers = r.list(arch.hidden_layers, 'model.architecture.hidden_layers')
  if (layers.length === 0 || layers.length > limits.maxHiddenLayers) {
    r.fail('model.architecture.hidden_layers', `expected 1–${limits.maxHiddenLayers} layers, got ${layers.length}`)
  }
  const hiddenLayers = layers.map((h, i) =>
    r.integer(h, join('model.architecture.hidden_layers', i), 1, limits.maxLayerWidth),
  )
  const features = 'features' in model ? r.mapping(model.features, 'model.features') : {}
  r.onlyKeys(features, MODEL_FEATURE_KEYS, 'model.features')
  return {
    hiddenLayers,
    activation: 'activation' in arch ? r.string(arch.activation, 'model.architecture.activation') : 'relu',
    dropout: 'dropout' in arch ? r.numberIn(arch.dropout, 'model.architecture.dropout', 0, 1, false, true) : 0.2,
    symbolEmbeddingDim:
      'symbol_embedding_dim' in model
        ? r.integer(model.symbol_embedding_dim, 'model.symbol_embedding_dim', 1, 4096)
        : null,
    lookbackPeriods:
      'lookback_periods' in features
        ? r.integer(features.lookback_periods, 'model.features.lookback_periods', 0, 1000)
        : 0,
    training: readHyperParameters(r, model),
  }
}

/** `training.labels:` — zigzag segment labels. @internal */
export function readLabels(r: FieldReader, training: Mapping): StrategyConfig['labels'] {
  r.onlyKeys(training, TRAINING_KEYS, 'training')
  const labels = r.section(training, 'labels', 'training')
  r.onlyKeys(labels, LABEL_KEYS, 'training.labels')
  if ('source' in labels && labels.source !== 'zigzag') {
    r.fail('training.labels.source', `unsupported label source ${JSON.stringify(labels.source)} (only zigzag)`)
  }
  if (!('zigzag_threshold' in labels)) r.fail('training.labels.zigzag_threshold', 'required field is missing')
  return {
    source: 'zigzag',
    zigzagThreshold: r.numberIn(labels.zigzag_threshold, 'training.labels.zigzag_threshold', 0, 1, true, true),
    labelLookahead:
      'label_lookahead' in labels ? r.integer(labels.label_lookahead, 'training.labels.label_lookahead', 0) : 20,
  }
}

/** `training.data_split:` — null when absent or empty; `test` defaults to what train and validation leave. @internal */
export function readDataSplit(r: FieldReader, training: Mapping): StrategyConfig['dataSplit'] {
  const path = 'training.data_split'
  if (!('data_split' in training) || training.data_split === null) return null
  const split = r.mapping(training.data_split, path)
  if (Object.keys(split).length === 0) return null
  r.onlyKeys(split, DATA_SPLIT_KEYS, path)
  const fraction = (key: string): number => {
    if (!(key in split)) r.fail(join(path, key), 'required field is missing')
    return r.numberIn(split[key], join(path, key), 0, 1)
  }
  const train = fraction('train')
  const validation = fraction('validation')
  const test = 'test' in split ? fraction('test') : Math.max(0, 1 - train - validation)
  if (train + validation + test > 1 + 1e-9) r.fail(path, `fractions sum to ${train + validation + test} > 1`)
  return { train, validation, test }
}
