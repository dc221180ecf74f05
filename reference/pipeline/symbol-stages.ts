/**
 * The pre-model stages of one symbol, composed (docs/architecture.md §4): indicators → mapping → fuzzy → features → labels,
 * with one warning per kept quirk that changes this strategy's outcome. Returns the stage probes the harness
 * compares against `legacy/local`. The stages are the pipeline's own (`TrainingPipeline`), packed by
 * `symbolStageProbes`, so this is the same chain `runTrainingPipeline` runs, one symbol at a time.
 */
import type { OhlcvFrame } from '../data/types.ts'
import type { IndicatorImpl, IndicatorType } from '../indicators/types.ts'
import { detectQuirkEffects } from '../quirks/detect.ts'
import type { SymbolStageProbes } from '../runtime/probes.ts'
import type { StrategyConfig } from '../strategy/types.ts'
import { symbolStageProbes } from './stage-probes.ts'
import { TrainingPipeline } from './stages.ts'

export interface SymbolStagesInput {
  readonly strategy: StrategyConfig
  readonly symbol: string
  /** Loaded, date-filtered frames keyed by timeframe in request order (`loadMarketData`). */
  readonly frames: Readonly<Record<string, OhlcvFrame>>
  /** Receives one line per quirk effect and per substituted indicator. @default ignore */
  readonly warn?: (message: string) => void
  /** Indicator implementations replacing the classes of some types (planted-fault canaries). */
  readonly indicatorImplementations?: Partial<Record<IndicatorType, IndicatorImpl>>
}

/**
 * Runs the pre-model stages of the old local path on one symbol (docs/legacy-behaviour.md §3–§5.1). Labels come from the
 * base timeframe's closes (the highest-frequency timeframe, §5.1), one per feature row.
 *
 * @throws IndicatorError, FuzzyError, AlignmentError or LabelError from the stages
 */
export function computeSymbolStages(input: SymbolStagesInput): SymbolStageProbes {
  const { strategy, symbol, frames } = input
  const warn = input.warn ?? (() => {})
  const timeframes = Object.keys(frames)
  for (const effect of detectQuirkEffects(strategy, timeframes)) warn(effect.message)
  const stages = TrainingPipeline
  const indicators = stages.calculateIndicators(frames, strategy, warn, input.indicatorImplementations)
  const fuzzy = stages.generateFuzzyMemberships(indicators.mapped, strategy, timeframes.length > 1)
  const features = stages.createFeatures(fuzzy, strategy, timeframes)
  const labels = stages.createLabels(frames, strategy)
  return symbolStageProbes({ symbol, frames, indicators, fuzzy, features, labels })
}
