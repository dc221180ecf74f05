/**
 * Host protocol comparison (docs/architecture.md §6: "protocol (HTTP fields, state sequence, progress monotonicity)"):
 * endpoints used, status-snapshot fields, terminal state, progress that never goes back and ends at 100 %, the status
 * codes of fixed error probes, and what a stop request leads to (docs/legacy-behaviour.md §9.2, §13).
 */
import type { HostProtocol } from '../paths/types.ts'
import type { Comparison } from './comparison.ts'
import { compareNames, comparePresence, compareValue } from './exact.ts'
import type { StageName } from './stages.ts'
import { EXACT } from './tolerance.ts'

/** Violations of "progress never decreases, stays in 0…100 and ends at 100" in one side's trace. */
export function progressViolations(percents: readonly number[]): string[] {
  const out: string[] = []
  percents.forEach((p, i) => {
    if (!(p >= 0 && p <= 100)) out.push(`value ${p} at poll ${i} outside 0…100`)
    if (i > 0 && p < percents[i - 1]!) out.push(`decreases from ${percents[i - 1]} to ${p} at poll ${i}`)
  })
  if (percents.length === 0) out.push('no progress reported')
  else if (percents[percents.length - 1] !== 100) out.push(`ends at ${percents[percents.length - 1]} instead of 100`)
  return out
}

/** A one-sided check: passes when `violations` is empty, else lists them. */
export function invariant(stage: StageName, artifact: string, violations: string[]): Comparison {
  return {
    stage,
    artifact,
    statistic: 'protocol',
    observed: violations.length,
    tolerance: EXACT,
    budget_used: null,
    noise_floor: null,
    passed: violations.length === 0,
    total: 1,
    mismatched: violations.length,
    max_abs: null,
    location: violations[0] ?? null,
    missing_on: null,
    values: null,
    detail: violations.length === 0 ? 'Holds.' : violations.join('; ') + '.',
  }
}

const sorted = (xs: readonly string[]): string[] => [...new Set(xs)].sort()

/** Protocol comparisons of two host runs; a side with no protocol record gives one `presence` failure. */
export function compareProtocols(stage: StageName, a: HostProtocol | null, b: HostProtocol | null): Comparison[] {
  const missing = comparePresence(stage, 'protocol', a !== null, b !== null)
  if (missing) return [missing]
  const pa = a!
  const pb = b!
  const out: Comparison[] = [
    compareNames(stage, 'protocol.endpoints', sorted(pa.endpointsUsed), sorted(pb.endpointsUsed)),
    compareNames(stage, 'protocol.status_fields', sorted(pa.statusFields), sorted(pb.statusFields)),
    compareValue(stage, 'protocol.terminal_state', pa.statesSeen.at(-1) ?? null, pb.statesSeen.at(-1) ?? null),
    invariant(stage, 'protocol.progress_monotonic.a', progressViolations(pa.progressPercents)),
    invariant(stage, 'protocol.progress_monotonic.b', progressViolations(pb.progressPercents)),
  ]
  for (const key of sorted([...Object.keys(pa.errorStatus), ...Object.keys(pb.errorStatus)])) {
    const artifact = `protocol.error_status.${key}`
    out.push(
      comparePresence(stage, artifact, key in pa.errorStatus, key in pb.errorStatus) ??
        compareValue(stage, artifact, pa.errorStatus[key]!, pb.errorStatus[key]!),
    )
  }
  if (pa.stopOutcome !== null || pb.stopOutcome !== null) {
    out.push(compareValue(stage, 'protocol.stop_outcome', pa.stopOutcome, pb.stopOutcome))
  }
  return out
}
