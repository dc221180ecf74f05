/**
 * The persisted-model check (refactoring plan (docs/architecture.md §6.10): "model_path exists, loadable … both models produce similar
 * predictions"): each side's saved model must exist, load, and predict on the test split what the run itself
 * predicted; the two sides must agree on all three facts.
 */
import type { PersistedModelCheck } from '../paths/types.ts'
import type { Comparison } from './comparison.ts'
import { comparePresence } from './exact.ts'
import { sci } from './format.ts'
import type { StageName } from './stages.ts'
import { EXACT, type Tolerance } from './tolerance.ts'

function sideProblems(side: 'a' | 'b', p: PersistedModelCheck, tolerance: Tolerance): string[] {
  if (!p.exists) return [`${side}: model path does not exist`]
  if (!p.loads) return [`${side}: model does not load (${p.error ?? 'no error text'})`]
  const diff = p.maxPredictionDifference
  const allowed = tolerance.kind === 'close' ? tolerance.atol + tolerance.rtol : 0
  if (diff === null || !(diff <= allowed)) {
    return [
      `${side}: loaded model predicts differently (max |Δp| ${diff === null ? 'n/a' : sci(diff)}, up to ${sci(allowed)} allowed)`,
    ]
  }
  return []
}

/** One `persisted_model` comparison for the two sides' checks. */
export function comparePersisted(
  stage: StageName,
  a: PersistedModelCheck | null,
  b: PersistedModelCheck | null,
  tolerance: Tolerance,
): Comparison {
  const missing = comparePresence(stage, 'model', a !== null, b !== null)
  if (missing) return { ...missing, detail: `${missing.detail} (no saved model)` }
  const problems = [...sideProblems('a', a!, tolerance), ...sideProblems('b', b!, tolerance)]
  const worst = Math.max(a!.maxPredictionDifference ?? Infinity, b!.maxPredictionDifference ?? Infinity)
  return {
    stage,
    artifact: 'model',
    statistic: 'exact',
    observed: problems.length,
    tolerance: EXACT,
    budget_used: null,
    noise_floor: null,
    passed: problems.length === 0,
    total: 2,
    mismatched: problems.length,
    max_abs: Number.isFinite(worst) ? worst : null,
    location: null,
    missing_on: null,
    values: null,
    detail:
      problems.length === 0
        ? `Both saved models exist, load and reproduce their run's predictions (max |Δp| ${sci(worst)}).`
        : problems.join('; ') + '.',
  }
}
