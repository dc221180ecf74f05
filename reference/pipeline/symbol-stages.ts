/**
 * The pre-model stages of one symbol, composed (DESIGN.md §4): indicators → mapping → fuzzy → features → labels,
 * with one warning per kept quirk that changes this strategy's outcome. Returns the stage probes the harness
 * compares against `legacy/local`.
 */
import type { OhlcvFrame } from '../data/types.ts'
import { createFeatures } from '../features/engine.ts'
import { baseTimeframe } from '../features/timeframe-order.ts'
import { generateFuzzyMemberships } from '../fuzzy/engine.ts'
import { calculateIndicators, mapIndicators } from '../indicators/engine.ts'
import { priceColumnSet } from '../indicators/_shared/price-columns.ts'
import type { IndicatorImpl, IndicatorType } from '../indicators/types.ts'
import { segmentLabels, zigzagPivots } from '../labels/zigzag.ts'
import { detectQuirkEffects } from '../quirks/detect.ts'
import type { ColumnSet, SymbolStageProbes } from '../runtime/probes.ts'
import type { StrategyConfig } from '../strategy/types.ts'

/** @public */
export interface SymbolStagesInput {
  readonly strategy: StrategyConfig
  readonly symbol: string
  /** Loaded, date-filtered frames keyed by timeframe in request order (`loadMarketData`). */
  readonly frames: Readonly<Record<string, OhlcvFrame>>
  /** Receives one line per quirk effect and per substituted indicator. @default ignore */
  readonly warn?: (message: string) => void
  /** Indicator implementations replacing the defaults (planted-fault canaries). */
  readonly indicatorImplementations?: Partial<Record<IndicatorType, IndicatorImpl>>
}

/**
 * Runs the pre-model stages of the old local path on one symbol (ktrdr-behaviour.md §3–§5.1). Labels come from the
 * base timeframe's closes (the highest-frequency timeframe, §5.1), one per feature row.
 *
 * @throws IndicatorError, FuzzyError, AlignmentError or LabelError from the stages
 * @public
 */
export function computeSymbolStages(input: SymbolStagesInput): SymbolStageProbes {
  const { strategy, symbol, frames } = input
  const warn = input.warn ?? (() => {})
  const timeframes = Object.keys(frames)
  const multiTimeframe = timeframes.length > 1
  for (const effect of detectQuirkEffects(strategy, timeframes)) warn(effect.message)
  const indicators = calculateIndicators(frames, strategy, {
    warn,
    ...(input.indicatorImplementations ? { implementations: input.indicatorImplementations } : {}),
  })
  const mapped = mapIndicators(frames, indicators, strategy, multiTimeframe)
  const fuzzy = generateFuzzyMemberships(mapped, strategy, multiTimeframe)
  const features = createFeatures(fuzzy, strategy, timeframes)
  const baseClose = frames[baseTimeframe(timeframes)]!.close
  const pivots = zigzagPivots(baseClose, strategy.labels.zigzagThreshold)
  const labels = segmentLabels(baseClose, pivots)
  const data: Record<string, ColumnSet> = {}
  for (const [tf, frame] of Object.entries(frames)) data[tf] = priceColumnSet(frame)
  return {
    symbol,
    data,
    indicators,
    mapped,
    fuzzy,
    features: { timestamps: features.timestamps, names: features.names, values: features.values },
    labels,
    pivots: pivots.filter((p) => !Number.isNaN(baseClose[p]!)),
  }
}
