/**
 * `ModelStorage`: the versioned model store of the old local path (ktrdr-behaviour.md §7), made atomic.
 *
 * Layout: `<base>/<strategy>/<SYMBOLS joined _>_<tf>_v<N>/` holding `model.json` (see `weights-file.ts`),
 * `config.json`, `metrics.json`, `features.json`, `metadata.json`, and a relative `<SYMBOLS>_<tf>_latest` symlink.
 *
 * Intended difference from the old store (which wrote in place): a save writes everything into a private
 * `.tmp-<random>` directory inside the strategy directory, fsyncs it, then claims `v<N>` (N = 1 + highest) with a
 * single `rename`, which fails when another saver — in this or another process — already took that name; the save
 * then retries with the next number. A half-written directory is therefore never visible under a `_v<N>` name,
 * and concurrent saves get distinct versions. The `_latest` link is swapped atomically and always names a
 * complete version (the highest one present when it was written).
 */
import { existsSync, lstatSync, readdirSync, rmSync } from 'node:fs'
import { mkdir, readFile, readlink, rename, rm } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { fusedRuntime } from '../runtime/fused-runtime.ts'
import {
  adamConfig,
  softmaxRows,
  type MlpSpec,
  type ParamTensor,
  type RuntimeModel,
  type TrainingRuntime,
} from '../runtime/training-runtime.ts'
import { renameIfFree, swapSymlink, syncDirectory, writeFileSynced } from './durable-fs.ts'
import { ModelStorageError } from './errors.ts'
import {
  TEMP_PREFIX,
  checkName,
  latestName,
  listVersions,
  modelStem,
  parseVersion,
  readdirOrEmpty,
  tempName,
  versionDirName,
} from './model-dirs.ts'
import { decodeWeights, encodeWeights } from './weights-file.ts'

/** What a save writes. @public */
export interface SaveModelRequest {
  readonly strategyName: string
  /** Joined with `_` for the directory name (the old `"_".join(symbols)`). */
  readonly symbols: readonly string[]
  readonly timeframe: string
  readonly spec: MlpSpec
  readonly params: readonly ParamTensor[]
  /** `config.json`: the strategy document with `model.input_size`, `num_symbols`, `symbol_embedding_dim` set. */
  readonly config: unknown
  /** `metrics.json`: the training summary. */
  readonly metrics: unknown
  readonly featureNames: readonly string[]
  readonly featureImportance: Readonly<Record<string, number>> | null
  /** `model.lookback_periods`, recorded in `features.json`. @default 0 */
  readonly lookbackPeriods?: number
  /**
   * `metadata.json` fields beyond `strategy_name`, `symbol`, `timeframe` and `created_at`, which the store adds
   * (model_type, model_version, input_size, training_summary…).
   */
  readonly metadata: Readonly<Record<string, unknown>>
}

/** A model read back from the store. @public */
export interface LoadedModel {
  /** The model rebuilt on the requested runtime (inference only). */
  readonly model: RuntimeModel
  readonly spec: MlpSpec
  readonly params: readonly ParamTensor[]
  readonly config: unknown
  readonly metrics: unknown
  readonly features: FeaturesFile
  readonly metadata: Record<string, unknown>
  /** Absolute path of the version directory. */
  readonly modelPath: string
  /** `v<N>`. */
  readonly modelVersion: string
  /** Softmax probabilities (rows × 3) for rows × F features, symbol index 0 for every row. */
  predict(x: Float32Array, rows: number): Float32Array
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

/** One entry of {@link ModelStorage.list}. @public */
export interface StoredModelSummary {
  readonly path: string
  readonly strategy_name: string
  readonly symbol: string
  readonly timeframe: string
  /** `v<N>`, from the directory name. */
  readonly model_version: string
  readonly created_at: string
  /** `training_summary.best_val_accuracy` of the metadata, null when absent. */
  readonly accuracy: number | null
}

/** Construction options. @public */
export interface ModelStorageOptions {
  /** Runtime models are rebuilt on by `load`. @default fusedRuntime */
  readonly runtime?: TrainingRuntime
  /** Clock for `created_at`. @default () => new Date() */
  readonly clock?: () => Date
  /** `.tmp-*` entries older than this are removed on construction (a crashed saver's leftovers). @default 1 hour */
  readonly staleTempMs?: number
}

const ONE_HOUR_MS = 3_600_000
const MAX_CLAIM_ATTEMPTS = 1000

/**
 * The versioned, atomic model store.
 *
 * @public
 */
export class ModelStorage {
  /** Absolute base directory (`models/` of the old code). */
  readonly baseDir: string
  private readonly runtime: TrainingRuntime
  private readonly clock: () => Date
  private readonly staleTempMs: number

