/**
 * A mutant's status from what the sweep saw (docs/testing-guide.md "Mutation sweep"), and the two scores:
 * - `crashed`: the stages throw (`throws`) or run past the limit (`timeout`), or a gate run failed with an error
 *   (`gate_error`) — a mutant that does not type-check is never drawn (harness/mutation/plan.ts);
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

export const CRASH_KINDS = ['throws', 'timeout', 'gate_error'] as const
/** Why a mutant crashed. */
export type CrashKind = (typeof CRASH_KINDS)[number]

/** The status, the stage the gate blamed, why it crashed (crashed only) and a one-line detail. */
export interface Classification {
  readonly status: MutantStatus
  readonly blamedStage: StageName | null
  readonly crashKind: CrashKind | null
  readonly detail: string | null
}

/** What the sweep saw of one mutant, in the order it looked. */
export interface Evidence {
  readonly observation: ObservationOutcome
  readonly gate: GateOutcome | null
}

/**
 * Classifies one mutant.
 *
 * @throws Error when an observable mutant comes without a gate outcome (the sweep must run the gate for it)
 */
export function classify(evidence: Evidence, expected: StageName | null): Classification {
  const { observation, gate } = evidence
  const none = { blamedStage: null, crashKind: null }
  if (observation.kind === 'crashed') {
    const crashKind = observation.timedOut ? 'timeout' : 'throws'
    return { status: 'crashed', blamedStage: null, crashKind, detail: observation.reason }
  }
  if (observation.kind === 'unreached') {
    const detail = `not reached: ${observation.functionName} is never called on the observed data`
    return { status: 'not_observable', ...none, detail }
  }
  if (observation.changes.length === 0) return { status: 'not_observable', ...none, detail: null }
  if (gate === null) throw new Error('classify: an observable mutant needs the gate outcome')
  switch (gate.kind) {
    case 'error':
      return { status: 'crashed', blamedStage: null, crashKind: 'gate_error', detail: gate.reason }
    case 'passed':
      return { status: 'survived', ...none, detail: null }
    case 'failed':
      return {
        status: gate.blamed !== null && gate.blamed === expected ? 'localized' : 'killed',
        blamedStage: gate.blamed,
        crashKind: null,
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
  /** The crashed ones by why they crashed. */
  readonly crashed_by_kind: Readonly<Record<CrashKind, number>>
  /** Survivors with a reviewed explanation (harness/mutation/explained-survivors.yaml). */
  readonly survived_explained: number
}

/** The counts and the two scores (null when their denominator is 0). */
export function scoreOf(
  mutants: readonly {
    readonly status: MutantStatus
    readonly crash_kind: CrashKind | null
    readonly explanation: string | null
  }[],
): {
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
      crashed_by_kind: Object.fromEntries(
        CRASH_KINDS.map((k) => [k, mutants.filter((m) => m.status === 'crashed' && m.crash_kind === k).length]),
      ) as Record<CrashKind, number>,
      survived_explained: mutants.filter((m) => m.status === 'survived' && m.explanation !== null).length,
    },
    score_killed: killed + survived > 0 ? killed / (killed + survived) : null,
    score_localized: killed > 0 ? localized / killed : null,
  }
}
