/**
 * The run's verdict and exit code (docs/architecture.md §6 "Verdicts"): the gate passes (exit 0) only when every cell is
 * equivalent or a known divergence, every canary was caught at its stage, and the ledger has no expired or
 * stale entries; otherwise it fails (exit 1) with one reason per cause. Usage and environment errors (exit 2)
 * never reach this point: the CLI reports them before any cell runs.
 */
import type { CellVerdict } from './cell-outcome.ts'

export interface GateInput {
  readonly cells: readonly { readonly label: string; readonly verdict: CellVerdict; readonly summary: string }[]
  readonly canaries: readonly {
    readonly name: string
    readonly caught: boolean
    readonly localized: boolean
    readonly summary: string
  }[]
  readonly ledger: readonly {
    readonly id: string
    readonly expired: boolean
    readonly stale: boolean
    readonly expires: string
  }[]
}

export interface GateResult {
  readonly verdict: 'pass' | 'fail'
  readonly exitCode: 0 | 1
  /** One line per cause of failure; a single summary line when the gate passes. */
  readonly reasons: readonly string[]
}

const BLOCKING: readonly CellVerdict[] = ['diverged', 'error', 'inconclusive']

/** Applies the gate rules. */
export function decideGate(input: GateInput): GateResult {
  const reasons: string[] = []
  for (const cell of input.cells) {
    if (BLOCKING.includes(cell.verdict)) reasons.push(`${cell.label}: ${cell.verdict} — ${cell.summary}`)
  }
  for (const canary of input.canaries) {
    if (!canary.caught) reasons.push(`canary ${canary.name} was not caught — ${canary.summary}`)
    else if (!canary.localized) reasons.push(`canary ${canary.name} was caught at the wrong stage — ${canary.summary}`)
  }
  for (const entry of input.ledger) {
    if (entry.expired) reasons.push(`ledger entry ${entry.id} expired on ${entry.expires}`)
    if (entry.stale) reasons.push(`ledger entry ${entry.id} is stale: its pair was compared and it matched nothing`)
  }
  if (reasons.length > 0) return { verdict: 'fail', exitCode: 1, reasons }
  const known = input.cells.filter((c) => c.verdict === 'known-divergence').length
  return {
    verdict: 'pass',
    exitCode: 0,
    reasons: [
      `${input.cells.length} cells: ${input.cells.length - known} equivalent, ${known} known divergences; ` +
        `${input.canaries.length} canaries caught and localized`,
    ],
  }
}
