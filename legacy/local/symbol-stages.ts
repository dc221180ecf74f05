/**
 * The pre-model stages of the old local path for one symbol (docs/legacy-behaviour.md §1.2 steps 1–5): data, indicators
 * (+ mapping), fuzzy memberships, features and zigzag labels, each exported as its own stage and composed by
 * `runLegacySymbolStages` into the probes the harness compares.
 */
import type { ColumnSet, SymbolStageProbes } from '../../reference/runtime/probes.ts'
import { loadLegacyPriceData } from './data/price-loader.ts'
import { formatLegacyDate } from './data/timestamps.ts'
import { LegacyConfigurationError, LegacyProcessingError } from './engines/errors.ts'
import { type LegacyFeatureMatrix, prepareLegacyFeatures } from './engines/features.ts'
import type { LegacyFrame } from './engines/frame.ts'
import { fuzzifyLegacyMulti, fuzzifyLegacySingle } from './engines/fuzzy/fuzzify.ts'
import { parseLegacyFuzzySets } from './engines/fuzzy/membership.ts'
import { applyLegacyIndicators, buildLegacyIndicators, legacyIndicatorConfigs } from './engines/indicators/engine.ts'
import { legacyZigzagPivots, legacyZigzagSegmentLabels } from './engines/labels.ts'
import { legacyStrategyIndicatorNames, mapLegacyIndicators } from './engines/mapping.ts'
import { legacySortTimeframes, pythonSorted } from './engines/timeframes.ts'
import { type LegacyStrategy, legacyLabelConfig, legacyLookbackPeriods, readLegacyStrategy } from './strategy-file.ts'

/** The old runner's default start date when the request has none. */
export const LEGACY_DEFAULT_START_DATE = '2020-01-01'

/** Output of the indicator step for one symbol: engine frames and mapped frames per timeframe. */
export interface LegacyIndicatorStage {
  /** Engine output (price copy + indicator columns) per timeframe that computed. */
  readonly engine: Readonly<Record<string, LegacyFrame>>
  /** Mapped fuzzy inputs per timeframe (NaN → 0 for a single timeframe). */
  readonly mapped: Readonly<Record<string, LegacyFrame>>
}

/**
 * Step 1: the date range defaults of the old runner, then `_load_price_data` (docs/legacy-behaviour.md §1.2, §2.2).
 *
 * @param csvFiles - timeframe → CSV path in request order (first = base)
 * @param clock - injected "now" for the default end date (UTC date of `clock()`)
 */
export function loadLegacySymbolData(
  csvFiles: Readonly<Record<string, string>>,
  startDate: string | null | undefined,
  endDate: string | null | undefined,
  clock: () => Date = () => new Date(),
): Record<string, ColumnSet> {
  const start = startDate || LEGACY_DEFAULT_START_DATE
  const end = endDate || formatLegacyDate(clock().getTime())
  return loadLegacyPriceData(csvFiles, start, end)
}

/**
 * Step 2: `_calculate_indicators` — type inference, factory, engine and mapping (docs/legacy-behaviour.md §3.2).
 * One timeframe: failures propagate. Several: a timeframe whose indicators fail is dropped unless all fail.
 */
export function legacyIndicatorStage(
  strategy: LegacyStrategy,
  data: Readonly<Record<string, ColumnSet>>,
): LegacyIndicatorStage {
  const timeframes = Object.keys(data)
  const multi = timeframes.length > 1
  const configs = legacyIndicatorConfigs(strategy.indicators, multi, strategy.path)
  const indicators = configs.length > 0 ? buildLegacyIndicators(configs) : []
  const names = (): string[] => legacyStrategyIndicatorNames(strategy.indicators as unknown[], strategy.path)
  if (!multi) {
    const timeframe = timeframes[0]
    const engine = applyLegacyIndicators(indicators, data[timeframe])
    return {
      engine: { [timeframe]: engine },
      mapped: { [timeframe]: mapLegacyIndicators(data[timeframe], engine, names(), true) },
    }
  }
  if (configs.length === 0) {
    throw new LegacyConfigurationError('MTIND-NoConfigs', `${strategy.path}: Empty indicator configurations provided`)
  }
  const engine: Record<string, LegacyFrame> = {}
  const failures: string[] = []
  for (const timeframe of timeframes) {
    try {
      engine[timeframe] = applyLegacyIndicators(indicators, data[timeframe])
    } catch (error) {
      failures.push(`${timeframe}: ${(error as Error).message}`)
    }
  }
  if (Object.keys(engine).length === 0) {
    throw new LegacyProcessingError(
      'MTIND-AllTimeframesFailed',
      `Failed to process indicators for any timeframe: ${failures.join('; ')}`,
    )
  }
  const mapped: Record<string, LegacyFrame> = {}
  for (const timeframe of Object.keys(engine)) {
    mapped[timeframe] = mapLegacyIndicators(data[timeframe], engine[timeframe], names(), false)
  }
  return { engine, mapped }
}

