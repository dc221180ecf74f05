/**
 * Element-wise comparison of two numeric arrays under a tolerance, with the statistics a reviewer needs: how
 * many elements differ, the greatest absolute and relative differences and where they sit. The text mirrors
 * numpy's `assert_allclose` / PyTorch's `assert_close`.
 */
import type { Comparison } from './comparison.ts'
import { percentOf, sci } from './format.ts'
import type { StageName } from './stages.ts'
import type { Tolerance } from './tolerance.ts'

/** Names the position of element `i` (e.g. `layer linear1.weight index (17, 3)`). */
export type Locator = (i: number) => string

/** Statistics of one element-wise comparison. */
export interface NumericStats {
  readonly total: number
  readonly mismatched: number
  readonly maxAbs: number
  readonly maxAbsIndex: number
  readonly maxRel: number
  readonly maxRelIndex: number
  /** max over elements of |a−b| / (atol + rtol·|b|); 0 or Infinity for bitwise. */
  readonly budgetUsed: number
}

function bothNaN(x: number, y: number): boolean {
  return Number.isNaN(x) && Number.isNaN(y)
}

/**
 * Computes {@link NumericStats} of `a` against the reference `b` (same length required).
 * An element mismatches when: bitwise — `Object.is(a, b)` is false; close — exactly one side is NaN, or
 * |a−b| > atol + rtol·|b|; exact — `a !== b` with NaN equal to NaN.
 */
export function numericStats(a: ArrayLike<number>, b: ArrayLike<number>, tolerance: Tolerance): NumericStats {
  if (a.length !== b.length) throw new RangeError(`numericStats: lengths differ (${a.length} vs ${b.length})`)
  let mismatched = 0
  let maxAbs = 0
  let maxAbsIndex = -1
  let maxRel = 0
  let maxRelIndex = -1
  let budgetUsed = 0
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!
    const y = b[i]!
    if (bothNaN(x, y) || x === y) {
      if (tolerance.kind === 'bitwise' && !Object.is(x, y)) mismatched++
      continue
    }
    const abs = Number.isNaN(x) || Number.isNaN(y) ? Infinity : Math.abs(x - y)
    const rel = y === 0 ? Infinity : abs / Math.abs(y)
    if (abs > maxAbs || maxAbsIndex < 0) {
      maxAbs = abs
      maxAbsIndex = i
    }
    if (rel > maxRel || maxRelIndex < 0) {
      maxRel = rel
      maxRelIndex = i
    }
    if (tolerance.kind === 'close') {
      const allowed = tolerance.atol + tolerance.rtol * Math.abs(y)
      const used = abs / allowed
      if (used > budgetUsed) budgetUsed = used
      if (!(abs <= allowed)) mismatched++
    } else {
      mismatched++
      budgetUsed = Infinity
    }
  }
  return { total: a.length, mismatched, maxAbs, maxAbsIndex, maxRel, maxRelIndex, budgetUsed }
}

/**
 * "Mismatched elements: 50 / 2003 (2.5 %). Greatest absolute difference: 4.1e-4 at layer linear1.weight index
 * (17, 3) (up to 1e-6 allowed). Greatest relative difference: 2.0e-3 at … (up to 1e-3 allowed)."
 */
export function describeNumeric(stats: NumericStats, tolerance: Tolerance, locate: Locator): string {
  const { total, mismatched } = stats
  if (stats.maxAbsIndex < 0) {
    return tolerance.kind === 'bitwise' && mismatched > 0
      ? `Mismatched elements: ${mismatched} / ${total} (${percentOf(mismatched, total)}): signed zeros differ.`
      : `All ${total} elements equal${tolerance.kind === 'bitwise' ? ' bitwise' : ''}.`
  }
  const head =
    mismatched === 0
      ? `All ${total} elements within tolerance.`
      : `Mismatched elements: ${mismatched} / ${total} (${percentOf(mismatched, total)}).`
  const absAllowed = tolerance.kind === 'close' ? ` (up to ${sci(tolerance.atol)} allowed)` : ''
  const relAllowed = tolerance.kind === 'close' ? ` (up to ${sci(tolerance.rtol)} allowed)` : ''
  return (
    `${head} Greatest absolute difference: ${sci(stats.maxAbs)} at ${locate(stats.maxAbsIndex)}${absAllowed}.` +
    ` Greatest relative difference: ${sci(stats.maxRel)} at ${locate(stats.maxRelIndex)}${relAllowed}.`
  )
}

/** One {@link Comparison} for two numeric arrays. */
export function compareNumeric(
  stage: StageName,
  artifact: string,
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  tolerance: Tolerance,
  locate: Locator,
): Comparison {
  const stats = numericStats(a, b, tolerance)
  const numericKind = tolerance.kind === 'close'
  return {
    stage,
    artifact,
    statistic: numericKind ? 'allclose' : tolerance.kind === 'bitwise' ? 'bitwise' : 'exact',
    observed: numericKind ? stats.maxRel : stats.mismatched,
    tolerance,
    budget_used: numericKind ? stats.budgetUsed : null,
    noise_floor: null,
    passed: stats.mismatched === 0,
    total: stats.total,
    mismatched: stats.mismatched,
    max_abs: stats.maxAbs,
    location: stats.maxAbsIndex >= 0 ? locate(stats.maxAbsIndex) : null,
    missing_on: null,
    values: null,
    detail: describeNumeric(stats, tolerance, locate),
  }
}
