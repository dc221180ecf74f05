/**
 * A mutant's status from what the sweep saw (docs/testing-guide.md "Mutation sweep"), and the two scores:
 * - `crashed`: it does not type-check, or the stages throw or hang, or a gate run failed with an error;
 * - `not_observable`: every stage artifact is unchanged on every dataset × strategy, or the site is in a function
 *   the unmutated observation never calls (the gate is not run);
 * - `survived`: observable, and the gate passed;
 * - `localized`: the gate failed and blamed the stage that owns the mutated code;
 * - `killed`: the gate failed and blamed another stage (or none).
 * `score_killed` = (killed + localized) / (killed + localized + survived); `score_localized` = localized /
 * (killed + localized). Crashed mutants count in neither: a crash is not the gate's doing.
 */
import type { StageName } from '../compare/stages.ts'
import type { GateOutcome } from './gate.ts'
import type { ObservationOutcome } from './observe.ts'

export const MUTANT_STATUSES = ['not_observable', 'killed', 'localized', 'survived', 'crashed'] as const
export type MutantStatus = (typeof MUTANT_STATUSES)[number]

/** The status, the stage the gate blamed and a one-line detail. */
export interface Classification {
  readonly status: MutantStatus
  readonly blamedStage: StageName | null
  readonly detail: string | null
}

/** What the sweep saw of one mutant, in the order it looked. */
export type Evidence =
  | { readonly compileErrors: readonly string[] }
  | { readonly observation: ObservationOutcome; readonly gate: GateOutcome | null }

/**
 * Classifies one mutant.
 *
 * @throws Error when an observable mutant comes without a gate outcome (the sweep must run the gate for it)
 */
export function classify(evidence: Evidence, expected: StageName | null): Classification {
  if ('compileErrors' in evidence) {
    return { status: 'crashed', blamedStage: null, detail: `does not type-check: ${evidence.compileErrors[0] ?? ''}` }
  }
  const { observation, gate } = evidence
  if (observation.kind === 'crashed') return { status: 'crashed', blamedStage: null, detail: observation.reason }
  if (observation.kind === 'unreached') {
    const detail = `not reached: ${observation.functionName} is never called on the observed data`
    return { status: 'not_observable', blamedStage: null, detail }
  }
  if (observation.changes.length === 0) return { status: 'not_observable', blamedStage: null, detail: null }
  if (gate === null) throw new Error('classify: an observable mutant needs the gate outcome')
  switch (gate.kind) {
    case 'error':
      return { status: 'crashed', blamedStage: null, detail: gate.reason }
    case 'passed':
      return { status: 'survived', blamedStage: null, detail: null }
    case 'failed':
      return {
        status: gate.blamed !== null && gate.blamed === expected ? 'localized' : 'killed',
        blamedStage: gate.blamed,
        detail: gate.reason,
      }
  }
}

/** Counts per status; `killed` counts every killed mutant, localized or not. */
export interface MutationCounts {
  readonly total: number
  readonly not_observable: number
  readonly killed: number
  readonly localized: number
  readonly survived: number
  readonly crashed: number
  /** Survivors with a reviewed explanation (harness/mutation/explained-survivors.yaml). */
  readonly survived_explained: number
}

/** The counts and the two scores (null when their denominator is 0). */
export function scoreOf(mutants: readonly { readonly status: MutantStatus; readonly explanation: string | null }[]): {
  counts: MutationCounts
  score_killed: number | null
  score_localized: number | null
} {
  const n = (status: MutantStatus): number => mutants.filter((m) => m.status === status).length
  const localized = n('localized')
  const killed = n('killed') + localized
  const survived = n('survived')
  return {
    counts: {
      total: mutants.length,
      not_observable: n('not_observable'),
      killed,
      localized,
      survived,
      crashed: n('crashed'),
      survived_explained: mutants.filter((m) => m.status === 'survived' && m.explanation !== null).length,
    },
    score_killed: killed + survived > 0 ? killed / (killed + survived) : null,
    score_localized: killed > 0 ? localized / killed : null,
  }
}
