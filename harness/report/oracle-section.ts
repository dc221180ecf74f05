/**
 * The ktrdr_py section of the human reports (Markdown and HTML): whether KTRDR's own code ran (or why not — a
 * skipped oracle is shown, never hidden), the stage cells with their greatest |difference| per stage, the
 * statistical training cells with their numbers, and the shims that made KTRDR run on Debian's packages.
 */
import { sci } from '../compare/format.ts'
import { ORACLE_STAGES } from '../oracle/compare.ts'
import { escapeHtml as e } from './escape.ts'
import type { EquivalenceReport, OracleReport, OracleStageCell, OracleTrainingCell } from './model.ts'
import { verdictMark } from './text.ts'

const STAGE_COLUMNS = ORACLE_STAGES

const num = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : v === 0 ? '0' : sci(v))
const acc = (v: number | null): string => (v === null ? '—' : v.toFixed(4))

function stageRow(c: OracleStageCell): string[] {
  return [
    c.strategy,
    `${c.symbol} (${c.timeframes.join(',')})`,
    c.pair[1],
    `${verdictMark(c.verdict)} ${c.verdict}`,
    ...STAGE_COLUMNS.map((s) => num(c.max_abs[s])),
  ]
}

function trainingRow(c: OracleTrainingCell): string[] {
  const side = (s: OracleTrainingCell['a']): string => `${acc(s.mean)} ± ${acc(s.sd)} (n ${s.n})`
  return [
    c.strategy,
    c.pair[1],
    side(c.a),
    side(c.b),
    acc(c.difference),
    acc(c.standard_error),
    c.z === null ? '—' : Number.isFinite(c.z) ? c.z.toFixed(2) : 'inf',
    `${verdictMark(c.verdict)} ${c.verdict}`,
  ]
}

const STAGE_HEAD = ['strategy', 'symbol', 'vs', 'verdict', ...STAGE_COLUMNS.map((s) => `max abs Δ ${s}`)]
const TRAINING_HEAD = ['strategy', 'vs', 'ktrdr_py test acc.', 'vs test acc.', 'Δ mean', 'std. error', 'z', 'verdict']

function headline(oracle: OracleReport): string {
  if (oracle.status === 'skipped') return `ktrdr_py (KTRDR's own code): ${oracle.reason ?? 'not run'} — skipped`
  const cells = [...oracle.stage_cells, ...oracle.training_cells]
  const bad = cells.filter((c) => c.verdict !== 'equivalent').length
  return `ktrdr_py (KTRDR's own code, ${oracle.ktrdr_src}): ${cells.length} cells, ${bad} not equivalent`
}

/**
 * Markdown lines of the section; none when ktrdr_py was not among the paths.
 */
export function oracleMarkdown(report: EquivalenceReport): string[] {
  const oracle = report.oracle
  if (!oracle) return []
  const lines = ['', `### ${headline(oracle)}`, '']
  if (oracle.status === 'skipped') return lines
  const table = (head: readonly string[], rows: readonly string[][]): string[] => [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ]
  lines.push(
    `Pre-model stages within ${sci(oracle.stage_atol)} (float32 features: plus ${sci(oracle.feature_rtol)}·|x|; names, rows, labels exact):`,
    '',
  )
  lines.push(...table(STAGE_HEAD, oracle.stage_cells.map(stageRow)))
  for (const c of oracle.stage_cells.filter((x) => x.verdict !== 'equivalent')) {
    lines.push(`- **${c.id}** — ${c.summary}`, `  - replay: \`${c.replay}\``)
  }
  lines.push('', 'Training, test accuracy over seeds (pass: z ≤ threshold):', '')
  lines.push(...table(TRAINING_HEAD, oracle.training_cells.map(trainingRow)))
  lines.push('', `Shims: ${oracle.shims.map((s) => s.id).join(', ') || 'none'}`)
  return lines
}

/**
 * The HTML section (`<h2>` and content); empty when ktrdr_py was not among the paths.
 */
export function oracleHtml(report: EquivalenceReport): string {
  const oracle = report.oracle
  if (!oracle) return ''
  const title = `<h2 id="ktrdr-py">${e(headline(oracle))}</h2>`
  if (oracle.status === 'skipped') return `${title}<p class="muted">Counted as skipped: it never fails the gate.</p>`
  const table = (head: readonly string[], rows: readonly string[][], verdicts: readonly string[]): string =>
    `<div class="box"><table><tr>${head.map((h) => `<th>${e(h)}</th>`).join('')}</tr>${rows
      .map(
        (r, i) =>
          `<tr>${r.map((x, j) => `<td${j === head.indexOf('verdict') ? ` class="v-${verdicts[i]}"` : ''}>${e(x)}</td>`).join('')}</tr>`,
      )
      .join('')}</table></div>`
  const failing = oracle.stage_cells
    .filter((c) => c.verdict !== 'equivalent')
    .map(
      (c) =>
        `<details><summary>${e(c.id)}: ${e(c.summary)}</summary>${c.comparisons.map((x) => `<p>${e(x.stage)} / ${e(x.artifact)}: ${e(x.detail)}</p>`).join('')}<p>replay: <code>${e(c.replay)}</code></p></details>`,
    )
    .join('')
  const shims = oracle.shims.map((s) => `<li><b>${e(s.id)}</b>: ${e(s.what)} — ${e(s.why)}</li>`).join('')
  const injections = oracle.injections.map((s) => `<li><b>${e(s.id)}</b>: ${e(s.what)}</li>`).join('')
  return (
    `${title}<p>Pre-model stages within ${e(sci(oracle.stage_atol))} absolute (float32 features: plus ${e(sci(oracle.feature_rtol))}·|x|; names, rows, labels exact).</p>` +
    table(
      STAGE_HEAD,
      oracle.stage_cells.map(stageRow),
      oracle.stage_cells.map((c) => c.verdict),
    ) +
    failing +
    `<p>Training: test accuracy over seeds a side; a cell passes when z = |Δ mean| / standard error ≤ its threshold.</p>` +
    table(
      TRAINING_HEAD,
      oracle.training_cells.map(trainingRow),
      oracle.training_cells.map((c) => c.verdict),
    ) +
    oracle.training_cells
      .map((c) => `<p class="muted">${e(c.id)}: ${e(c.detail)}; seeds ${e(c.seeds.join(', '))}</p>`)
      .join('') +
    `<details><summary>Shims (${oracle.shims.length}) and injections (${oracle.injections.length})</summary><ul>${shims}${injections}</ul>` +
    `<p class="muted">versions: ${e(
      Object.entries(oracle.versions)
        .map(([k, v]) => `${k} ${v}`)
        .join(', '),
    )}</p></details>`
  )
}
