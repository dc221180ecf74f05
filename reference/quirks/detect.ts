/**
 * Which kept quirks change an outcome for one strategy and run shape (docs/architecture.md §3.3): a requested `period: 21`
 * that becomes 14, an indicator the old factory drops, an `atr` in a multi-timeframe run, a fuzzy key that never
 * finds its column, a fuzzy set that gives warm-up rows a non-zero membership of 0, a key that sets nothing
 * (`strategy-keys.ts`), a training option read the old way (`training-options.ts`), …. The pipeline turns each
 * effect into one warning naming the quirk id.
 */
import { baseIndicatorName } from '../fuzzy/base-name.ts'
import { evaluateMembership } from '../fuzzy/membership.ts'
import { resolveIndicators, type IndicatorResolution } from '../indicators/resolve.ts'
import type { IndicatorType } from '../indicators/types.ts'
import type { StrategyConfig } from '../strategy/types.ts'
import type { QuirkId } from './registry.ts'
import { strategyKeyEffects } from './strategy-keys.ts'
import { trainingOptionEffects } from './training-options.ts'

/** One quirk that changes this strategy's outcome, with a sentence saying how. */
export interface QuirkEffect {
  readonly id: QuirkId
  readonly message: string
}

/**
 * The class defaults of the types the old strategies name, by the YAML key that would have set them (§3.3): what
 * an entry without `params:` runs with.
 */
const CLASS_DEFAULTS: Partial<Record<IndicatorType, Readonly<Record<string, number | string | boolean>>>> = {
  RSI: { period: 14, source: 'close' },
  SMA: { period: 20, source: 'close' },
  EMA: { period: 20, source: 'close', adjust: true },
  MACD: { fast_period: 12, slow_period: 26, signal_period: 9, source: 'close' },
  ATR: { period: 14 },
  BollingerBands: { period: 20, multiplier: 2, source: 'close' },
  Stochastic: { k_period: 14, d_period: 3, smooth_k: 3 },
  ADX: { period: 14 },
}

const PRICE_COLUMNS = new Set(['open', 'high', 'low', 'close', 'volume'])

/**
 * The quirk effects for `strategy` trained on `timeframes` (more than one = multi-timeframe), at most one entry
 * per quirk id, in registry order of discovery.
 */
export function detectQuirkEffects(strategy: StrategyConfig, timeframes: readonly string[]): QuirkEffect[] {
  const multiTimeframe = timeframes.length > 1
  const resolved = resolveIndicators(strategy.indicators, multiTimeframe)
  const effects: QuirkEffect[] = []
  const add = (id: QuirkId, details: string[]): void => {
    if (details.length > 0) effects.push({ id, message: `${id}: ${details.join('; ')}` })
  }
  add('Q-INDICATOR-PARAMS-DROPPED', resolved.flatMap(droppedParameters))
  const atrDropped = (r: IndicatorResolution): boolean =>
    multiTimeframe && r.status === 'dropped' && r.spec.type === null && r.spec.name.toLowerCase() === 'atr'
  add(
    'Q-INDICATOR-UNKNOWN-DROPPED',
    resolved.flatMap((r) =>
      r.status === 'dropped' && !atrDropped(r) ? [`indicator '${r.spec.name}' ${r.reason} and is not computed`] : [],
    ),
  )
  add(
    'Q-ATR-SINGLE-TIMEFRAME-ONLY',
    resolved.filter(atrDropped).map((r) => `indicator '${r.spec.name}' is dropped in a multi-timeframe run`),
  )
  const computed = resolved.flatMap((r) => (r.status === 'computed' ? [r] : []))
  add(
    'Q-ICHIMOKU-NOT-DISPLACED',
    computed
      .filter((r) => r.type === 'Ichimoku')
      .map((r) => `indicator '${r.spec.name}': the Senkou spans and Chikou are not shifted by the displacement`),
  )
  add(
    'Q-ZIGZAG-EXTRA-PARAMS-IGNORED',
    computed
      .filter((r) => r.type === 'ZigZag')
      .flatMap((r) => Object.keys(r.spec.kwargs).filter((key) => key !== 'threshold' && key !== 'source'))
      .map((key) => `ZigZag parameter ${key} is accepted and ignored`),
  )
  add(
    'Q-SUPERTREND-NAN-BANDS',
    computed
      .filter((r) => r.type === 'SuperTrend')
      .map((r) => `indicator '${r.spec.name}': SuperTrend and its bands are NaN on every bar, the direction always 1`),
  )
  const mappedNames = new Set(resolved.filter((r) => r.status === 'computed').map((r) => r.spec.name))
  add(
    'Q-FUZZY-KEY-UNMATCHED',
    strategy.fuzzySets
      .filter((f) => !mappedNames.has(f.indicator) && !PRICE_COLUMNS.has(f.indicator))
      .map((f) => `fuzzy sets of '${f.indicator}' have no indicator column and are skipped`),
  )
  if (multiTimeframe) {
    add(
      'Q-FUZZY-MULTI-TIMEFRAME-BASE-NAME',
      strategy.fuzzySets
        .filter((f) => mappedNames.has(f.indicator) && baseIndicatorName(f.indicator) !== f.indicator)
        .map((f) => `fuzzy key '${f.indicator}' never matches its column in a multi-timeframe run`),
    )
    add('Q-MTF-DOUBLE-PREFIX', ['feature names carry the timeframe twice (e.g. 1h_1h_…)'])
  } else {
    add(
      'Q-NAN-TO-ZERO-SINGLE-TIMEFRAME',
      strategy.fuzzySets
        .filter((f) => mappedNames.has(f.indicator))
        .flatMap((f) => f.sets.map((set) => ({ f, set, mu: evaluateMembership(set, Float64Array.of(0))[0]! })))
        .filter(({ mu }) => mu !== 0)
        .map(
          ({ f, set, mu }) =>
            `warm-up rows of '${f.indicator}' get ${f.indicator}_${set.name} = ${mu} (membership of 0)`,
        ),
    )
  }
  return [...effects, ...strategyKeyEffects(strategy), ...trainingOptionEffects(strategy)]
}

function droppedParameters(r: IndicatorResolution): string[] {
  if (r.status !== 'computed') return []
  const defaults = CLASS_DEFAULTS[r.type]
  if (defaults === undefined || Object.keys(r.spec.kwargs).length > 0) {
    return Object.entries(r.spec.params).map(
      ([key, value]) =>
        `indicator '${r.spec.name}' top-level ${key}: ${String(value)} is dropped (only a params: mapping reaches the class)`,
    )
  }
  return Object.entries(r.spec.params)
    .filter(([key, value]) => defaults[key] !== value)
    .map(([key, value]) =>
      key in defaults
        ? `indicator '${r.spec.name}' asks ${key}: ${String(value)} but runs with ${String(defaults[key])}`
        : `indicator '${r.spec.name}' parameter ${key}: ${String(value)} is ignored`,
    )
}
