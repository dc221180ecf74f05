/**
 * `runTrain`: one training run through one execution path, as the `train` command runs it — `local_old` the
 * legacy port of the old local runner, `local_new` the refactored system through `LocalTrainingOrchestrator`,
 * `host_old` / `host_new` a training host over HTTP, `ktrdr_py` KTRDR's own code (harness/oracle) — resolving to
 * the path's {@link TrainJson}. Each path is one
 * entry of {@link TRAIN_RUNNERS}; the matrix's path adapters (harness/paths) train through the same functions.
 */
import { trainViaHost } from '../../reference/host-service/client/train-via-host.ts'
import type { EpochProgress } from '../../reference/model/train-loop.ts'
import { UsageError } from '../errors.ts'
import { ktrdrPyTrainForCli } from '../oracle/cli.ts'
import { trainLocalNew } from '../paths/local-new.ts'
import { trainLocalOld } from '../paths/local-old.ts'
import { PATH_NAMES, type PathRunInput } from '../paths/types.ts'
import { epochLine, historyRecords, type EpochFigures, type TrainJson } from './train-json.ts'

/** The paths `train` runs: the four of the matrix and ktrdr_py. @public */
export const TRAIN_PATHS = [...PATH_NAMES, 'ktrdr_py'] as const
/** A path `train` runs. @public */
export type TrainPath = (typeof TRAIN_PATHS)[number]

/** What one run is asked for. @public */
export interface TrainOptions extends PathRunInput {
  readonly path: TrainPath
  /** Base URL of the host (host paths only). */
  readonly hostUrl: string | null
  /** The KTRDR checkout for `ktrdr_py` (null/absent → `KTRDR_SRC`). */
  readonly ktrdrSrc?: string | null
  /** Receives one line per epoch, and the legacy path's warnings. */
  readonly progress: (line: string) => void
}

/** Runs one path. */
export type TrainRunner = (options: TrainOptions) => Promise<TrainJson>

const trainNew: TrainRunner = async (options) => {
  const started = performance.now()
  const { result } = await trainLocalNew(options, {
    onProgress(update) {
      if (update.kind !== 'epoch') return
      const p = update.metrics as EpochProgress
      options.progress(epochLine(p, p.total_epochs))
    },
  })
  return {
    path: 'local_new',
    device: result.device,
    seed: options.seed,
    model_path: result.model_path,
    model: result.model,
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

const trainOld: TrainRunner = async (options) => {
  let lastEpoch = -1
  const { outcome } = await trainLocalOld(options, {
    onProgress(update) {
      const metrics = update.context.epoch_metrics as EpochFigures | undefined
      const total = update.context.total_epochs
      if (update.phase !== 'epoch' || !metrics || metrics.epoch === lastEpoch) return
      lastEpoch = metrics.epoch
      options.progress(epochLine(metrics, typeof total === 'number' ? total : 0))
    },
    log: options.progress,
  })
  return {
    path: 'local_old',
    device: outcome.device,
    seed: options.seed,
    model_path: outcome.raw.model_path,
    model: null,
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

const trainHost =
  (impl: 'old' | 'new'): TrainRunner =>
  async (options) => {
    if (options.hostUrl === null) throw new UsageError(`--path ${options.path} needs --host-url`)
    let lastEpoch = -1
    const json = await trainViaHost({
      hostUrl: options.hostUrl,
      impl,
      strategyPath: options.strategyPath,
      symbols: options.symbols,
      timeframes: options.timeframes,
      ...(options.startDate === null ? {} : { startDate: options.startDate }),
      ...(options.endDate === null ? {} : { endDate: options.endDate }),
      seed: options.seed,
      ...(options.epochs === null ? {} : { epochs: options.epochs }),
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

const trainKtrdrPy: TrainRunner = async (options) => ({
  ...(await ktrdrPyTrainForCli({ ...options, epochs: options.epochs ?? undefined }, options.progress)),
  model: null,
  // KTRDR's result does not say whether early stopping ended training (it only printed a line)
  stopped_early: null,
  stopped_epoch: null,
})

/** The runner of each path: adding a path means adding its entry here. */
export const TRAIN_RUNNERS: Readonly<Record<TrainPath, TrainRunner>> = {
  local_old: trainOld,
  local_new: trainNew,
  host_old: trainHost('old'),
  host_new: trainHost('new'),
  ktrdr_py: trainKtrdrPy,
}

/**
 * Runs one training as `options.path` and resolves to its JSON.
 *
 * @throws UsageError for a host path without `hostUrl`; the path's own errors otherwise
 * @public
 */
export function runTrain(options: TrainOptions): Promise<TrainJson> {
  return TRAIN_RUNNERS[options.path](options)
}
