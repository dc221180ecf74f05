/**
 * The one place a training run is put together: a {@link TrainingRequest} (strategy file or text, data directory,
 * symbols, timeframes, dates, seed, epochs, device, model-store directory — values only, so it crosses a thread or
 * process boundary) becomes the `PipelineRequest` that `runTrainingPipeline` takes. The local orchestrator's
 * worker builds every run with {@link buildPipelineRequest}; the host's sessions, which share one data source,
 * store and runtime, go through the same defaults with {@link assemblePipelineRequest}.
 */
import { CsvDataSource } from '../data/csv-source.ts'
import { runtimeForDevice, type DeviceName } from '../runtime/device-manager.ts'
import { ModelStorage } from '../storage/model-storage.ts'
import { loadStrategy, parseStrategy } from '../strategy/load.ts'
import type { StrategyConfig } from '../strategy/types.ts'
import { createTrainingPipeline, type TrainingPipelineStages } from './stages.ts'
import type { PipelineRequest } from './types.ts'

/** The strategy: a YAML file path, or YAML text. @public */
export type StrategySource = { readonly path: string } | { readonly yaml: string }

/**
 * Stage overrides named by reference, for runs that cross a thread boundary (functions cannot): the module at
 * `module` (a URL or absolute path `import()` accepts) exports `factory`, which is called with `argument` and
 * returns the stages to replace (`Partial<TrainingPipelineStages>`, as `createTrainingPipeline` takes them).
 *
 * @public
 */
export interface StageOverridesRef {
  readonly module: string
  readonly factory: string
  readonly argument: string | number | boolean | null
}

/** A training run described by values only; every field survives `structuredClone`. @public */
export interface TrainingRequest {
  readonly strategy: StrategySource
  /** Directory of `<SYMBOL>_<TF>.csv` files. */
  readonly dataDir: string
  /** @default the strategy's `training_data.symbols` */
  readonly symbols?: readonly string[]
  /** @default the strategy's `training_data.timeframes` */
  readonly timeframes?: readonly string[]
  /** @default '2020-01-01' (see `runTrainingPipeline`) */
  readonly startDate?: string | null
  /** @default today, UTC */
  readonly endDate?: string | null
  readonly seed: number
  /** @default the strategy's `model.training.epochs` */
  readonly epochs?: number
  /** Model-store base directory; null saves nothing. */
  readonly modelsDir: string | null
  /** Training device (`KTRDR_DEVICE` names, or `auto`). @default 'auto' */
  readonly device?: DeviceName | 'auto'
  /** A frozen clock (ISO-8601) for reproducible dates and durations; the system clock when absent. */
  readonly fixedClock?: string
  /** Stages to replace (e.g. a planted fault); the default stages when absent. */
  readonly stageOverrides?: StageOverridesRef
}

/** What to train, with the strategy already loaded; the fields left out take the strategy's values. */
export interface RunParameters extends Pick<PipelineRequest, 'strategy' | 'seed'> {
  /** @default the strategy's `training_data.symbols` */
  readonly symbols?: readonly string[] | null
  /** @default the strategy's `training_data.timeframes` */
  readonly timeframes?: readonly string[] | null
  readonly startDate?: string | null
  readonly endDate?: string | null
  /** @default the strategy's `model.training.epochs` */
  readonly epochs?: number | null
}

/** The live parts a run uses (data source, model store, runtime, clock, stages, warning sink). */
export type RunServices = Pick<PipelineRequest, 'dataSource' | 'storage' | 'runtime' | 'clock' | 'pipeline' | 'warn'>

/** A pipeline request whose epoch count is resolved (the strategy's when the run names none). */
export type AssembledPipelineRequest = PipelineRequest & { readonly epochs: number }

/**
 * Combines run parameters and services into the pipeline request, applying the defaults every path shares.
 */
export function assemblePipelineRequest(run: RunParameters, services: RunServices): AssembledPipelineRequest {
  const { strategy } = run
  return {
    strategy,
    symbols: run.symbols ?? strategy.trainingData.symbols,
    timeframes: run.timeframes ?? strategy.trainingData.timeframes,
    startDate: run.startDate ?? null,
    endDate: run.endDate ?? null,
    seed: run.seed,
    epochs: run.epochs ?? strategy.model.training.epochs,
    dataSource: services.dataSource,
    storage: services.storage,
    runtime: services.runtime,
    ...(services.clock ? { clock: services.clock } : {}),
    ...(services.pipeline ? { pipeline: services.pipeline } : {}),
    ...(services.warn ? { warn: services.warn } : {}),
  }
}

/**
 * Loads `source` as a validated strategy.
 *
 * @throws StrategyError for a missing or invalid file or text
 */
export function loadStrategySource(source: StrategySource): StrategyConfig {
  return 'path' in source ? loadStrategy(source.path) : parseStrategy(source.yaml, '<inline>')
}

/**
 * Imports the module of `ref` and builds the stages with its factory's overrides.
 *
 * @throws Error when the module has no such exported function
 */
export async function loadStageOverrides(ref: StageOverridesRef): Promise<TrainingPipelineStages> {
  const module = (await import(ref.module)) as Record<string, unknown>
  const factory = module[ref.factory]
  if (typeof factory !== 'function') {
    throw new Error(`stage overrides: ${ref.module} exports no function ${JSON.stringify(ref.factory)}`)
  }
  return createTrainingPipeline((factory as (argument: unknown) => Partial<TrainingPipelineStages>)(ref.argument))
}

/**
 * Turns a value-only request into the pipeline request: loads the strategy, opens the CSV data source, selects
 * the device's runtime, opens the model store on that runtime and clock, and loads any stage overrides.
 *
 * @param warn - receives each pipeline warning as it is raised
 * @throws StrategyError, DeviceError, or the stage-override module's import error
 * @public
 */
export async function buildPipelineRequest(
  request: TrainingRequest,
  warn?: (message: string) => void,
): Promise<AssembledPipelineRequest> {
  const strategy = loadStrategySource(request.strategy)
  const fixed = request.fixedClock === undefined ? null : new Date(request.fixedClock)
  const clock = fixed ? () => new Date(fixed) : () => new Date()
  const runtime = await runtimeForDevice(request.device ?? 'auto')
  return assemblePipelineRequest(
    {
      strategy,
      symbols: request.symbols ?? null,
      timeframes: request.timeframes ?? null,
      startDate: request.startDate ?? null,
      endDate: request.endDate ?? null,
      seed: request.seed,
      epochs: request.epochs ?? null,
    },
    {
      dataSource: new CsvDataSource(request.dataDir),
      storage: request.modelsDir === null ? null : new ModelStorage(request.modelsDir, { runtime, clock }),
      runtime,
      clock,
      ...(request.stageOverrides ? { pipeline: await loadStageOverrides(request.stageOverrides) } : {}),
      ...(warn ? { warn } : {}),
    },
  )
}