  /** @param baseDir - created on first save; stale temporaries under it are removed now. */
  constructor(baseDir: string, options: ModelStorageOptions = {}) {
    this.baseDir = resolve(baseDir)
    this.runtime = options.runtime ?? fusedRuntime
    this.clock = options.clock ?? (() => new Date())
    this.staleTempMs = options.staleTempMs ?? ONE_HOUR_MS
    this.cleanupStaleTemps()
  }

  /**
   * Removes `.tmp-*` entries older than `olderThanMs` in every strategy directory; returns how many.
   *
   * @param olderThanMs - @default the construction option `staleTempMs`
   */
  cleanupStaleTemps(olderThanMs: number = this.staleTempMs): number {
    if (!existsSync(this.baseDir)) return 0
    const cutoff = Date.now() - olderThanMs
    let removed = 0
    for (const strategy of readdirSync(this.baseDir)) {
      const dir = join(this.baseDir, strategy)
      if (!lstatSync(dir, { throwIfNoEntry: false })?.isDirectory()) continue
      for (const name of readdirSync(dir)) {
        if (!name.startsWith(TEMP_PREFIX)) continue
        const path = join(dir, name)
        const mtime = lstatSync(path, { throwIfNoEntry: false })?.mtimeMs
        if (mtime !== undefined && mtime <= cutoff) {
          rmSync(path, { recursive: true, force: true })
          removed++
        }
      }
    }
    return removed
  }

  /**
   * Saves a model as the next version and re-points `_latest`; resolves to the version directory's path.
   *
   * @public
   */
  async save(request: SaveModelRequest): Promise<string> {
    const strategyDir = join(this.baseDir, checkName(request.strategyName, 'strategy name'))
    const stem = modelStem(request.symbols, request.timeframe)
    await mkdir(strategyDir, { recursive: true })
    const temp = join(strategyDir, tempName())
    await mkdir(temp)
    try {
      await this.writeBody(temp, request)
      await syncDirectory(temp)
      for (let attempt = 0; attempt < MAX_CLAIM_ATTEMPTS; attempt++) {
        const name = versionDirName(stem, ((await listVersions(strategyDir, stem)).at(-1) ?? 0) + 1)
        if (await renameIfFree(temp, join(strategyDir, name))) {
          await syncDirectory(strategyDir)
          await this.pointLatest(strategyDir, stem)
          return join(strategyDir, name)
        }
      }
      throw new ModelStorageError(
        `${strategyDir}: could not claim a version for ${stem} after ${MAX_CLAIM_ATTEMPTS} attempts`,
      )
    } catch (error) {
      await rm(temp, { recursive: true, force: true })
      throw error
    }
  }

  /**
   * Loads a version (explicit, else the `_latest` target, else the highest) and rebuilds its model on `runtime`.
   *
   * @param version - `3`, `'v3'` or a directory name
   * @throws ModelStorageError when no such model exists or a file is missing or corrupt (naming the file)
   */
  async load(
    strategyName: string,
    symbols: string | readonly string[],
    timeframe: string,
    version?: number | string,
    runtime: TrainingRuntime = this.runtime,
  ): Promise<LoadedModel> {
    const strategyDir = join(this.baseDir, checkName(strategyName, 'strategy name'))
    const stem = modelStem(symbols, timeframe)
    const name =
      version === undefined ? await this.resolveCurrent(strategyDir, stem) : versionDirName(stem, parseVersion(version))
    const modelPath = join(strategyDir, name)
    if (!existsSync(modelPath)) throw new ModelStorageError(`${modelPath}: no such model version`)
    const { spec, params } = decodeWeights(await readJson(join(modelPath, 'model.json')), join(modelPath, 'model.json'))
    const [config, metrics, features, metadata] = await Promise.all(
      ['config.json', 'metrics.json', 'features.json', 'metadata.json'].map((f) => readJson(join(modelPath, f))),
    )
    const model = runtime.createModel(spec, params, adamConfig(0))
    return {
      model,
      spec,
      params,
      config,
      metrics,
      features: features as FeaturesFile,
      metadata: metadata as Record<string, unknown>,
      modelPath,
      modelVersion: `v${parseVersion(name)}`,
      predict: (x, rows) => softmaxRows(model.predictLogits(x, rows, null), rows, spec.outputSize),
    }
  }

