/**
 * Feature-importance comparison (refactoring plan (docs/architecture.md §6.10): "order may differ slightly, check top features"): the top-N names
 * as a set, then every shared value under the numeric tolerance.
 */
import type { Comparison } from './comparison.ts'
import { compareNumeric } from './numeric.ts'
import type { StageName } from './stages.ts'
import { EXACT, type Tolerance } from './tolerance.ts'

/** @default 10 — the refactoring plan's (docs/architecture.md §6.10) `assert_top_features_match(top_n=10)`. */
export const TOP_N = 10

/** Names of the `n` largest importances, ties broken by name so the ranking is deterministic. */
export function topFeatures(importance: Readonly<Record<string, number>>, n = TOP_N): string[] {
  return Object.entries(importance)
    .sort(([na, va], [nb, vb]) => (vb === va ? (na < nb ? -1 : na > nb ? 1 : 0) : vb - va))
    .slice(0, n)
    .map(([name]) => name)
}

/** Two comparisons: `importance.top_n` (set match) and `importance.values` (every name, under `tolerance`). */
export function compareImportance(
  stage: StageName,
  a: Readonly<Record<string, number>>,
  b: Readonly<Record<string, number>>,
  tolerance: Tolerance,
  n = TOP_N,
): Comparison[] {
  const topA = topFeatures(a, n)
  const topB = topFeatures(b, n)
  const setB = new Set(topB)
  const onlyA = topA.filter((x) => !setB.has(x))
  const onlyB = topB.filter((x) => !topA.includes(x))
  const size = Math.max(topA.length, topB.length)
  const topN: Comparison = {
    stage,
    artifact: `importance.top_${n}`,
    statistic: 'top_n',
    observed: onlyA.length,
    tolerance: EXACT,
    budget_used: null,
    noise_floor: null,
    passed: onlyA.length === 0 && onlyB.length === 0,
    total: size,
    mismatched: Math.max(onlyA.length, onlyB.length),
    max_abs: null,
    location: onlyA.length > 0 ? onlyA[0]! : null,
    missing_on: null,
    values: { a: topA, b: topB },
    detail:
      onlyA.length === 0 && onlyB.length === 0
        ? `Top-${n} sets equal (${size} names).`
        : `Top-${n} sets differ: only in a ${JSON.stringify(onlyA)}, only in b ${JSON.stringify(onlyB)}.`,
  }
  const names = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort()
  const va = names.map((k) => a[k] ?? Number.NaN)
  const vb = names.map((k) => b[k] ?? Number.NaN)
  const values = compareNumeric(stage, 'importance.values', va, vb, tolerance, (i) => `feature ${names[i]}`)
  return [topN, values]
}
