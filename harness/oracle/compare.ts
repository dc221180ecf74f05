/**
 * Pre-model stages of `ktrdr_py` (KTRDR's own code) against a TypeScript path: every float64 number within 1e-9
 * absolute (float32 features: 1e-9 plus one float32 ulp), names, row sets (timestamps), labels and zigzag pivots
 * exact. The stages are
 * compared in pipeline order as the stage files show them (docs/legacy-behaviour.md §3–§5.1): the loaded OHLCV,
 * the indicator engine's columns, the mapped columns without the price columns, memberships, features, labels.
 */
import type { ColumnSet, SymbolStageProbes } from '../../reference/runtime/probes.ts'
import { compareColumnSets, compareFeatureMatrices, compareIntVectors } from '../compare/artifacts.ts'
import type { Comparison } from '../compare/comparison.ts'
import { compareNames } from '../compare/exact.ts'
import { STAGES, type StageName } from '../compare/stages.ts'
import type { Tolerance } from '../compare/tolerance.ts'

/**
 * |a − b| ≤ 1e-9 for every number. @default atol 1e-9, rtol 0 — on clean data KTRDR and the TypeScript paths
 * agree to ~5e-11 (CSV parsing differs by one ulp at most: pandas' parser is not correctly rounded).
 */
export const ORACLE_TOLERANCE: Tolerance = { kind: 'close', rtol: 0, atol: 1e-9 }

/**
 * Features are float32 (docs/legacy-behaviour.md §4.3): a float64 difference of 1e-13 in the memberships can round
 * a feature to the neighbouring float32, one ulp (≤ 2⁻²³·|x|) away. @default atol 1e-9 plus one float32 ulp, so
 * the cast adds nothing to what the float64 stages before it already bound to 1e-9.
 */
export const ORACLE_FEATURE_TOLERANCE: Tolerance = { kind: 'close', rtol: 2 ** -23, atol: 1e-9 }

/** The pre-model stages the oracle compares, in pipeline order (those before the symbols are combined). */
export const ORACLE_STAGES: readonly StageName[] = STAGES.slice(0, STAGES.indexOf('combine'))

type Frames = 'data' | 'indicators' | 'mapped' | 'fuzzy'

function withoutPrices(set: ColumnSet, prices: readonly string[]): ColumnSet {
  const keep = set.names.flatMap((name, i) => (prices.includes(name) ? [] : [i]))
  return {
    timestamps: set.timestamps,
    names: keep.map((i) => set.names[i]!),
    columns: keep.map((i) => set.columns[i]!),
  }
}

function frames(stage: Frames, probes: SymbolStageProbes, tf: string): ColumnSet | undefined {
  const set = probes[stage][tf]
  if (!set || stage !== 'mapped') return set
  return withoutPrices(set, probes.data[tf]?.names ?? [])
}

/**
 * Compares the stages of one symbol: `a` = ktrdr_py, `b` = the reference TypeScript path.
 */
export function compareOracleStages(a: SymbolStageProbes, b: SymbolStageProbes): Comparison[] {
  const out: Comparison[] = []
  for (const stage of ['data', 'indicators', 'mapped', 'fuzzy'] as const) {
    const tfs = compareNames(stage, `${a.symbol}/timeframes`, Object.keys(a[stage]), Object.keys(b[stage]))
    if (!tfs.passed) out.push(tfs)
    for (const tf of Object.keys(a[stage])) {
      const fa = frames(stage, a, tf)
      const fb = frames(stage, b, tf)
      if (fa && fb) out.push(compareColumnSets(stage, `${a.symbol}/${tf}`, fa, fb, ORACLE_TOLERANCE))
    }
  }
  out.push(compareFeatureMatrices('features', `${a.symbol}/features`, a.features, b.features, ORACLE_FEATURE_TOLERANCE))
  out.push(compareIntVectors('labels', `${a.symbol}/labels`, a.labels, b.labels))
  if (a.pivots && b.pivots) out.push(compareIntVectors('labels', `${a.symbol}/zigzag_pivots`, a.pivots, b.pivots))
  return out
}

/**
 * The greatest |difference| per stage (null when no numeric comparison of that stage had both sides aligned).
 */
export function maxAbsByStage(comparisons: readonly Comparison[]): Record<string, number | null> {
  const out: Record<string, number | null> = Object.fromEntries(ORACLE_STAGES.map((s) => [s, null]))
  for (const c of comparisons) {
    if (!ORACLE_STAGES.includes(c.stage) || c.max_abs === null) continue
    out[c.stage] = Math.max(out[c.stage] ?? 0, c.max_abs)
  }
  return out
}