  /**
   * Every stored version (with a `metadata.json`), newest `created_at` first; one strategy or all.
   */
  async list(strategyName?: string): Promise<StoredModelSummary[]> {
    const strategies =
      strategyName === undefined ? await readdirOrEmpty(this.baseDir) : [checkName(strategyName, 'strategy name')]
    const out: StoredModelSummary[] = []
    for (const strategy of strategies) {
      const dir = join(this.baseDir, strategy)
      for (const name of await readdirOrEmpty(dir)) {
        if (name.startsWith(TEMP_PREFIX) || !/_v\d+$/.test(name)) continue
        const metadataPath = join(dir, name, 'metadata.json')
        if (!existsSync(metadataPath)) continue
        const meta = (await readJson(metadataPath)) as Record<string, unknown>
        const summary = meta.training_summary as { best_val_accuracy?: unknown } | undefined
        out.push({
          path: join(dir, name),
          strategy_name: String(meta.strategy_name ?? strategy),
          symbol: String(meta.symbol ?? ''),
          timeframe: String(meta.timeframe ?? ''),
          model_version: `v${parseVersion(name)}`,
          created_at: String(meta.created_at ?? ''),
          accuracy: typeof summary?.best_val_accuracy === 'number' ? summary.best_val_accuracy : null,
        })
      }
    }
    return out.sort((a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : 0))
  }

  /**
   * Deletes one version (moved aside first, so it vanishes atomically) and re-points `_latest` at the highest
   * remaining version, or removes it when none remains.
   *
   * @throws ModelStorageError when the version does not exist
   */
  async delete(
    strategyName: string,
    symbols: string | readonly string[],
    timeframe: string,
    version: number | string,
  ): Promise<void> {
    const strategyDir = join(this.baseDir, checkName(strategyName, 'strategy name'))
    const stem = modelStem(symbols, timeframe)
    const path = join(strategyDir, versionDirName(stem, parseVersion(version)))
    if (!existsSync(path)) throw new ModelStorageError(`${path}: no such model version`)
    const aside = join(strategyDir, tempName())
    await rename(path, aside)
    await rm(aside, { recursive: true, force: true })
    await this.pointLatest(strategyDir, stem)
  }

  private async writeBody(dir: string, request: SaveModelRequest): Promise<void> {
    const features: FeaturesFile = {
      model_version: 'pure_fuzzy_v1',
      feature_type: 'pure_fuzzy',
      fuzzy_features: [...request.featureNames],
      feature_count: request.featureNames.length,
      temporal_config: { lookback_periods: request.lookbackPeriods ?? 0, enabled: (request.lookbackPeriods ?? 0) > 0 },
      scaling_info: { requires_scaling: false, reason: 'fuzzy_values_already_normalized' },
      feature_importance: request.featureImportance ?? {},
    }
    await writeFileSynced(join(dir, 'model.json'), JSON.stringify(encodeWeights(request.spec, request.params)))
    await writeFileSynced(join(dir, 'config.json'), json(request.config))
    await writeFileSynced(join(dir, 'metrics.json'), json(request.metrics))
    await writeFileSynced(join(dir, 'features.json'), json(features))
    const metadata = {
      strategy_name: request.strategyName,
      symbol: request.symbols.join('_'),
      timeframe: request.timeframe,
      created_at: this.clock().toISOString(),
      ...request.metadata,
    }
    await writeFileSynced(join(dir, 'metadata.json'), json(metadata))
  }

  /** Points `_latest` at the highest version, re-checking until no newer version appeared meanwhile. */
  private async pointLatest(strategyDir: string, stem: string): Promise<void> {
    let target = (await listVersions(strategyDir, stem)).at(-1)
    for (;;) {
      if (target === undefined) {
        await rm(join(strategyDir, latestName(stem)), { force: true })
        return
      }
      await swapSymlink(strategyDir, latestName(stem), versionDirName(stem, target))
      const now = (await listVersions(strategyDir, stem)).at(-1)
      if (now === target) return
      target = now
    }
  }

  private async resolveCurrent(strategyDir: string, stem: string): Promise<string> {
    try {
      const target = await readlink(join(strategyDir, latestName(stem)))
      if (existsSync(join(strategyDir, target))) return target
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    }
    const highest = (await listVersions(strategyDir, stem)).at(-1)
    if (highest === undefined) throw new ModelStorageError(`${strategyDir}: no saved model for ${stem}`)
    return versionDirName(stem, highest)
  }
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`
}

async function readJson(path: string): Promise<unknown> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new ModelStorageError(`${path}: missing file`)
    throw error
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new ModelStorageError(`${path}: corrupt JSON (${error instanceof Error ? error.message : String(error)})`)
  }
}
