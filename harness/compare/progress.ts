/**
 * The progress a caller of a local path sees (docs/legacy-behaviour.md §9.1), compared as part of the `protocol`
 * stage: the phases in order, every training update (epoch, batch, batches done, percentage — the new
 * orchestrator's bridge keeps the old throttling and percentages, so these match exactly), and on each side the
 * invariants any caller relies on (phases in pipeline order, a percentage that never goes back, stays in 0…100
 * and ends at 100 on completion, exactly one terminal update, last).
 */
import { PIPELINE_PHASES } from '../../reference/pipeline/types.ts'
import type { ProgressEvent } from '../paths/types.ts'
import type { Comparison } from './comparison.ts'
import { compareNames } from './exact.ts'
import { invariant, progressViolations } from './protocol.ts'

/** Phases in the order a run passes them; one of the three terminal phases ends it. */
const PHASE_ORDER: readonly string[] = ['initializing', ...PIPELINE_PHASES]
const TERMINAL_PHASES = new Set(['completed', 'cancelled', 'failed'])

/** The phase sequence: phase and terminal updates, repeated phases collapsed. */
export function phaseSequence(events: readonly ProgressEvent[]): string[] {
  const phases: string[] = []
  for (const e of events) {
    if ((e.kind === 'phase' || e.kind === 'terminal') && phases.at(-1) !== e.phase) phases.push(e.phase)
  }
  return phases
}

/** One line per training update, every number in full. */
export function trainingLines(events: readonly ProgressEvent[]): string[] {
  return events
    .filter((e) => e.kind === 'batch' || e.kind === 'epoch')
    .map((e) => `${e.kind} epoch ${e.epoch} batch ${e.batch ?? '-'} items ${e.items} ${e.percent} %`)
}

/** Violations of the progress invariants in one side's updates. */
export function progressInvariantViolations(events: readonly ProgressEvent[]): string[] {
  const out: string[] = []
  let rank = -1
  for (const e of events) {
    if (e.kind === 'terminal' || e.kind === 'batch' || e.kind === 'epoch') continue
    const at = PHASE_ORDER.indexOf(e.phase)
    if (at < 0) out.push(`unknown phase ${JSON.stringify(e.phase)}`)
    else if (at < rank) out.push(`phase ${e.phase} after ${PHASE_ORDER[rank]}`)
    rank = Math.max(rank, at)
  }
  const terminals = events.filter((e) => e.kind === 'terminal')
  if (terminals.length !== 1) out.push(`${terminals.length} terminal updates instead of 1`)
  else if (events.at(-1)!.kind !== 'terminal') out.push('updates after the terminal one')
  const last = terminals.at(-1)
  if (last && !TERMINAL_PHASES.has(last.phase)) out.push(`terminal phase ${JSON.stringify(last.phase)}`)
  const percents = events.map((e) => e.percent)
  const completed = last?.phase === 'completed'
  for (const v of progressViolations(percents)) {
    if (completed || !v.startsWith('ends at')) out.push(v)
  }
  return out
}

/** Progress comparisons of two local runs (stage `protocol`, artifacts `progress.*`). */
export function compareProgress(a: readonly ProgressEvent[], b: readonly ProgressEvent[]): Comparison[] {
  return [
    compareNames('protocol', 'progress.phases', phaseSequence(a), phaseSequence(b)),
    compareNames('protocol', 'progress.training', trainingLines(a), trainingLines(b)),
    invariant('protocol', 'progress.invariants.a', progressInvariantViolations(a)),
    invariant('protocol', 'progress.invariants.b', progressInvariantViolations(b)),
  ]
}
