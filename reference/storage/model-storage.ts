/**
 * `ModelStorage`: the versioned model store of the old local path (docs/legacy-behaviour.md §7), made atomic.
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
import type { TrainingMetricsSummary } from '../model/training-summary.ts'
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
  readdirOrEmpty,
  tempName,
  versionDirName,
  versionOf,
  checkVersion,
} from './model-dirs.ts'
import {
  checkConfig,
  checkFeatures,
  checkMetadata,
  metadataSymbols,
  modelFiles,
  type FeaturesFile,
  type ModelConfigFile,
  type ModelMetadataFile,
  type SaveModelRequest,
} from './model-files.ts'
import { decodeWeights, encodeWeights } from './weights-file.ts'

/**
 * Names one saved version: what `save` returns and `load` / `delete` accept. `path` is where it lies under the
 * store that saved it; the store finds a version from the other fields, never by reading a path back.
 *
 * @public
 */
export interface ModelRef {
  readonly strategy: string
  readonly symbols: readonly string[]
  readonly timeframe: string
  /** 1, 2, … */
  readonly version: number
  /** Absolute path of the version directory. */
  readonly path: string
}

/** Which model to load: a {@link ModelRef}, or its fields without `path` and with an optional version. @public */
export interface ModelSelector {
  readonly strategy: string
  readonly symbols: readonly string[]
  readonly timeframe: string
  /** @default the `_latest` target, else the highest version */
  readonly version?: number
}

/** A model read back from the store. @public */
export interface LoadedModel {
  readonly ref: ModelRef
  /** The model rebuilt on the requested runtime (inference only). */
  readonly model: RuntimeModel
  readonly spec: MlpSpec
  readonly params: readonly ParamTensor[]
  readonly config: ModelConfigFile
  readonly metrics: TrainingMetricsSummary
  readonly features: FeaturesFile
  readonly metadata: ModelMetadataFile
  /** Softmax probabilities (rows × 3) for rows × F features, symbol index 0 for every row. */
  predict(x: Float32Array, rows: number): Float32Array
}

/** One entry of {@link ModelStorage.list}. @public */
export interface StoredModelSummary {
  readonly ref: ModelRef
  readonly created_at: string
  /** `training_summary.best_val_accuracy` of the metadata. */
  readonly accuracy: number
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
   * Saves a model as the next version and re-points `_latest`; resolves to the new version's reference.
   *
   * @throws ModelStorageError for a name that is not a single safe path component, or when no version could be
   *   claimed
   */
  async save(request: SaveModelRequest): Promise<ModelRef> {
    const strategyDir = join(this.baseDir, checkName(request.strategy.name, 'strategy name'))
    const stem = modelStem(request.symbols, request.timeframe)
    await mkdir(strategyDir, { recursive: true })
    const temp = join(strategyDir, tempName())
    await mkdir(temp)
    try {
      await this.writeBody(temp, request)
      await syncDirectory(temp)
      for (let attempt = 0; attempt < MAX_CLAIM_ATTEMPTS; attempt++) {
        const version = ((await listVersions(strategyDir, stem)).at(-1) ?? 0) + 1
        const path = join(strategyDir, versionDirName(stem, version))
        if (await renameIfFree(temp, path)) {
          await syncDirectory(strategyDir)
          await this.pointLatest(strategyDir, stem)
          const { strategy, symbols, timeframe } = request
          return { strategy: strategy.name, symbols: [...symbols], timeframe, version, path }
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
   * Loads a version (the selector's, else the `_latest` target, else the highest) and rebuilds its model on
   * `runtime`.
   *
   * @throws ModelStorageError when no such model exists or a file is missing or corrupt (naming the file)
   */
  async load(selector: ModelSelector, runtime: TrainingRuntime = this.runtime): Promise<LoadedModel> {
    const strategyDir = join(this.baseDir, checkName(selector.strategy, 'strategy name'))
    const stem = modelStem(selector.symbols, selector.timeframe)
    const version = selector.version ?? (await this.currentVersion(strategyDir, stem))
    const path = join(strategyDir, versionDirName(stem, checkVersion(version)))
    if (!existsSync(path)) throw new ModelStorageError(`${path}: no such model version`)
    const file = (name: string): string => join(path, name)
    const { spec, params } = decodeWeights(await readJson(file('model.json')), file('model.json'))
    const config = checkConfig(await readJson(file('config.json')), file('config.json'))
    const features = checkFeatures(await readJson(file('features.json')), file('features.json'))
    const metadata = checkMetadata(await readJson(file('metadata.json')), file('metadata.json'))
    const metrics = (await readJson(file('metrics.json'))) as TrainingMetricsSummary
    const model = runtime.createModel(spec, params, adamConfig(0))
    return {
      ref: {
        strategy: selector.strategy,
        symbols: [...selector.symbols],
        timeframe: selector.timeframe,
        version,
        path,
      },
      model,
      spec,
      params,
      config,
      metrics,
      features,
      metadata,
      predict: (x, rows) => softmaxRows(model.predictLogits(x, rows, null), rows, spec.outputSize),
    }
  }

  /**
   * Every stored version (with a `metadata.json`), newest `created_at` first; one strategy or all.
   *
   * @throws ModelStorageError when a version's metadata is unreadable or names another version
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
        const meta = checkMetadata(await readJson(metadataPath), metadataPath)
        const ref = { strategy, symbols: metadataSymbols(meta, metadataPath), timeframe: meta.timeframe }
        const path = join(dir, name)
        if (join(dir, versionDirName(modelStem(ref.symbols, ref.timeframe), versionOf(name))) !== path) {
          throw new ModelStorageError(`${metadataPath}: symbols and timeframe do not name this version directory`)
        }
        out.push({
          ref: { ...ref, version: versionOf(name), path },
          created_at: meta.created_at,
          accuracy: meta.training_summary.best_val_accuracy,
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
  async delete(ref: ModelSelector & { readonly version: number }): Promise<void> {
    const strategyDir = join(this.baseDir, checkName(ref.strategy, 'strategy name'))
    const stem = modelStem(ref.symbols, ref.timeframe)
    const path = join(strategyDir, versionDirName(stem, checkVersion(ref.version)))
    if (!existsSync(path)) throw new ModelStorageError(`${path}: no such model version`)
    const aside = join(strategyDir, tempName())
    await rename(path, aside)
    await rm(aside, { recursive: true, force: true })
    await this.pointLatest(strategyDir, stem)
  }

  private async writeBody(dir: string, request: SaveModelRequest): Promise<void> {
    const files = modelFiles(request, this.clock())
    await writeFileSynced(join(dir, 'model.json'), JSON.stringify(encodeWeights(request.spec, request.params)))
    await writeFileSynced(join(dir, 'config.json'), json(files.config))
    await writeFileSynced(join(dir, 'metrics.json'), json(files.metrics))
    await writeFileSynced(join(dir, 'features.json'), json(files.features))
    await writeFileSynced(join(dir, 'metadata.json'), json(files.metadata))
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

  /** The `_latest` target's version, else the highest. */
  private async currentVersion(strategyDir: string, stem: string): Promise<number> {
    try {
      const target = await readlink(join(strategyDir, latestName(stem)))
      if (existsSync(join(strategyDir, target))) return versionOf(target)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    }
    const highest = (await listVersions(strategyDir, stem)).at(-1)
    if (highest === undefined) throw new ModelStorageError(`${strategyDir}: no saved model for ${stem}`)
    return highest
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
