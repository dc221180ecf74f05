/**
 * Exact comparators for things that must match as values: name lists (columns, layers, features), shapes,
 * scalar counts, and the presence of an artifact on both sides.
 */
import type { Comparison } from './comparison.ts'
import type { StageName } from './stages.ts'
import { EXACT } from './tolerance.ts'

function exactResult(
  stage: StageName,
  artifact: string,
  mismatched: number,
  total: number,
  detail: string,
  location: string | null,
  values: { a: unknown; b: unknown },
): Comparison {
  return {
    stage,
    artifact,
    statistic: 'exact',
    observed: mismatched,
    tolerance: EXACT,
    budget_used: null,
    noise_floor: null,
    passed: mismatched === 0,
    total,
    mismatched,
    max_abs: null,
    location,
    missing_on: null,
    values,
    detail,
  }
}

/** Two ordered name lists must be identical; the detail names the first differing position. */
export function compareNames(
  stage: StageName,
  artifact: string,
  a: readonly string[],
  b: readonly string[],
): Comparison {
  const n = Math.max(a.length, b.length)
  let mismatched = 0
  let first = -1
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) {
      mismatched++
      if (first < 0) first = i
    }
  }
  if (mismatched === 0) return exactResult(stage, artifact, 0, n, `All ${n} names equal.`, null, { a, b })
  const show = (v: string | undefined): string => (v === undefined ? '(none)' : JSON.stringify(v))
  const lengths = a.length === b.length ? '' : ` Lengths differ: ${a.length} vs ${b.length}.`
  return exactResult(
    stage,
    artifact,
    mismatched,
    n,
    `Names differ at ${mismatched} / ${n} positions; first at position ${first}: ${show(a[first])} vs ${show(b[first])}.${lengths}`,
    `position ${first}`,
    { a, b },
  )
}

/** Two scalars (counts, shapes flattened to text, states) must be equal. */
export function compareValue(
  stage: StageName,
  artifact: string,
  a: string | number | boolean | null,
  b: string | number | boolean | null,
): Comparison {
  const same = Object.is(a, b)
  return exactResult(
    stage,
    artifact,
    same ? 0 : 1,
    1,
    same ? `Equal: ${JSON.stringify(a)}.` : `Differs: ${JSON.stringify(a)} vs ${JSON.stringify(b)}.`,
    null,
    { a, b },
  )
}

/**
 * The artifact exists on both sides. Returns null when it does; otherwise a `presence` comparison: failing and
 * naming the side that lacks it, or — when neither side produces it — passing as "not compared" (a path that
 * never produces an artifact, e.g. the old host's stage probes, cannot disagree with itself about it).
 */
export function comparePresence(stage: StageName, artifact: string, aHas: boolean, bHas: boolean): Comparison | null {
  if (aHas && bHas) return null
  const missingOn = !aHas && !bHas ? null : aHas ? 'b' : 'a'
  return {
    stage,
    artifact,
    statistic: 'presence',
    observed: missingOn === null ? 0 : 1,
    tolerance: EXACT,
    budget_used: null,
    noise_floor: null,
    passed: missingOn === null,
    total: 1,
    mismatched: missingOn === null ? 0 : 1,
    max_abs: null,
    location: null,
    missing_on: missingOn,
    values: null,
    detail: missingOn === null ? 'Produced by neither side (not compared).' : `Missing on side ${missingOn}.`,
  }
}
