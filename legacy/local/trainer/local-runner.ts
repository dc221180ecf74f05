/**
 * The old `LocalTrainingRunner` (docs/legacy-behaviour.md §1.2, §9.1): phase `initializing`, a cancellation check, then
 * (the `asyncio.to_thread` hop) phase `data_preparation`, another check, the StrategyTrainer with the old date and
 * split defaults, `from_local_run`, and `on_complete`. On cancellation it calls `on_phase("cancelled")`, which
 * raises again because the token is set — so the "cancelled" phase is never emitted (the double-exception quirk).
 */
import { CancellationError, raiseIfCancelled, type LegacyCancellationToken } from './cancellation.ts'
import { ConfigFieldError, dictGet } from './config-dict.ts'
import type { BatchProgressMetrics, EpochProgressMetrics, TrainerProgressCallback } from './model-trainer.ts'
import type { TrainingProgressBridge } from './progress-bridge.ts'
import { fromLocalRun, type AggregatedLocalResult } from './result-aggregator.ts'
import type { StrategyTrainingRequest, StrategyTrainingResult } from './strategy-trainer.ts'
import type { LegacyTrainingContext } from './training-context.ts'

/** The trainer call the runner makes (`StrategyTrainer().train_multi_symbol_strategy`), config already bound. */
export type StrategyTrainerCall = (
  request: Omit<StrategyTrainingRequest, 'config' | 'configSource'>,
) => StrategyTrainingResult

/** Constructor arguments of {@link LocalTrainingRunner}. */
export interface LocalTrainingRunnerOptions {
  readonly context: LegacyTrainingContext
  readonly bridge: TrainingProgressBridge
  readonly cancellationToken: LegacyCancellationToken | null
  readonly trainer: StrategyTrainerCall
  /** For the default end date (`utcnow().strftime("%Y-%m-%d")`). */
  readonly clock: () => Date
}

/** The runner's outcome: the aggregated result plus everything the trainer returned. */
export interface LocalRunOutcome {
  readonly aggregated: AggregatedLocalResult
  readonly training: StrategyTrainingResult
}

/** Runs the old local flow with progress and cancellation. */
export class LocalTrainingRunner {
  constructor(private readonly options: LocalTrainingRunnerOptions) {}

  private raiseIfCancelled(): void {
    raiseIfCancelled(this.options.cancellationToken, 'Training operation cancelled')
  }

  /** `run()`: rejects with CancellationError when cancelled (never emitting a "cancelled" phase). */
  async run(): Promise<LocalRunOutcome> {
    const { bridge, context } = this.options
    bridge.onPhase('initializing', 'Preparing training environment')
    this.raiseIfCancelled()
    let training: StrategyTrainingResult
    try {
      await new Promise<void>((resolve) => setImmediate(resolve))
      training = this.executeTraining()
    } catch (error) {
      if (error instanceof CancellationError) bridge.onPhase('cancelled', 'Training cancelled')
      throw error
    }
    const aggregated = fromLocalRun(context, training.raw)
    bridge.onComplete()
    return { aggregated, training }
  }

  private executeTraining(): StrategyTrainingResult {
    const { bridge, context, clock } = this.options
    bridge.onPhase('data_preparation', 'Loading market data')
    this.raiseIfCancelled()
    const validationSplit = dictGet(context.training_config, 'validation_split', 0.2)
    if (typeof validationSplit !== 'number') {
      throw new ConfigFieldError(
        `${context.strategy_path}: strategy field model.training.validation_split must be a number`,
      )
    }
    return this.options.trainer({
      symbols: context.symbols,
      timeframes: context.timeframes,
      startDate: context.start_date || '2020-01-01',
      endDate: context.end_date || clock().toISOString().slice(0, 10),
      validationSplit,
      progressCallback: this.buildProgressCallback(),
      cancellationToken: this.options.cancellationToken,
    })
  }

  /** Routes trainer callbacks by `progress_type`, after a cancellation check. */
  private buildProgressCallback(): TrainerProgressCallback {
    const { bridge } = this.options
    return (epoch: number, totalEpochs: number, metrics: BatchProgressMetrics | EpochProgressMetrics) => {
      this.raiseIfCancelled()
      if (metrics.progress_type === 'batch') {
        bridge.onBatch(epoch, metrics.batch, metrics.total_batches_per_epoch, { ...metrics })
      } else {
        bridge.onEpoch(epoch, totalEpochs, { ...metrics })
      }
    }
  }
}
