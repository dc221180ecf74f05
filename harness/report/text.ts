/**
 * Short texts shared by the Markdown and HTML reporters: pair labels, verdict marks, the "budget used" line.
 */
import { sci } from '../compare/format.ts'
import type { PathName } from '../paths/types.ts'
import type { CellVerdict } from '../verdict/cell-outcome.ts'
import type { CellReport } from './model.ts'

/** `local_new↔local_old`. */
export function pairLabel(pair: readonly [PathName, PathName]): string {
  return `${pair[0]}↔${pair[1]}`
}

/** The distinct pairs of the cells: cross pairs first, then A/A, in first-seen order. */
export function pairsOf(cells: readonly CellReport[]): (readonly [PathName, PathName])[] {
  const seen = new Map<string, readonly [PathName, PathName]>()
  for (const kind of ['cross', 'aa'] as const) {
    for (const c of cells) if (c.kind === kind && !seen.has(pairLabel(c.pair))) seen.set(pairLabel(c.pair), c.pair)
  }
  return [...seen.values()]
}

/** ✓ ≈ ✗ ! ? */
export function verdictMark(v: CellVerdict): string {
  return { equivalent: '✓', 'known-divergence': '≈', diverged: '✗', error: '!', inconclusive: '?' }[v]
}

/** "max rel 3.1e-4 of 1e-3 = 31 %", "bitwise", "3 known", or the error/first stage. */
export function budgetText(cell: CellReport): string {
  if (cell.verdict === 'error') return 'run failed'
  if (cell.verdict === 'diverged') return `at ${cell.first_divergence?.stage ?? '?'}`
  if (cell.verdict === 'known-divergence') return `${cell.comparisons.filter((c) => c.ledger_id).length} known`
  if (cell.verdict === 'inconclusive') return 'A/A unstable'
  if (!cell.budget) return 'bitwise'
  const b = cell.budget
  return `max rel ${sci(b.observed)} of ${sci(b.allowed)} = ${(b.used * 100).toFixed(0)} %`
}
