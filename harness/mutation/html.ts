/**
 * `reports/mutation.html`: one self-contained page (inline CSS, no scripts, no network) — the two scores against
 * their targets and the counts; every survivor with its diff, what it changed and its reviewed explanation; the
 * killed mutants blamed on another stage; the crashed ones; per-file counts; the settings. Wide tables scroll
 * inside their box.
 */
import { escapeHtml as e } from '../report/escape.ts'
import type { MutantRecord, MutationReport } from './report.ts'

/** The score a sweep should reach (the issue's target). @default 0.95 */
export const SCORE_TARGET = 0.95

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0 auto;max-width:1200px;padding:16px;color:#222}
h1{font-size:20px;margin:0 0 4px}h2{font-size:17px;border-bottom:1px solid #ddd;padding-bottom:4px;margin-top:28px}
.banner{padding:12px 16px;border-radius:6px;color:#fff}.pass{background:#2e7d32}.fail{background:#c62828}
.box{overflow-x:auto;max-width:100%}table{border-collapse:collapse;margin:8px 0;font-size:13px}
th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top;overflow-wrap:anywhere}th{background:#f5f5f5}
code,pre{background:#f6f8fa;padding:1px 4px;border-radius:3px;font-size:12px}
pre{padding:8px;overflow-x:auto;white-space:pre}.add{color:#1b5e20;background:#e8f5e9}.del{color:#b71c1c;background:#ffebee}
.survivor{border:1px solid #ddd;border-radius:6px;padding:8px 12px;margin:10px 0}.muted{color:#777}
.unexplained{color:#c62828;font-weight:600}`

const pct = (v: number | null): string => (v === null ? '—' : `${(v * 100).toFixed(1)} %`)

function diffHtml(diff: string): string {
  const lines = diff.split('\n').map((l) => {
    if (l.startsWith('+') && !l.startsWith('+++')) return `<span class="add">${e(l)}</span>`
    if (l.startsWith('-') && !l.startsWith('---')) return `<span class="del">${e(l)}</span>`
    return e(l)
  })
  return `<pre>${lines.join('\n')}</pre>`
}

const where = (m: MutantRecord): string => `${e(m.file)}:${m.line}:${m.column}`
const change = (m: MutantRecord): string =>
  `<code>${e(m.original)}</code> → <code>${e(m.mutated === '' ? '(removed)' : m.mutated)}</code> <span class="muted">(${e(m.operator)})</span>`

function table(head: readonly string[], rows: readonly string[][]): string {
  if (rows.length === 0) return '<p class="muted">None.</p>'
  const th = `<tr>${head.map((h) => `<th>${e(h)}</th>`).join('')}</tr>`
  return `<div class="box"><table>${th}${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</table></div>`
}

function survivor(m: MutantRecord): string {
  const changes = m.observed
    .map(
      (c) =>
        `<li>${e(c.dataset)} / ${e(c.strategy)}: ${e(c.stages.join(', '))} <span class="muted">(${e(c.artifacts.join(', '))})</span></li>`,
    )
    .join('')
  const why = m.explanation
    ? `<p><b>Explained:</b> ${e(m.explanation)}</p>`
    : '<p class="unexplained">Not explained: fix the data or the comparison, or explain it in harness/mutation/explained-survivors.yaml.</p>'
  return `<div class="survivor" id="${e(m.id)}"><b>${e(m.id)}</b> ${where(m)} in <code>${e(m.scope ?? '(module)')}</code>: ${change(m)}
${diffHtml(m.diff)}<p>Changed stage outputs (owner: ${e(m.expected_stage ?? '—')}):</p><ul>${changes}</ul>
<p class="muted">Gate ran on: ${e(m.gate?.strategies.join(', ') ?? '—')}</p>${why}</div>`
}

/** Renders the page. */
export function renderMutationHtml(report: MutationReport): string {
  const { counts, settings } = report
  const met =
    report.score_killed !== null && report.score_killed >= SCORE_TARGET && (report.score_localized ?? 0) >= SCORE_TARGET
  const survivors = report.mutants.filter((m) => m.status === 'survived')
  const elsewhere = report.mutants.filter((m) => m.status === 'killed')
  const crashed = report.mutants.filter((m) => m.status === 'crashed')
  const banner = `<div class="banner ${met ? 'pass' : 'fail'}">killed ${pct(report.score_killed)} of observable mutants, localized ${pct(report.score_localized)} of killed (target ≥ ${pct(SCORE_TARGET)} each) — ${counts.total} mutants: ${counts.not_observable} not observable, ${counts.killed} killed (${counts.localized} localized), ${counts.survived} survived (${counts.survived_explained} explained), ${counts.crashed} crashed (${Object.entries(
    counts.crashed_by_kind,
  )
    .map(([k, n]) => `${n} ${k}`)
    .join(', ')}); ${report.not_compiling.length} sites passed over by the draw (the mutant does not type-check)</div>`
  const stages = table(
    [
      'stage',
      'sites',
      'mutants',
      'not observable',
      'of which not reached',
      'localized',
      'killed elsewhere',
      'survived',
      'crashed',
      'killed',
      'localized of killed',
    ],
    report.per_stage.map((s) => [
      e(s.stage),
      String(s.sites),
      String(s.total),
      String(s.not_observable),
      String(s.not_reached),
      String(s.localized),
      String(s.killed),
      String(s.survived),
      String(s.crashed),
      pct(s.score_killed),
      pct(s.score_localized),
    ]),
  )
  const files = table(
    [
      'file',
      'mutants',
      'not observable',
      'of which not reached',
      'localized',
      'killed elsewhere',
      'survived',
      'crashed',
    ],
    report.per_file.map((f) => [
      e(f.file),
      String(f.total),
      String(f.not_observable),
      f.not_reached === f.total && f.total > 0
        ? `<b>${f.not_reached} (no strategy runs this file)</b>`
        : String(f.not_reached),
      String(f.localized),
      String(f.killed),
      String(f.survived),
      String(f.crashed),
    ]),
  )
  const stale =
    report.stale_explanations.length === 0
      ? ''
      : `<h2>Stale explanations</h2>${table(
          ['file', 'line', 'change'],
          report.stale_explanations.map((x) => [
            e(x.file),
            `<code>${e(x.line_text)}</code>`,
            `${e(x.original)} → ${e(x.mutated)}`,
          ]),
        )}`
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Mutation sweep</title><style>${CSS}</style></head><body>
<h1>Mutation sweep of the equivalence gate</h1>${banner}
<h2>Survivors (${survivors.length})</h2>${survivors.length === 0 ? '<p class="muted">None.</p>' : survivors.map(survivor).join('\n')}
<h2>Killed, blamed on another stage (${elsewhere.length})</h2>${table(
    ['mutant', 'where', 'change', 'owner', 'blamed'],
    elsewhere.map((m) => [e(m.id), where(m), change(m), e(m.expected_stage ?? '—'), e(m.blamed_stage ?? 'none')]),
  )}
<h2>Crashed (${crashed.length})</h2>${table(
    ['mutant', 'where', 'change', 'kind', 'why'],
    crashed.map((m) => [e(m.id), where(m), change(m), e(m.crash_kind ?? ''), e(m.detail ?? '')]),
  )}
<h2>Per stage</h2>${stages}
<h2>Per file</h2>${files}${stale}
<h2>Settings</h2><ul>
<li>files: ${settings.files.map((f) => `<code>${e(f)}</code>`).join(' ')} (${settings.matched_files.length} files, ${settings.sites_total} sites${settings.max === null ? '' : `, ${counts.total} drawn with seed ${settings.seed}`})</li>
<li>strategies: ${e(settings.strategies.join(', '))}</li>
<li>gate (${e(settings.gate.mode)}): <code>${e(settings.gate.command)}</code></li>
<li>datasets observed: ${settings.datasets.map((d) => `${e(d.name)} ${e(d.start_date)} → ${e(d.end_date)}`).join('; ')}</li>
<li>generated ${e(report.generated_at)}; ${report.timings.total_s.toFixed(0)} s (observation ${report.timings.observe_s.toFixed(0)} s, gate ${report.timings.gate_s.toFixed(0)} s)</li>
</ul></body></html>
`
}
