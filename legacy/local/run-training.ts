/**
 * Entry point of the old local training path (docs/legacy-behaviour.md §1.2): reads the strategy the old way, builds the
 * operation context, and runs LocalTrainingRunner → StrategyTrainer (per-symbol stages from
 * `runLegacySymbolStages`, CSVs at `<dataDir>/<SYMBOL>_<TF>.csv`) → ModelStorage → `from_local_run`, with one seeded
 * generator for every random draw and an injected clock. Returns what the equivalence harness probes.
 */
import { join } from 'node:path'
import type { TrainingProbes } from '../../reference/runtime/probes.ts'
import { SeededRng } from '../../reference/runtime/rng.ts'
import { weightsSha256, type TrainingRuntime } from '../../reference/runtime/training-runtime.ts'
import { readLegacyStrategy } from './strategy-file.ts'
import { runLegacySymbolStages } from './symbol-stages.ts'
import type { LegacyCancellationToken } from './trainer/cancellation.ts'
import { isDict, type ConfigDict } from './trainer/config-dict.ts'
import { LocalTrainingRunner } from './trainer/local-runner.ts'
import { ModelStorage } from './trainer/model-storage.ts'
import { TrainingProgressBridge, type LegacyProgressUpdate } from './trainer/progress-bridge.ts'
import type { AggregatedLocalResult } from './trainer/result-aggregator.ts'
import { trainMultiSymbolStrategy, type LegacyRawResult } from './trainer/strategy-trainer.ts'
import { buildTrainingContext } from './trainer/training-context.ts'

/** Arguments of {@link runLegacyLocalTraining}. */
export interface LegacyTrainingArgs {
  readonly strategyPath: string
  /** Folder of `<SYMBOL>_<TF>.csv` files. */
  readonly dataDir: string
  readonly symbols: readonly string[]
  readonly timeframes: readonly string[]
  /** @default "2020-01-01" (the old runner's default) */
  readonly startDate?: string | null
  /** @default the clock's UTC date, YYYY-MM-DD (the old `utcnow()` default) */
  readonly endDate?: string | null
  readonly seed: number
  /** Replaces `model.training.epochs` (also in the saved config.json); the harness's quick profile uses it. */
  readonly epochs?: number
  /** The models base directory (created if missing, not its parents, as the old ModelStorage did). */
  readonly modelsDir: string
  readonly runtime: TrainingRuntime
  /** @default () => new Date() */
  readonly clock?: () => Date
  readonly onProgress?: (update: LegacyProgressUpdate) => void
  readonly cancellationToken?: LegacyCancellationToken
  /** Where the old `print()` warnings (swallowed callback failures) go. @default process.stderr */
  readonly log?: (line: string) => void
}

/** What one legacy local run produces. */
export interface LegacyTrainingOutcome {
  /** The old raw result dict of `train_multi_symbol_strategy`. */
  readonly raw: LegacyRawResult
  /** `from_local_run(context, raw)`. */
  readonly aggregated: AggregatedLocalResult
  readonly probes: TrainingProbes
  readonly weightsSha256: string
  /** The training runtime's name. */
  readonly device: string
  /** 0-based epoch at which early stopping ended training; null when it ran every epoch. */
  readonly stoppedEpoch: number | null
  /** Wall time per stage in milliseconds (`symbol_stages`, `combine`, `split`, `training`, …, `total`). */
  readonly timings: Readonly<Record<string, number>>
  /** Every update the progress bridge emitted, in order. */
  readonly progress: readonly LegacyProgressUpdate[]
}

/** The loaded document with `model.training.epochs` replaced (when both sections are mappings). */
function withEpochs(raw: Readonly<Record<string, unknown>>, epochs: number | undefined): ConfigDict {
  const config = structuredClone(raw) as ConfigDict
  if (epochs === undefined) return config
  if (!Number.isInteger(epochs) || epochs < 0) throw new Error(`epochs override must be an integer ≥ 0, got ${epochs}`)
  const model = config.model
  if (isDict(model) && isDict(model.training)) model.training.epochs = epochs
  return config
}

/**
 * Trains one strategy through the old local path.
 * @throws CancellationError when the token is cancelled (no "cancelled" phase is emitted: the old double exception)
 */
export async function runLegacyLocalTraining(args: LegacyTrainingArgs): Promise<LegacyTrainingOutcome> {
  const started = performance.now()
  const clock = args.clock ?? (() => new Date())
  const log = args.log ?? ((line: string) => process.stderr.write(`${line}\n`))
  const token = args.cancellationToken ?? null
  const strategy = readLegacyStrategy(args.strategyPath)
  const config = withEpochs(strategy.raw, args.epochs)
  const context = buildTrainingContext({
    operationId: null,
    strategyPath: args.strategyPath,
    config,
    symbols: args.symbols,
    timeframes: args.timeframes,
    startDate: args.startDate ?? null,
    endDate: args.endDate ?? null,
  })
  const progress: LegacyProgressUpdate[] = []
  const bridge = new TrainingProgressBridge({
    context,
    cancellationToken: token,
    onUpdate: (update) => {
      progress.push(update)
      args.onProgress?.(update)
    },
  })
  const rng = new SeededRng(args.seed)
  const storage = new ModelStorage(args.modelsDir, clock)
  const timings: Record<string, number> = {}
  const runner = new LocalTrainingRunner({
    context,
    bridge,
    cancellationToken: token,
    clock,
    trainer: (request) =>
      trainMultiSymbolStrategy(
        { ...request, config, configSource: args.strategyPath },
        {
          runtime: args.runtime,
          rng,
          clock,
          storage,
          log,
          timings,
          symbolStages: (symbol, startDate, endDate) =>
            runLegacySymbolStages({
              strategyPath: args.strategyPath,
              symbol,
              csvFiles: Object.fromEntries(
                args.timeframes.map((tf) => [tf, join(args.dataDir, `${symbol}_${tf}.csv`)]),
              ),
              startDate,
              endDate,
              clock,
            }),
        },
      ),
  })
  const { aggregated, training } = await runner.run()
  timings.total = performance.now() - started
  return {
    raw: training.raw,
    aggregated,
    probes: training.probes,
    weightsSha256: weightsSha256(training.finalWeights),
    device: args.runtime.name,
    stoppedEpoch: training.stoppedEpoch,
    timings,
    progress,
  }
}
