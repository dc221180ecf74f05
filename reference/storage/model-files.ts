/**
 * The JSON files of a saved model version beside `model.json` (docs/legacy-behaviour.md §7), typed and built in
 * one place: `config.json` (the strategy document with the model's input size, symbol count and embedding
 * width), `metrics.json` (the training summary), `features.json` (the old pure-fuzzy variant) and `metadata.json`
 * (the old fields, plus `symbols` as a list so that a listed version can be named without parsing a path).
 */
import { isTrainingFailure, type TrainingMetricsSummary } from '../model/training-summary.ts'
import type { MlpSpec, ParamTensor } from '../runtime/training-runtime.ts'
import type { StrategyConfig } from '../strategy/types.ts'
import { ModelStorageError } from './errors.ts'

/** `config.json`: the strategy document, its `model` section completed with the trained shape. @public */
export interface ModelConfigFile {
  readonly [key: string]: unknown
  readonly model: {
    readonly [key: string]: unknown
    readonly input_size: number
    readonly num_symbols: number
    /** 0 when the model has no symbol embedding (one symbol). */
    readonly symbol_embedding_dim: number
  }
}

/** `features.json`, the old pure-fuzzy variant (§7). @public */
export interface FeaturesFile {
  readonly model_version: 'pure_fuzzy_v1'
  readonly feature_type: 'pure_fuzzy'
  readonly fuzzy_features: readonly string[]
  readonly feature_count: number
  readonly temporal_config: { readonly lookback_periods: number; readonly enabled: boolean }
  readonly scaling_info: { readonly requires_scaling: false; readonly reason: 'fuzzy_values_already_normalized' }
  readonly feature_importance: Readonly<Record<string, number>>
}

/** `metadata.json` (§7), plus `symbols`. @public */
export interface ModelMetadataFile {
  readonly strategy_name: string
  /** The symbols joined with `_`, as the old store wrote it. */
  readonly symbol: string
  /** The symbols as a list: an addition to the old fields, so absent from versions the legacy store wrote. */
  readonly symbols?: readonly string[]
  readonly timeframe: string
  /** ISO-8601, from the store's clock. */
  readonly created_at: string
  readonly model_type: 'MultiSymbolMLP'
  readonly model_version: 'pure_fuzzy_v1'
  readonly architecture_type: 'pure_fuzzy'
  readonly input_size: number
  /** The old field name; holds the training runtime's name (this port has no torch). */
  readonly pytorch_version: string
  /** Zeros when training failed (the old behaviour). */
  readonly training_summary: {
    readonly epochs: number
    readonly final_accuracy: number
    readonly best_val_accuracy: number
  }
  readonly feature_engineering: { readonly removed: true; readonly scaler_required: false; readonly fuzzy_only: true }
}

/** What the store needs to write one version. @public */
export interface SaveModelRequest {
  /** Names the strategy directory; its document becomes `config.json`, its lookback goes to `features.json`. */
  readonly strategy: Pick<StrategyConfig, 'name' | 'raw'> & {
    readonly model: Pick<StrategyConfig['model'], 'lookbackPeriods'>
  }
  /** Joined with `_` for the version's directory name (the old `"_".join(symbols)`). */
  readonly symbols: readonly string[]
  readonly timeframe: string
  readonly spec: MlpSpec
  readonly params: readonly ParamTensor[]
  /** `metrics.json`. */
  readonly summary: TrainingMetricsSummary
  readonly featureNames: readonly string[]
  readonly featureImportance: Readonly<Record<string, number>> | null
  /** The training runtime's name (`metadata.pytorch_version`). */
  readonly runtimeName: string
}

