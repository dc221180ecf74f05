/**
 * `ktrdr-train train`: one training run through one execution path, printing ONE JSON object on stdout (with
 * `--json`) and a progress line per epoch on stderr. `local_old` is the legacy port of the old local runner,
 * `local_new` the refactored `runTrainingPipeline`, `host_old` / `host_new` a training host reached over HTTP at
 * `--host-url` (docs/architecture.md §6 "Paths").
 */
import { resolve } from 'node:path'
import type { CommandModule } from 'yargs'
import { CsvDataSource } from '../../../reference/data/csv-source.ts'
import {
  trainViaHost,
  type TrainingHistory,
  type TrainJson as HostTrainJson,
} from '../../../reference/host-service/client/train-via-host.ts'
import { runTrainingPipeline } from '../../../reference/pipeline/run.ts'
import { DEVICE_ORDER, runtimeForDevice, type DeviceName } from '../../../reference/runtime/device-manager.ts'
import type { EpochRecord, TestMetrics } from '../../../reference/runtime/probes.ts'
import { ModelStorage } from '../../../reference/storage/model-storage.ts'
import { loadStrategy } from '../../../reference/strategy/load.ts'
import { KTRDR_SRC_OPTION, ktrdrPyTrainForCli } from '../../oracle/cli.ts'
import { listOption } from '../list-option.ts'
import { UsageError } from '../usage-error.ts'

const PATHS = ['local_old', 'local_new', 'host_old', 'host_new', 'ktrdr_py'] as const
type TrainPath = (typeof PATHS)[number]

/** One epoch of `training_history`; the old host reports no learning rate. */
export type HistoryRecord = Omit<EpochRecord, 'learning_rate'> & { readonly learning_rate?: number }

/** The machine output of `train --json`. */
export interface TrainJson {
  readonly path: TrainPath
  readonly device: string
  readonly seed: number
  readonly model_path: string | null
  readonly weights_sha256: string | null
  readonly metrics: TestMetrics
  readonly training_history: readonly HistoryRecord[]
  /**
   * Whether `model.training.early_stopping` ended training: always false on the old host (which ignores it), null
   * on ktrdr_py (KTRDR's result does not say).
   */
  readonly stopped_early: boolean | null
  /** The 0-based epoch at which early stopping triggered (the history's last); null when it did not. */
  readonly stopped_epoch: number | null
  readonly feature_importance: Readonly<Record<string, number>> | null
  /** Milliseconds per stage (local paths) or per client step (host paths), plus a total. */
  readonly timings: Readonly<Record<string, number>>
  readonly per_symbol_metrics?: unknown
  readonly warnings?: readonly string[]
  /** Host paths: the states, percentages and endpoints the client saw. */
  readonly protocol?: HostTrainJson['protocol']
}

/** What one `train` invocation asks for (parsed arguments). */
export interface TrainOptions {
  readonly path: TrainPath
  readonly strategyPath: string
  readonly dataDir: string
  readonly symbols: readonly string[]
  readonly timeframes: readonly string[]
  readonly startDate: string | null
  readonly endDate: string | null
  readonly seed: number
  readonly epochs: number | undefined
  readonly modelsDir: string
  readonly device: DeviceName | 'auto'
  readonly hostUrl: string | null
  /** The KTRDR checkout for `ktrdr_py` (null/absent → `KTRDR_SRC`). */
  readonly ktrdrSrc?: string | null
  /** Receives one line per epoch. */
  readonly progress: (line: string) => void
}

interface TrainArgs {
  path: TrainPath
  strategy: string
  'data-dir': string
  symbols: string
  timeframes: string
  start?: string
  end?: string
  seed: number
  epochs?: number
  'models-dir': string
  device: string
  'host-url'?: string
  'ktrdr-src'?: string
  json: boolean
}

type EpochFigures = Pick<EpochRecord, 'epoch' | 'train_loss' | 'train_accuracy' | 'val_loss' | 'val_accuracy'>

function epochLine(e: EpochFigures, total: number): string {
  const val =
    e.val_loss === null ? '' : ` val_loss=${e.val_loss.toFixed(4)} val_acc=${(e.val_accuracy ?? 0).toFixed(4)}`
  return `epoch ${e.epoch + 1}/${total} train_loss=${e.train_loss.toFixed(4)} train_acc=${e.train_accuracy.toFixed(4)}${val}`
}