/** Step 3: `_generate_fuzzy_memberships` (docs/legacy-behaviour.md §4.2). */
export function legacyFuzzyStage(
  strategy: LegacyStrategy,
  mapped: Readonly<Record<string, LegacyFrame>>,
): Record<string, LegacyFrame> {
  const config = parseLegacyFuzzySets(strategy.fuzzySets, strategy.path)
  const timeframes = Object.keys(mapped)
  if (timeframes.length === 1) return { [timeframes[0]]: fuzzifyLegacySingle(mapped[timeframes[0]], config) }
  return fuzzifyLegacyMulti(mapped, config, strategy.path)
}

/** Step 4: `_engineer_features` through the FuzzyNeuralProcessor (docs/legacy-behaviour.md §4.3). */
export function legacyFeatureStage(
  strategy: LegacyStrategy,
  fuzzy: Readonly<Record<string, LegacyFrame>>,
): LegacyFeatureMatrix {
  return prepareLegacyFeatures(fuzzy, legacyLookbackPeriods(strategy))
}

/**
 * Step 5: `_generate_labels` — zigzag segment labels on the base close: the only timeframe, or the
 * highest-frequency one of `sorted(keys)` ordered by minutes (docs/legacy-behaviour.md §5.1).
 */
export function legacyLabelStage(strategy: LegacyStrategy, data: Readonly<Record<string, ColumnSet>>): Int32Array {
  const { close, threshold } = labelInputs(strategy, data)
  return legacyZigzagSegmentLabels(close, threshold)
}

function labelInputs(
  strategy: LegacyStrategy,
  data: Readonly<Record<string, ColumnSet>>,
): { close: Float64Array; threshold: number } {
  const timeframes = Object.keys(data)
  const base = timeframes.length === 1 ? timeframes[0] : legacySortTimeframes(pythonSorted(timeframes))[0]
  const frame = data[base]
  return { close: frame.columns[frame.names.indexOf('close')], threshold: legacyLabelConfig(strategy).zigzagThreshold }
}

/** The zigzag pivot bars behind the labels (indices where the old indicator kept a pivot price). */
export function legacyPivotStage(strategy: LegacyStrategy, data: Readonly<Record<string, ColumnSet>>): Int32Array {
  const { close, threshold } = labelInputs(strategy, data)
  const prices = legacyZigzagPivots(close, threshold)
  const pivots: number[] = []
  prices.forEach((p, i) => {
    if (!Number.isNaN(p)) pivots.push(i)
  })
  return Int32Array.from(pivots)
}

function indicatorColumns(price: ColumnSet, engine: LegacyFrame): ColumnSet {
  return engine.toColumnSet(engine.names.filter((name) => !price.names.includes(name)))
}

function mapValues<T, U>(record: Readonly<Record<string, T>>, f: (value: T, key: string) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, f(value, key)]))
}

/** Arguments of {@link runLegacySymbolStages}. */
export interface LegacySymbolStageArgs {
  readonly strategyPath: string
  readonly symbol: string
  /** timeframe → CSV path, in request order (the first is the base timeframe). */
  readonly csvFiles: Readonly<Record<string, string>>
  /** Inclusive start; null/absent → "2020-01-01". */
  readonly startDate?: string | null
  /** Inclusive end; null/absent → the UTC date of `clock()`. */
  readonly endDate?: string | null
  /** Injected clock for the default end date. */
  readonly clock?: () => Date
}

/**
 * Runs steps 1–5 of the old local trainer for one symbol and returns every stage's output.
 *
 * @remarks Follows docs/legacy-behaviour.md §1.2, §2.2, §3.2–3.3, §4.1–4.3 and §5.1, quirks included (see legacy/README.md).
 */
export function runLegacySymbolStages(args: LegacySymbolStageArgs): SymbolStageProbes {
  const strategy = readLegacyStrategy(args.strategyPath)
  const data = loadLegacySymbolData(args.csvFiles, args.startDate, args.endDate, args.clock)
  const { engine, mapped } = legacyIndicatorStage(strategy, data)
  const fuzzy = legacyFuzzyStage(strategy, mapped)
  const features = legacyFeatureStage(strategy, fuzzy)
  const labels = legacyLabelStage(strategy, data)
  const pivots = legacyPivotStage(strategy, data)
  return {
    symbol: args.symbol,
    data,
    indicators: mapValues(engine, (frame, tf) => indicatorColumns(data[tf], frame)),
    mapped: mapValues(mapped, (frame) => frame.toColumnSet()),
    fuzzy: mapValues(fuzzy, (frame) => frame.toColumnSet()),
    features: { timestamps: features.timestamps, names: features.names, values: features.values },
    labels,
    pivots,
  }
}
