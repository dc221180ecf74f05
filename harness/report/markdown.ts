/**
 * `reports/equivalence.md`: the short pull-request comment — verdict line, the strategy × pair matrix, failing
 * cells with their first divergence and replay command, canaries, and the ledger entries that need attention.
 */
import type { CellReport, EquivalenceReport } from './model.ts'
import { oracleMarkdown } from './oracle-section.ts'
import type { Reporter } from './reporter.ts'
import { budgetText, pairLabel, pairsOf, verdictMark } from './text.ts'

function cellText(cell: CellReport | undefined): string {
  if (!cell) return '—'
  return `${verdictMark(cell.verdict)} ${cell.verdict} (${budgetText(cell)})`
}

/** Renders the Markdown summary. */
export function renderMarkdown(report: EquivalenceReport): string {
  const lines: string[] = []
  const mark = report.verdict === 'pass' ? '✅' : '❌'
  lines.push(`## ${mark} Equivalence gate: ${report.verdict.toUpperCase()} (exit ${report.exit_code})`, '')
  for (const reason of report.reasons.slice(0, 12)) lines.push(`- ${reason}`)
  if (report.reasons.length > 12) lines.push(`- … ${report.reasons.length - 12} more in equivalence.html`)
  lines.push('')
  const pairs = pairsOf(report.cells)
  lines.push(`| strategy | ${pairs.map(pairLabel).join(' | ')} |`, `|---|${pairs.map(() => '---').join('|')}|`)
  for (const strategy of report.strategies) {
    const row = pairs.map((p) =>
      cellText(report.cells.find((c) => c.strategy === strategy && pairLabel(c.pair) === pairLabel(p))),
    )
    if (row.some((t) => t !== '—')) lines.push(`| ${strategy} | ${row.join(' | ')} |`)
  }
  const failing = report.cells.filter((c) => ['diverged', 'error', 'inconclusive'].includes(c.verdict))
  if (failing.length > 0) {
    lines.push('', '### Failing cells', '')
    for (const c of failing) {
      lines.push(`- **${c.strategy} ${pairLabel(c.pair)}** — ${c.verdict}: ${c.summary}`)
      if (c.first_divergence) lines.push(`  - ${c.first_divergence.detail}`)
      lines.push(`  - replay: \`${c.replay}\``)
    }
  }
  lines.push(...oracleMarkdown(report))
  if (report.canaries.length > 0) {
    lines.push('', '### Canaries', '', '| canary | expected stage | caught | blamed stage |', '|---|---|---|---|')
    for (const c of report.canaries) {
      lines.push(
        `| ${c.name} | ${c.expected_stage} | ${c.caught ? 'yes' : '**no**'} | ${c.localized ? c.localized_stage : `**${c.localized_stage ?? '—'}**`} |`,
      )
    }
  }
  const attention = report.ledger.entries.filter((e) => e.expired || e.stale)
  const inForce = report.ledger.entries.filter((e) => e.hits > 0).length
  lines.push('', `### Known differences: ${inForce} in force, ${attention.length} need attention`, '')
  for (const e of attention)
    lines.push(`- ${e.id} (${e.owner}): ${e.expired ? `expired ${e.expires}` : 'stale (matched nothing)'}`)
  lines.push(
    '',
    `<sub>profile ${report.settings.profile}, seed ${report.settings.seed} (noise seed ${report.settings.noise_seed}), device ${report.environment.device}, commit ${report.environment.commit}, ${report.timings.total_s.toFixed(0)} s. Full report: reports/equivalence.html</sub>`,
    '',
  )
  return lines.join('\n')
}

/** Writes equivalence.md, the short summary fit for a pull-request comment. @public */
export const markdownReporter: Reporter = {
  fileName: 'equivalence.md',
  render: renderMarkdown,
}