async function trainLocalNew(options: TrainOptions): Promise<TrainJson> {
  const started = performance.now()
  const strategy = loadStrategy(options.strategyPath)
  const runtime = await runtimeForDevice(options.device)
  const result = await runTrainingPipeline(
    {
      strategy,
      symbols: options.symbols,
      timeframes: options.timeframes,
      startDate: options.startDate,
      endDate: options.endDate,
      seed: options.seed,
      ...(options.epochs === undefined ? {} : { epochs: options.epochs }),
      dataSource: new CsvDataSource(options.dataDir),
      storage: new ModelStorage(options.modelsDir, { runtime }),
      runtime,
    },
    {
      onEpoch: (p) => options.progress(epochLine(p, p.total_epochs)),
    },
  )
  return {
    path: 'local_new',
    device: result.device,
    seed: options.seed,
    model_path: result.model_path,
    weights_sha256: result.weights_sha256,
    metrics: result.test_metrics,
    training_history: result.probes.history,
    stopped_early: result.stopped_early,
    stopped_epoch: result.stopped_epoch,
    feature_importance: result.feature_importance,
    timings: { ...result.timings, total: performance.now() - started },
    per_symbol_metrics: result.per_symbol_metrics,
    warnings: result.warnings,
  }
}

async function trainLocalOld(options: TrainOptions): Promise<TrainJson> {
  const { runLegacyLocalTraining } = await import('../../../legacy/local/run-training.ts')
  const runtime = await runtimeForDevice(options.device)
  let lastEpoch = -1
  const outcome = await runLegacyLocalTraining({
    strategyPath: options.strategyPath,
    dataDir: options.dataDir,
    symbols: options.symbols,
    timeframes: options.timeframes,
    startDate: options.startDate,
    endDate: options.endDate,
    seed: options.seed,
    ...(options.epochs === undefined ? {} : { epochs: options.epochs }),
    modelsDir: options.modelsDir,
    runtime,
    onProgress: (update) => {
      const metrics = update.context.epoch_metrics as EpochFigures | undefined
      const total = update.context.total_epochs
      if (update.phase !== 'epoch' || !metrics || metrics.epoch === lastEpoch) return
      lastEpoch = metrics.epoch
      options.progress(epochLine(metrics, typeof total === 'number' ? total : 0))
    },
    log: (line) => process.stderr.write(`${line}\n`),
  })
  return {
    path: 'local_old',
    device: outcome.device,
    seed: options.seed,
    model_path: outcome.raw.model_path,
    weights_sha256: outcome.weightsSha256,
    metrics: outcome.raw.test_metrics,
    training_history: outcome.probes.history,
    stopped_early: outcome.stoppedEpoch !== null,
    stopped_epoch: outcome.stoppedEpoch,
    feature_importance: outcome.raw.feature_importance,
    timings: outcome.timings,
    per_symbol_metrics: outcome.raw.per_symbol_metrics,
    warnings: [],
  }
}

/**
 * Runs one training as `options.path` and returns the `--json` object.
 *
 * @throws UsageError for a host path without `--host-url`; the path's own errors otherwise
 */
export async function runTrain(options: TrainOptions): Promise<TrainJson> {
  switch (options.path) {
    case 'local_new':
      return trainLocalNew(options)
    case 'local_old':
      return trainLocalOld(options)
    case 'host_old':
    case 'host_new':
      return trainViaHostPath({ ...options, path: options.path })
    case 'ktrdr_py':
      // KTRDR's result does not say whether early stopping ended training (it only printed a line)
      return { ...(await ktrdrPyTrainForCli(options, options.progress)), stopped_early: null, stopped_epoch: null }
  }
}

async function trainViaHostPath(options: TrainOptions & { path: 'host_old' | 'host_new' }): Promise<TrainJson> {
  if (options.hostUrl === null) throw new UsageError(`--path ${options.path} needs --host-url`)
  let lastEpoch = -1
  const json = await trainViaHost({
    hostUrl: options.hostUrl,
    impl: options.path === 'host_old' ? 'old' : 'new',
    strategyPath: options.strategyPath,
    symbols: options.symbols,
    timeframes: options.timeframes,
    ...(options.startDate === null ? {} : { startDate: options.startDate }),
    ...(options.endDate === null ? {} : { endDate: options.endDate }),
    seed: options.seed,
    ...(options.epochs === undefined ? {} : { epochs: options.epochs }),
    modelsDir: options.modelsDir,
    onProgress: (update) => {
      if (update.epoch === lastEpoch) return
      lastEpoch = update.epoch
      options.progress(
        `epoch ${update.epoch}/${update.totalEpochs} ${update.percentage.toFixed(1)}% (${update.hostStatus})`,
      )
    },
  })
  return {
    ...json,
    training_history: historyRecords(json.training_history),
    timings: {
      start: json.timings.start_ms,
      poll: json.timings.poll_ms,
      result: json.timings.result_ms,
      total: json.timings.total_ms,
    },
  }
}

