/**
 * The fuzzy stage of the old local path (docs/legacy-behaviour.md §4.2): membership columns `<indicator>_<set>` for a
 * single timeframe, `<tf>_<indicator>_<set>` for several.
 */
import { OrderedColumns } from '../indicators/_shared/ordered-columns.ts'
import type { ColumnSet } from '../runtime/probes.ts'
import type { FuzzyIndicatorSpec, StrategyConfig } from '../strategy/types.ts'
import { baseIndicatorName } from './base-name.ts'
import { evaluateMembership } from './membership.ts'

const OHLCV = new Set(['open', 'high', 'low', 'close', 'volume'])

/** No strategy fuzzy key matches any mapped column of a multi-timeframe run. */
export class FuzzyError extends Error {
  override readonly name = 'FuzzyError'
}

/**
 * Fuzzifies the mapped indicator frames.
 *
 * Single timeframe: every mapped column (prices first, then strategy order) whose name is a `fuzzy_sets` key
 * gets one column per set, in YAML set order; keys without a column are skipped.
 *
 * Multi timeframe: only keys matched by some column (equal, or a case-insensitive prefix) take part; then for each
 * timeframe every non-OHLCV column whose base name (`baseIndicatorName`) is such a key is fuzzified and prefixed
 * `<tf>_`. A timeframe that yields no column is left out of the result, as the old engine did.
 *
 * @throws FuzzyError in a multi-timeframe run when no key matches any column, or no timeframe yields a column
 */
export function generateFuzzyMemberships(
  mapped: Readonly<Record<string, ColumnSet>>,
  strategy: StrategyConfig,
  multiTimeframe: boolean,
): Record<string, ColumnSet> {
  return multiTimeframe ? multiTimeframeMemberships(mapped, strategy) : singleTimeframeMemberships(mapped, strategy)
}

function singleTimeframeMemberships(
  mapped: Readonly<Record<string, ColumnSet>>,
  strategy: StrategyConfig,
): Record<string, ColumnSet> {
  const keys = new Map(strategy.fuzzySets.map((f) => [f.indicator, f]))
  const result: Record<string, ColumnSet> = {}
  for (const [timeframe, frame] of Object.entries(mapped)) {
    const out = new OrderedColumns()
    frame.names.forEach((name, i) => {
      const sets = keys.get(name)
      if (sets) addMemberships(out, '', sets, frame.columns[i]!)
    })
    result[timeframe] = out.toColumnSet(frame.timestamps)
  }
  return result
}

function multiTimeframeMemberships(
  mapped: Readonly<Record<string, ColumnSet>>,
  strategy: StrategyConfig,
): Record<string, ColumnSet> {
  const available = Object.values(mapped).flatMap((frame) => frame.names)
  const matched = strategy.fuzzySets.filter((f) =>
    available.some((column) => column === f.indicator || column.toLowerCase().startsWith(f.indicator.toLowerCase())),
  )
  if (matched.length === 0) {
    throw new FuzzyError(
      `${strategy.sourcePath}: no fuzzy set matches an indicator column (fuzzy keys: ${strategy.fuzzySets.map((f) => f.indicator).join(', ')})`,
    )
  }
  const keys = new Map(matched.map((f) => [f.indicator, f]))
  const result: Record<string, ColumnSet> = {}
  for (const [timeframe, frame] of Object.entries(mapped)) {
    const out = new OrderedColumns()
    frame.names.forEach((name, i) => {
      if (OHLCV.has(name.toLowerCase())) return
      const sets = keys.get(baseIndicatorName(name))
      if (sets) addMemberships(out, `${timeframe}_`, sets, frame.columns[i]!)
    })
    const columns = out.toColumnSet(frame.timestamps)
    if (columns.names.length > 0) result[timeframe] = columns
  }
  if (Object.keys(result).length === 0) {
    throw new FuzzyError(`${strategy.sourcePath}: no timeframe produced a fuzzy membership column`)
  }
  return result
}

function addMemberships(out: OrderedColumns, prefix: string, spec: FuzzyIndicatorSpec, values: Float64Array): void {
  for (const set of spec.sets) out.set(`${prefix}${spec.indicator}_${set.name}`, evaluateMembership(set, values))
}
