/**
 * `POST /training/start` bodies. The old one is what the old backend's `TrainingAdapter` sent
 * (docs/legacy-behaviour.md §9.3): the strategy as a backend-side path, `training_configuration` = validation_split,
 * dates and data_mode with every key of the strategy's `model.training` merged over them. The new one carries
 * the strategy's YAML text instead of a path, and the seed; the new host accepts both shapes.
 */
import type { StrategyConfig } from '../../strategy/types.ts'

/** What both bodies are built from. */
export interface StartBodyInput {
  readonly symbols: readonly string[]
  readonly timeframes: readonly string[]
  /** @default '2020-01-01' (the old backend's default) */
  readonly startDate?: string
  /** @default today, UTC (the old backend's `datetime.now(UTC)`) */
  readonly endDate?: string
  readonly seed: number
  /** Overrides the strategy's epochs. */
  readonly epochs?: number
}

/** The old backend's start-date default. */
export const OLD_BACKEND_START_DATE = '2020-01-01'

/** The dates the old backend's `HostSessionManager.start_session` sent. */
export function defaultedDates(input: StartBodyInput, now: Date = new Date()): { start: string; end: string } {
  return { start: input.startDate ?? OLD_BACKEND_START_DATE, end: input.endDate ?? now.toISOString().slice(0, 10) }
}

/** `model_configuration` of both bodies; they differ only in how the strategy travels (first key). */
function modelConfiguration(
  strategy: { readonly strategy_config: string } | { readonly strategy_yaml: string },
  input: StartBodyInput,
): Record<string, unknown> {
  return {
    ...strategy,
    symbols: [...input.symbols],
    timeframes: [...input.timeframes],
    model_type: 'mlp',
    multi_symbol: input.symbols.length > 1,
  }
}

/**
 * The old backend's body, plus `seed` in `training_configuration` (the legacy host seeds its noise from it).
 *
 * @param strategyPath - sent as `model_configuration.strategy_config` (the old host never opens it)
 */
export function oldStartBody(
  strategy: StrategyConfig,
  strategyPath: string,
  input: StartBodyInput,
): Record<string, unknown> {
  const { start, end } = defaultedDates(input)
  const model = strategy.raw.model as { training?: Record<string, unknown> } | undefined
  const training = model?.training ?? {}
  return {
    model_configuration: modelConfiguration({ strategy_config: strategyPath }, input),
    training_configuration: {
      validation_split: training.validation_split ?? 0.2,
      start_date: start,
      end_date: end,
      data_mode: training.data_mode ?? 'local',
      ...training,
      seed: input.seed,
      ...(input.epochs === undefined ? {} : { epochs: input.epochs }),
    },
    data_configuration: {
      symbols: [...input.symbols],
      timeframes: [...input.timeframes],
      data_source: training.data_mode ?? 'local',
    },
    gpu_configuration: { enable_gpu: true, memory_fraction: 0.8, mixed_precision: true },
  }
}

/** The new body: the strategy YAML text travels with the request. */
export function newStartBody(strategyYaml: string, input: StartBodyInput): Record<string, unknown> {
  const { start, end } = defaultedDates(input)
  return {
    model_configuration: modelConfiguration({ strategy_yaml: strategyYaml }, input),
    training_configuration: {
      start_date: start,
      end_date: end,
      seed: input.seed,
      ...(input.epochs === undefined ? {} : { epochs: input.epochs }),
    },
    data_configuration: { symbols: [...input.symbols], timeframes: [...input.timeframes], data_source: 'local' },
  }
}