/** The host's history lists as one record per epoch (with the learning rate when the host reports it). */
function historyRecords(history: TrainingHistory): HistoryRecord[] {
  return history.train_loss.map((trainLoss, epoch) => {
    const rate = history.learning_rate?.[epoch]
    return {
      epoch,
      train_loss: trainLoss,
      train_accuracy: history.train_accuracy[epoch] ?? Number.NaN,
      val_loss: history.val_loss?.[epoch] ?? null,
      val_accuracy: history.val_accuracy?.[epoch] ?? null,
      ...(rate === undefined ? {} : { learning_rate: rate }),
    }
  })
}

/** `ktrdr-train train …`. */
export const trainCommand: CommandModule<object, TrainArgs> = {
  command: 'train',
  describe: 'Train one strategy through one execution path and report weights digest, metrics and timings',
  builder: (y) =>
    y
      .option('path', { choices: PATHS, demandOption: true, describe: 'execution path' })
      .option('strategy', { type: 'string', demandOption: true, describe: 'strategy YAML file' })
      .option('data-dir', { type: 'string', demandOption: true, describe: 'directory of <SYMBOL>_<TF>.csv files' })
      .option('symbols', { type: 'string', demandOption: true, describe: 'comma-separated symbols, e.g. AAPL,MSFT' })
      .option('timeframes', { type: 'string', demandOption: true, describe: 'comma-separated timeframes, e.g. 1h,4h' })
      .option('start', { type: 'string', describe: 'start date (default 2020-01-01, the old runner’s)' })
      .option('end', { type: 'string', describe: 'end date (default today, UTC)' })
      .option('seed', { type: 'number', demandOption: true, describe: 'seed of the run’s single random generator' })
      .option('epochs', { type: 'number', describe: 'override model.training.epochs' })
      .option('models-dir', { type: 'string', demandOption: true, describe: 'model store base directory' })
      .option('device', {
        type: 'string',
        default: 'auto',
        describe: `training device: auto, ${DEVICE_ORDER.join(', ')}`,
      })
      .option('host-url', { type: 'string', describe: 'base URL of the training host (host_old / host_new)' })
      .option('ktrdr-src', KTRDR_SRC_OPTION)
      .option('json', { type: 'boolean', default: false, describe: 'print one JSON object on stdout' }),
  handler: async (args) => {
    if (!Number.isInteger(args.seed)) throw new UsageError(`--seed must be an integer, got ${args.seed}`)
    if (args.epochs !== undefined && !(Number.isInteger(args.epochs) && args.epochs >= 1)) {
      throw new UsageError(`--epochs must be a positive integer, got ${args.epochs}`)
    }
    const device = args.device as DeviceName | 'auto'
    if (device !== 'auto' && !(DEVICE_ORDER as readonly string[]).includes(device)) {
      throw new UsageError(`--device must be auto or one of ${DEVICE_ORDER.join(', ')}, got ${args.device}`)
    }
    const result = await runTrain({
      path: args.path,
      strategyPath: resolve(args.strategy),
      dataDir: resolve(args['data-dir']),
      symbols: listOption(args.symbols, '--symbols'),
      timeframes: listOption(args.timeframes, '--timeframes'),
      startDate: args.start ?? null,
      endDate: args.end ?? null,
      seed: args.seed,
      epochs: args.epochs,
      modelsDir: resolve(args['models-dir']),
      device,
      hostUrl: args['host-url'] ?? null,
      ktrdrSrc: args['ktrdr-src'] ?? null,
      progress: (line) => process.stderr.write(`${line}\n`),
    })
    if (args.json) process.stdout.write(`${JSON.stringify(result)}\n`)
    else {
      const m = result.metrics
      process.stdout.write(
        `${result.path} on ${result.device}: test_accuracy=${m.test_accuracy.toFixed(4)} f1=${m.f1_score.toFixed(4)} ` +
          `weights_sha256=${result.weights_sha256 ?? '-'} model=${result.model_path ?? '-'}\n`,
      )
    }
  },
}
