/**
 * The old `ModelStorage` (docs/legacy-behaviour.md §7), as old-local used it: versioned directories
 * `<base>/<strategy>/<symbol>_<timeframe>_v<N>/` (N = 1 + the highest existing), the files `model.json` (weights,
 * standing in for `model.pt`), `config.json`, `metrics.json`, `features.json` (pure-fuzzy variant),
 * `metadata.json`, and the relative `<symbol>_<timeframe>_latest` symlink. Faithful to the old code, quirks kept:
 * files are written in place one after another (not atomic, no lock: concurrent saves can pick the same N), the
 * base and strategy directories are created non-recursively, and an existing latest link is removed only when it
 * resolves (`Path.exists()`), so a dangling link makes the save fail.
 */
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import type { MlpSpec, ParamTensor } from '../../../reference/runtime/training-runtime.ts'
import { dictGet, isDict, type ConfigDict } from './config-dict.ts'
import { decodeWeights, encodeWeights } from './weights-file.ts'

/** Arguments of {@link ModelStorage.saveModel} (the old `save_model` keywords; `scaler` is always None here). */
export interface SaveModelArgs {
  readonly spec: MlpSpec
  readonly params: readonly ParamTensor[]
  /** `model.__class__.__name__` of the old module. */
  readonly modelType: string
  readonly strategyName: string
  readonly symbol: string
  readonly timeframe: string
  readonly config: ConfigDict
  readonly trainingMetrics: object
  readonly featureNames: readonly string[]
  readonly featureImportance: Readonly<Record<string, number>> | null
  /** Recorded as `metadata.pytorch_version` (the port has no torch: the training runtime's name). */
  readonly runtimeName: string
}

/** A loaded model directory (`load_model`). */
export interface LoadedModel {
  readonly spec: MlpSpec
  readonly params: ParamTensor[]
  readonly config: ConfigDict
  readonly metrics: ConfigDict
  readonly features: ConfigDict
  readonly metadata: ConfigDict
  readonly model_path: string
  readonly model_version: unknown
  readonly architecture_type: unknown
  readonly is_pure_fuzzy: boolean
}

/** Python `int(text)` for a version suffix: optional sign, digits (single underscores allowed), outer spaces. */
function pythonInt(text: string): number | null {
  return /^\s*[+-]?\d+(_\d+)*\s*$/.test(text) ? Number.parseInt(text.replace(/_/g, ''), 10) : null
}

/** Python `datetime.now().isoformat()` of `date` in local time (microseconds only when non-zero). */
export function localIsoFormat(date: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0')
  const base =
    `${p(date.getFullYear(), 4)}-${p(date.getMonth() + 1)}-${p(date.getDate())}` +
    `T${p(date.getHours())}:${p(date.getMinutes())}:${p(date.getSeconds())}`
  const micros = date.getMilliseconds() * 1000
  return micros === 0 ? base : `${base}.${p(micros, 6)}`
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}

function writeJson(path: string, value: unknown): void {
  writeFileSync(path, JSON.stringify(value, null, 2))
}

function readJson(path: string): ConfigDict {
  const text = readFileSync(path, 'utf8')
  try {
    return JSON.parse(text) as ConfigDict
  } catch (error) {
    throw new Error(`${path}: invalid JSON (${(error as Error).message})`)
  }
}

/** Versioned model persistence of the old local path. */
export class ModelStorage {
  /**
   * @param basePath - the models directory (the old default `models`, relative to the working directory); created
   * if missing, but not its parents (`mkdir(exist_ok=True)`).
   * @param clock - source of `metadata.created_at`.
   */
  constructor(
    readonly basePath: string,
    private readonly clock: () => Date,
  ) {
    if (!existsSync(basePath)) mkdirSync(basePath)
  }

  /** `(N, dir)` of every `<symbol>_<timeframe>_v<N>` directory of the strategy. */
  private versions(strategyName: string, symbol: string, timeframe: string): Array<[number, string]> {
    const strategyDir = join(this.basePath, strategyName)
    if (!existsSync(strategyDir)) return []
    const pattern = `${symbol}_${timeframe}_v`
    const found: Array<[number, string]> = []
    for (const name of readdirSync(strategyDir)) {
      const path = join(strategyDir, name)
      if (!name.startsWith(pattern) || !isDirectory(path)) continue
      const n = pythonInt(name.split('_v').at(-1)!)
      if (n !== null) found.push([n, path])
    }
    return found
  }