/** The four JSON documents of a version, built from a save request and the save time. */
export function modelFiles(
  request: SaveModelRequest,
  createdAt: Date,
): {
  config: ModelConfigFile
  metrics: TrainingMetricsSummary
  features: FeaturesFile
  metadata: ModelMetadataFile
} {
  const inputSize = request.featureNames.length
  const lookback = request.strategy.model.lookbackPeriods
  const raw = structuredClone(request.strategy.raw) as Record<string, unknown>
  const model = typeof raw.model === 'object' && raw.model !== null ? (raw.model as Record<string, unknown>) : {}
  const failed = isTrainingFailure(request.summary)
  return {
    config: {
      ...raw,
      model: {
        ...model,
        input_size: inputSize,
        num_symbols: request.symbols.length,
        symbol_embedding_dim: request.spec.embedding?.dim ?? 0,
      },
    },
    metrics: request.summary,
    features: {
      model_version: 'pure_fuzzy_v1',
      feature_type: 'pure_fuzzy',
      fuzzy_features: [...request.featureNames],
      feature_count: inputSize,
      temporal_config: { lookback_periods: lookback, enabled: lookback > 0 },
      scaling_info: { requires_scaling: false, reason: 'fuzzy_values_already_normalized' },
      feature_importance: request.featureImportance ?? {},
    },
    metadata: {
      strategy_name: request.strategy.name,
      symbol: request.symbols.join('_'),
      symbols: [...request.symbols],
      timeframe: request.timeframe,
      created_at: createdAt.toISOString(),
      model_type: 'MultiSymbolMLP',
      model_version: 'pure_fuzzy_v1',
      architecture_type: 'pure_fuzzy',
      input_size: inputSize,
      pytorch_version: request.runtimeName,
      training_summary: failed
        ? { epochs: 0, final_accuracy: 0, best_val_accuracy: 0 }
        : {
            epochs: request.summary.epochs_trained,
            final_accuracy: request.summary.final_train_accuracy,
            best_val_accuracy: request.summary.best_val_accuracy ?? 0,
          },
      feature_engineering: { removed: true, scaler_required: false, fuzzy_only: true },
    },
  }
}

/**
 * Checks the fields of a read `metadata.json` that the store itself relies on.
 *
 * @param file - the file the document came from, for error messages
 * @throws ModelStorageError naming `file` and the field
 */
export function checkMetadata(document: unknown, file: string): ModelMetadataFile {
  const doc = objectOf(document, file)
  for (const field of ['strategy_name', 'timeframe', 'created_at'] as const) {
    if (typeof doc[field] !== 'string') throw new ModelStorageError(`${file}: field '${field}' must be a string`)
  }
  const symbols = doc.symbols
  if (symbols !== undefined && !isNameList(symbols)) {
    throw new ModelStorageError(`${file}: field 'symbols' must be a non-empty list of strings`)
  }
  return doc as unknown as ModelMetadataFile
}

/**
 * The `symbols` list of a checked `metadata.json`.
 *
 * @throws ModelStorageError naming `file` when the version has none (the legacy store wrote it)
 */
export function metadataSymbols(metadata: ModelMetadataFile, file: string): readonly string[] {
  if (metadata.symbols === undefined)
    throw new ModelStorageError(`${file}: no 'symbols' list (a version the legacy store wrote): load it by name`)
  return metadata.symbols
}

function isNameList(value: unknown): value is string[] {
  return Array.isArray(value) && value.length > 0 && value.every((s) => typeof s === 'string')
}

/**
 * Checks that a read `features.json` lists its feature names.
 *
 * @throws ModelStorageError naming `file` and the field
 */
export function checkFeatures(document: unknown, file: string): FeaturesFile {
  const doc = objectOf(document, file)
  const names = doc.fuzzy_features
  if (!Array.isArray(names) || !names.every((s) => typeof s === 'string')) {
    throw new ModelStorageError(`${file}: field 'fuzzy_features' must be a list of strings`)
  }
  return doc as unknown as FeaturesFile
}

/**
 * Checks that a read `config.json` has its `model` section.
 *
 * @throws ModelStorageError naming `file` and the field
 */
export function checkConfig(document: unknown, file: string): ModelConfigFile {
  const doc = objectOf(document, file)
  const model = doc.model
  if (typeof model !== 'object' || model === null || typeof (model as Record<string, unknown>).input_size !== 'number')
    throw new ModelStorageError(`${file}: field 'model.input_size' must be a number`)
  return doc as ModelConfigFile
}

function objectOf(document: unknown, file: string): Record<string, unknown> {
  if (typeof document !== 'object' || document === null || Array.isArray(document))
    throw new ModelStorageError(`${file}: expected a JSON object`)
  return document as Record<string, unknown>
}
