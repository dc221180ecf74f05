/**
 * The indicator stage of the old local path (docs/legacy-behaviour.md §3.2–§3.3): resolve each strategy indicator
 * the old way, build its class from `params:`, compute it on every timeframe, then map the results to one
 * fuzzy-input column per strategy indicator name.
 */
import type { OhlcvFrame } from '../data/types.ts'
import type { ColumnSet } from '../runtime/probes.ts'
import type { StrategyConfig } from '../strategy/types.ts'
import { OrderedColumns } from './_shared/ordered-columns.ts'
import { priceColumnSet } from './_shared/price-columns.ts'
import { IndicatorError } from './errors.ts'
import { resolveIndicators, type IndicatorResolution } from './resolve.ts'
import type { IndicatorImpl, IndicatorType } from './types.ts'

type ComputedIndicator = Extract<IndicatorResolution, { status: 'computed' }>

/** Options of the indicator stage. */
export interface CalculateIndicatorsOptions {
  /** Told once per substituted implementation. */
  readonly warn?: (message: string) => void
  /** Replacements for individual types (the harness's canaries), whatever their `params:`; the rest use their class. */
  readonly implementations?: Partial<Record<IndicatorType, IndicatorImpl>>
}

/**
 * Computes every resolvable strategy indicator on every timeframe. More than one frame means a multi-timeframe
 * run, which resolves names without the `atr` alias (§3.2.1). Unresolvable names are skipped, as the old factory
 * did (see `detectQuirkEffects`); in a multi-timeframe run a timeframe whose indicators fail is skipped (and
 * reported through `warn`) unless all fail, as the old multi-timeframe engine did.
 *
 * @returns per computed timeframe (in `frames` order), the indicator columns only, in strategy order
 * @throws IndicatorError when no indicator could be created (every name unknown or every class refusing its
 *   `params:`), or a timeframe has fewer bars than an indicator needs or a computation fails (single timeframe;
 *   every timeframe for several)
 */
export function calculateIndicators(
  frames: Readonly<Record<string, OhlcvFrame>>,
  strategy: StrategyConfig,
  options: CalculateIndicatorsOptions = {},
): Record<string, ColumnSet> {
  const multiTimeframe = Object.keys(frames).length > 1
  const resolved = resolveIndicators(strategy.indicators, multiTimeframe)
  const substitutes = options.implementations ?? {}
  for (const type of Object.keys(substitutes)) options.warn?.(`indicator ${type} uses a substituted implementation`)
  const computable = resolved.flatMap((r) => (r.status === 'computed' ? [r] : []))
  if (computable.length === 0 && resolved.length > 0) {
    const reasons = resolved.flatMap((r) => (r.status === 'dropped' ? [`'${r.spec.name}' ${r.reason}`] : []))
    throw new IndicatorError(`${strategy.sourcePath}: no indicator could be created (${reasons.join('; ')})`)
  }
  const result: Record<string, ColumnSet> = {}
  const failures: string[] = []
  for (const [timeframe, frame] of Object.entries(frames)) {
    try {
      result[timeframe] = computeTimeframe(frame, timeframe, computable, substitutes)
    } catch (error) {
      if (!multiTimeframe || !(error instanceof IndicatorError)) throw error
      failures.push(error.message)
      options.warn?.(`${error.message}; timeframe ${timeframe} skipped`)
    }
  }
  if (Object.keys(result).length === 0)
    throw new IndicatorError(`no timeframe could be computed: ${failures.join('; ')}`)
  return result
}

function computeTimeframe(
  frame: OhlcvFrame,
  timeframe: string,
  resolved: readonly ComputedIndicator[],
  substitutes: Partial<Record<IndicatorType, IndicatorImpl>>,
): ColumnSet {
  const prices = priceColumnSet(frame)
  const out = new OrderedColumns()
  const column = (name: string): Float64Array | undefined => {
    const at = prices.names.indexOf(name)
    return out.get(name) ?? (at >= 0 ? prices.columns[at] : undefined)
  }
  for (const r of resolved) {
    const impl = substitutes[r.type] ?? r.impl
    const rows = frame.timestamps.length
    if (rows < impl.minRows) {
      throw new IndicatorError(
        `${frame.symbol} ${timeframe}: indicator '${r.spec.name}' (${r.type}) needs at least ${impl.minRows} bars, got ${rows}`,
      )
    }
    const computed = impl.compute(frame, r.spec.name, column)
    computed.names.forEach((name, i) => out.set(name, computed.columns[i]!))
  }
  return out.toColumnSet(frame.timestamps)
}

/**
 * Builds the fuzzy-input frame of each timeframe that has indicator results (§3.2.4–§3.2.5): the price columns,
 * then one column per strategy indicator name, in YAML order. Each name takes the first engine column (prices first) whose upper-cased name
 * starts with the upper-cased strategy name: `sma` / `ema` give close / MA, `macd` takes the first `MACD_` column
 * that is neither signal nor histogram, anything else the raw column; no match, no column. In a single-timeframe
 * run every ±∞ and NaN of the frame then becomes 0.
 */
export function mapIndicators(
  frames: Readonly<Record<string, OhlcvFrame>>,
  indicators: Readonly<Record<string, ColumnSet>>,
  strategy: StrategyConfig,
  multiTimeframe: boolean,
): Record<string, ColumnSet> {
  const result: Record<string, ColumnSet> = {}
  for (const [timeframe, computed] of Object.entries(indicators)) {
    const frame = frames[timeframe]!
    const prices = priceColumnSet(frame)
    const engineNames = [...prices.names, ...computed.names]
    const engineColumns = [...prices.columns, ...computed.columns]
    const out = new OrderedColumns()
    prices.names.forEach((name, i) => out.set(name, prices.columns[i]!))
    for (const spec of strategy.indicators) {
      const wanted = spec.name.toUpperCase()
      const at = engineNames.findIndex(
        (column) => column.toUpperCase().startsWith(wanted) && (wanted !== 'MACD' || isMacdLine(column)),
      )
      if (at < 0) continue
      const column = engineColumns[at]!
      out.set(spec.name, wanted === 'SMA' || wanted === 'EMA' ? ratio(frame.close, column) : column)
    }
    const mapped = out.toColumnSet(frame.timestamps)
    result[timeframe] = multiTimeframe ? mapped : { ...mapped, columns: mapped.columns.map(finiteOrZero) }
  }
  return result
}

function isMacdLine(column: string): boolean {
  return column.startsWith('MACD_') && !column.includes('_signal_') && !column.includes('_hist_')
}

function ratio(close: Float64Array, average: Float64Array): Float64Array {
  return close.map((c, i) => c / average[i]!)
}

function finiteOrZero(column: Float64Array): Float64Array {
  return column.map((v) => (Number.isFinite(v) ? v : 0))
}