  /**
   * `save_model`: writes a new version directory and re-points the latest link.
   * @returns the version directory path.
   */
  saveModel(args: SaveModelArgs): string {
    const strategyDir = join(this.basePath, args.strategyName)
    if (!existsSync(strategyDir)) mkdirSync(strategyDir)
    const next = Math.max(0, ...this.versions(args.strategyName, args.symbol, args.timeframe).map(([n]) => n)) + 1
    const modelDir = join(strategyDir, `${args.symbol}_${args.timeframe}_v${next}`)
    if (!existsSync(modelDir)) mkdirSync(modelDir)

    writeJson(join(modelDir, 'model.json'), encodeWeights(args.spec, args.params))
    writeJson(join(modelDir, 'config.json'), args.config)
    writeJson(join(modelDir, 'metrics.json'), args.trainingMetrics)

    const model = dictGet(args.config, 'model', {})
    const featureConfig = isDict(model) ? dictGet(model, 'features', {}) : {}
    const lookback = isDict(featureConfig) ? dictGet(featureConfig, 'lookback_periods', 0) : 0
    writeJson(join(modelDir, 'features.json'), {
      model_version: 'pure_fuzzy_v1',
      feature_type: 'pure_fuzzy',
      fuzzy_features: args.featureNames,
      feature_count: args.featureNames.length,
      temporal_config: { lookback_periods: lookback, enabled: typeof lookback === 'number' && lookback > 0 },
      scaling_info: { requires_scaling: false, reason: 'fuzzy_values_already_normalized' },
      feature_importance: args.featureImportance ?? {},
    })

    const metrics = args.trainingMetrics as ConfigDict
    writeJson(join(modelDir, 'metadata.json'), {
      strategy_name: args.strategyName,
      symbol: args.symbol,
      timeframe: args.timeframe,
      created_at: localIsoFormat(this.clock()),
      model_type: args.modelType,
      model_version: 'pure_fuzzy_v1',
      architecture_type: 'pure_fuzzy',
      input_size: isDict(model) ? dictGet(model, 'input_size', args.spec.inputSize) : args.spec.inputSize,
      pytorch_version: args.runtimeName,
      training_summary: {
        epochs: dictGet(metrics, 'epochs_trained', 0),
        final_accuracy: dictGet(metrics, 'final_train_accuracy', 0),
        best_val_accuracy: dictGet(metrics, 'best_val_accuracy', 0),
      },
      feature_engineering: { removed: true, scaler_required: false, fuzzy_only: true },
    })

    const latest = join(strategyDir, `${args.symbol}_${args.timeframe}_latest`)
    if (existsSync(latest)) unlinkSync(latest)
    symlinkSync(`${args.symbol}_${args.timeframe}_v${next}`, latest)
    return modelDir
  }

  /**
   * `load_model`: the latest link (else the highest version), or `<symbol>_<timeframe>_<version>`; reads every file
   * back and decodes the weights.
   */
  loadModel(strategyName: string, symbol: string, timeframe: string, version: string | null = null): LoadedModel {
    let modelDir: string
    if (version === null) {
      modelDir = join(this.basePath, strategyName, `${symbol}_${timeframe}_latest`)
      if (!existsSync(modelDir)) {
        const all = this.versions(strategyName, symbol, timeframe)
        if (all.length === 0) throw new Error(`No models found for ${strategyName}/${symbol}_${timeframe}`)
        modelDir = all.reduce((best, v) => (v[0] > best[0] ? v : best))[1]
      }
    } else {
      modelDir = join(this.basePath, strategyName, `${symbol}_${timeframe}_${version}`)
    }
    if (!existsSync(modelDir)) throw new Error(`Model not found: ${modelDir}`)
    const weightsPath = join(modelDir, 'model.json')
    const { spec, params } = decodeWeights(readJson(weightsPath), weightsPath)
    const features = readJson(join(modelDir, 'features.json'))
    const metadata = readJson(join(modelDir, 'metadata.json'))
    const modelVersion = dictGet(metadata, 'model_version', 'legacy')
    const architectureType = dictGet(metadata, 'architecture_type', 'unknown')
    return {
      spec,
      params,
      config: readJson(join(modelDir, 'config.json')),
      metrics: readJson(join(modelDir, 'metrics.json')),
      features,
      metadata,
      model_path: modelDir,
      model_version: modelVersion,
      architecture_type: architectureType,
      is_pure_fuzzy: architectureType === 'pure_fuzzy' || dictGet(features, 'feature_type', null) === 'pure_fuzzy',
    }
  }
}
