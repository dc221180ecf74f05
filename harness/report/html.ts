/**
 * `reports/equivalence.html`: one self-contained page (inline CSS and SVG, no scripts, no network) in the order
 * a reviewer at the merge gate reads (docs/architecture.md §6.8): verdict line with reason and exit code; the strategy × pair
 * matrix with the tolerance budget used; each failing cell's first divergence, affected stages and worst
 * elements against the noise floor; canaries; per-cell curves, per-layer weight differences and
 * feature-importance top-10; the known differences in force; provenance; replay commands; timings. Every table
 * sits in a box that scrolls sideways and long text wraps, so the page fits a 1,400-pixel window.
 */
import { sci } from '../compare/format.ts'
import { topFeatures } from '../compare/importance.ts'
import { describeTolerance } from '../compare/tolerance.ts'
import { escapeHtml as e } from './escape.ts'
import type { LedgerPredicate } from '../ledger/types.ts'
import type { CellReport, EquivalenceReport, ReportedComparison, RunReport } from './model.ts'
import { oracleHtml } from './oracle-section.ts'
import type { Reporter } from './reporter.ts'
import { barChart, lineChart } from './svg.ts'
import { budgetText, pairLabel, pairsOf, verdictMark } from './text.ts'

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0 auto;max-width:1200px;padding:16px;color:#222}
.box{max-width:100%;overflow-x:auto}.box>table{max-width:100%}th,td{overflow-wrap:break-word}td code{overflow-wrap:anywhere}
.nowrap{white-space:nowrap}
h1{font-size:20px;margin:0 0 4px}h2{font-size:17px;border-bottom:1px solid #ddd;padding-bottom:4px;margin-top:28px}
.banner{padding:12px 16px;border-radius:6px;color:#fff}.pass{background:#2e7d32}.fail{background:#c62828}
.banner ul{margin:6px 0 0 18px;padding:0}table{border-collapse:collapse;margin:8px 0;font-size:13px}
th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f5f5f5}
td.v-equivalent{background:#e8f5e9}td.v-known-divergence{background:#fffde7}td.v-diverged{background:#ffebee}
td.v-error{background:#fce4ec}td.v-inconclusive{background:#fff3e0}code,pre{background:#f6f8fa;padding:1px 4px;border-radius:3px;font-size:12px}
pre{padding:8px;overflow-x:auto;white-space:pre-wrap}.charts{display:flex;flex-wrap:wrap;gap:12px}
.flag{color:#e65100;font-weight:bold}.muted{color:#777}details{margin:6px 0}summary{cursor:pointer;font-weight:600}
a{color:#1565c0}`

/** A table in its own sideways-scrolling box. */
const boxed = (table: string): string => `<div class="box">${table}</div>`

/** A pair label that may wrap after its arrow. */
const pairHtml = (pair: CellReport['pair']): string => e(pairLabel(pair)).replace('↔', '↔<wbr>')

const fmt = (v: number | null): string =>
  v === null ? '—' : Number.isInteger(v) && Math.abs(v) < 1e6 ? String(v) : sci(v)

function matrix(report: EquivalenceReport): string {
  const pairs = pairsOf(report.cells)
  const head = `<tr><th>strategy</th>${pairs.map((p) => `<th>${pairHtml(p)}</th>`).join('')}</tr>`
  const rows = report.strategies.map((s) => {
    const tds = pairs.map((p) => {
      const c = report.cells.find((x) => x.strategy === s && pairLabel(x.pair) === pairLabel(p))
      if (!c) return '<td class="muted">—</td>'
      return `<td class="v-${c.verdict}"><a href="#${e(anchor(c))}">${verdictMark(c.verdict)} ${e(c.verdict)}</a><br><span class="muted">${e(budgetText(c))}</span></td>`
    })
    return `<tr><th>${e(s)}</th>${tds.join('')}</tr>`
  })
  return boxed(`<table id="matrix" class="matrix">${head}${rows.join('')}</table>`)
}

const anchor = (c: CellReport): string => `cell-${c.id.replace(/[^A-Za-z0-9_-]/g, '-')}`

function comparisonRows(list: readonly ReportedComparison[]): string {
  const head =
    '<tr><th>stage</th><th>artifact</th><th>statistic</th><th>observed</th><th>tolerance</th><th>budget</th><th>noise floor (seeds)</th><th>A/A</th><th>result</th><th>detail</th></tr>'
  const rows = list.map((c) => {
    const flag = c.tolerance_flag
      ? ` <span class="flag" title="${e(c.tolerance_flag)}">⚑ ${e(c.tolerance_flag.replace(/_/g, ' '))}</span>`
      : ''
    const result = c.passed ? 'pass' : c.ledger_id ? `known (${e(c.ledger_id)})` : '<b>FAIL</b>'
    return `<tr><td>${e(c.stage)}</td><td>${e(c.artifact)}</td><td>${e(c.statistic)}</td><td>${fmt(c.observed)}</td><td>${e(describeTolerance(c.tolerance))}</td><td>${c.budget_used === null ? '—' : `${(c.budget_used * 100).toFixed(0)} %`}</td><td>${fmt(c.noise_floor)}</td><td>${fmt(c.aa_noise)}</td><td>${result}${flag}</td><td>${e(c.detail)}</td></tr>`
  })
  return boxed(`<table>${head}${rows.join('')}</table>`)
}

function curves(a: RunReport | undefined, b: RunReport | undefined, pair: readonly [string, string]): string {
  if (!a?.history && !b?.history) return '<p class="muted">No training history on either side.</p>'
  const side = (r: RunReport | undefined, key: 'train_loss' | 'val_loss' | 'train_accuracy' | 'val_accuracy') =>
    r?.history?.map((h) => h[key]) ?? []
  const chart = (title: string, k1: 'train_loss' | 'train_accuracy', k2: 'val_loss' | 'val_accuracy') =>
    lineChart(title, [
      { name: `${pair[0]} train`, color: '#1565c0', values: side(a, k1) },
      { name: `${pair[1]} train`, color: '#ef6c00', values: side(b, k1), dashed: true },
      { name: `${pair[0]} val`, color: '#6a1b9a', values: side(a, k2) },
      { name: `${pair[1]} val`, color: '#2e7d32', values: side(b, k2), dashed: true },
    ])
  return `<div class="charts">${chart('loss per epoch', 'train_loss', 'val_loss')}${chart('accuracy per epoch', 'train_accuracy', 'val_accuracy')}</div>`
}

function weightBars(c: CellReport): string {
  const layers = c.comparisons.filter((x) => x.stage === 'final_weights' && x.max_abs !== null)
  if (layers.length === 0) return ''
  return barChart(
    'final weights: greatest |a − b| per layer',
    layers.map((x) => ({ label: x.artifact, value: x.max_abs ?? 0, failed: !x.passed && !x.ledger_id })),
  )
}

function importanceTable(a: RunReport | undefined, b: RunReport | undefined, pair: readonly [string, string]): string {
  if (!a?.feature_importance && !b?.feature_importance) return ''
  const ta = a?.feature_importance ? topFeatures(a.feature_importance) : []
  const tb = b?.feature_importance ? topFeatures(b.feature_importance) : []
  const n = Math.max(ta.length, tb.length)
  const rows = Array.from({ length: n }, (_, i) => {
    const na = ta[i]
    const nb = tb[i]
    const va = na !== undefined ? a!.feature_importance![na]! : null
    const vb = nb !== undefined ? b!.feature_importance![nb]! : null
    return `<tr><td>${i + 1}</td><td>${e(na ?? '—')}</td><td>${fmt(va)}</td><td>${e(nb ?? '—')}</td><td>${fmt(vb)}</td></tr>`
  })
  return boxed(
    `<table class="importance"><tr><th>#</th><th>${e(pair[0])} feature</th><th>importance</th><th>${e(pair[1])} feature</th><th>importance</th></tr>${rows.join('')}</table>`,
  )
}

function cellSection(c: CellReport, runs: ReadonlyMap<string, RunReport>): string {
  const a = runs.get(c.runs.a)
  const b = runs.get(c.runs.b)
  const failing = ['diverged', 'error', 'inconclusive'].includes(c.verdict)
  const parts: string[] = [`<p><b>${e(c.verdict)}</b> — ${e(c.summary)}</p>`]
  if (c.first_divergence) {
    const f = c.first_divergence
    parts.push(
      `<p>First divergence: <b>${e(f.stage)}</b> / <code>${e(f.artifact)}</code>${f.location ? ` at ${e(f.location)}` : ''}.<br>${e(f.detail)}</p>`,
      `<p>Affected after it (not blamed): ${c.affected.length ? c.affected.map((s) => `<code>${e(s)}</code>`).join(' ') : 'none'}</p>`,
    )
  }
  if (c.error) {
    parts.push(
      `<p>Side ${e(c.error.side)} failed${c.error.timed_out ? ' (timed out)' : ''}: ${e(c.error.message)}</p><pre>${e(c.error.log_tail)}</pre>`,
    )
  }
  const failed = c.comparisons.filter((x) => !x.passed)
  if (failed.length) {
    const worst = [...failed].sort((x, y) => Number(x.ledger_id !== null) - Number(y.ledger_id !== null)).slice(0, 25)
    parts.push(
      `<p>Worst elements (${failed.length} comparisons out of tolerance${failed.length > worst.length ? `, first ${worst.length} shown` : ''}):</p>${comparisonRows(worst)}`,
    )
  }
  parts.push(curves(a, b, c.pair), weightBars(c), importanceTable(a, b, c.pair))
  parts.push(
    `<details><summary>All ${c.comparisons.length} comparisons</summary>${comparisonRows(c.comparisons)}</details>`,
  )
  parts.push(`<p>Replay: <code>${e(c.replay)}</code></p>`)
  return `<details id="${e(anchor(c))}"${failing ? ' open' : ''}><summary>${verdictMark(c.verdict)} ${e(c.strategy)} — ${e(pairLabel(c.pair))}</summary>${parts.join('')}</details>`
}

function canaries(report: EquivalenceReport): string {
  if (report.canaries.length === 0) return '<p class="muted">Canaries were not run.</p>'
  const rows = report.canaries.map(
    (c) =>
      `<tr><td>${e(c.name)}</td><td>${e(c.description)}</td><td>${e(c.expected_stage)}</td><td>${c.caught ? 'yes' : '<b>NO</b>'}</td><td>${c.localized ? e(c.localized_stage ?? '') : `<b>${e(c.localized_stage ?? '—')}</b>`}</td><td>${e(c.detail)}</td><td><code>${e(c.replay)}</code></td></tr>`,
  )
  return boxed(
    `<table id="canaries"><tr><th>canary</th><th>fault</th><th>expected stage</th><th>caught</th><th>blamed stage</th><th>first divergence</th><th>replay</th></tr>${rows.join('')}</table>`,
  )
}

/** A ledger predicate in words: `any`, `missing on b`, `values 200 / 404`, … */
function predicateText(p: LedgerPredicate): string {
  switch (p.kind) {
    case 'any':
      return 'any difference'
    case 'missing_on':
      return `missing on ${p.side}`
    case 'max_abs_below':
      return `max |a − b| < ${sci(p.value)}`
    case 'max_rel_below':
      return `max rel < ${sci(p.value)}`
    case 'fields_missing_on':
      return `only missing on ${p.side}: ${p.fields.join(', ')}`
    case 'values':
      return `a = ${JSON.stringify(p.a)}, b = ${JSON.stringify(p.b)}`
  }
}

function ledger(report: EquivalenceReport): string {
  const rows = report.ledger.entries.map((x) => {
    const state = x.expired
      ? '<b>EXPIRED</b>'
      : x.stale
        ? '<b>STALE</b>'
        : x.evaluated
          ? 'in force'
          : '<span class="muted">not evaluated</span>'
    const scope = x.profiles ? `<br><span class="muted">profiles: ${e(x.profiles.join(', '))}</span>` : ''
    return `<tr><td>${e(x.id)}${scope}</td><td>${pairHtml(x.pair)}</td><td>${e(x.stage)}</td><td><code>${e(x.artifact)}</code></td><td>${e(predicateText(x.predicate))}</td><td>${e(x.reason)}</td><td>${e(x.owner)}</td><td class="nowrap">${e(x.expires)}</td><td>${x.hits}</td><td class="nowrap">${state}</td></tr>`
  })
  return `<p class="muted">${e(report.ledger.file)}</p>${boxed(`<table id="ledger"><tr><th>id</th><th>pair</th><th>stage</th><th>artifact</th><th>predicate</th><th>reason</th><th>owner</th><th>expires</th><th>hits</th><th>state</th></tr>${rows.join('')}</table>`)}`
}

function provenance(report: EquivalenceReport): string {
  const s = report.settings
  const kv = (k: string, v: string): string => `<tr><th>${e(k)}</th><td>${e(v)}</td></tr>`
  const hostDelays = s.host_old_delays_ms
    ? `old host started by the harness with batch sleep ${s.host_old_delays_ms.batch} ms, epoch sleep ${s.host_old_delays_ms.epoch} ms (original: 100 / 500 ms)`
    : s.host_url
      ? `hosts at ${s.host_url} (not started by the harness)`
      : 'no host started'
  return boxed(
    `<table>${[
      kv('commit', report.environment.commit),
      kv('device', report.environment.device),
      kv('platform', `${report.environment.platform}, ${report.environment.cpus} CPUs`),
      kv(
        'versions',
        Object.entries(report.environment.versions)
          .map(([k, v]) => `${k} ${v}`)
          .join(', '),
      ),
      kv('profile', `${s.profile}: ${s.start_date} → ${s.end_date}, epochs ${s.epochs ?? "strategy's own"}`),
      kv('seeds', `${s.seed} (noise floor against ${s.noise_seed})`),
      kv('jobs / shard / cell timeout', `${s.jobs} / ${s.shard ?? 'whole matrix'} / ${s.cell_timeout_s} s`),
      kv('hosts', hostDelays),
      kv('data', s.data_dir),
      ...Object.entries(s.data_hashes).map(([f, h]) => kv(f, `sha256 ${h}`)),
      kv('generated', report.generated_at),
    ].join('')}</table>`,
  )
}

function timings(report: EquivalenceReport): string {
  const rows = [...report.runs]
    .sort((x, y) => (y.timings.wall ?? 0) - (x.timings.wall ?? 0))
    .map(
      (r) =>
        `<tr><td>${e(r.key)}</td><td>${e(r.status)}</td><td>${(r.timings.wall ?? 0).toFixed(2)} s</td><td>${e(r.device ?? '—')}</td><td><code>${e((r.weights_sha256 ?? '—').slice(0, 16))}</code></td></tr>`,
    )
  return `<p>Total ${report.timings.total_s.toFixed(1)} s wall; runs ${report.timings.runs_s.toFixed(1)} s summed.</p><details><summary>${report.runs.length} runs</summary>${boxed(`<table><tr><th>run</th><th>status</th><th>wall</th><th>device</th><th>weights sha256</th></tr>${rows.join('')}</table>`)}</details>`
}

/** Renders the HTML page. */
export function renderHtml(report: EquivalenceReport): string {
  const runs = new Map(report.runs.map((r) => [r.key, r]))
  const failing = report.cells.filter((c) => ['diverged', 'error', 'inconclusive'].includes(c.verdict))
  const links = Object.entries(report.links)
    .map(([k, href]) => `<a href="${e(href)}">${e(k.replace(/_/g, '.'))}</a>`)
    .join(' · ')
  const replays = failing.map((c) => `<li>${e(c.strategy)} ${e(pairLabel(c.pair))}: <code>${e(c.replay)}</code></li>`)
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Equivalence gate: ${e(report.verdict)}</title><style>${CSS}</style></head><body>
<div id="verdict" class="banner ${report.verdict}"><h1>Equivalence gate: ${e(report.verdict.toUpperCase())} — exit code ${report.exit_code}</h1><ul>${report.reasons.map((r) => `<li>${e(r)}</li>`).join('')}</ul></div>
${links ? `<p>Also: ${links}</p>` : ''}
<h2>Matrix: strategy × path pair</h2>${matrix(report)}
<p class="muted">Budget: the largest share of its tolerance any numeric comparison used; "bitwise" when every comparison was exact.</p>
<h2>Failing cells</h2>${failing.length ? failing.map((c) => cellSection(c, runs)).join('') : '<p>None.</p>'}
${oracleHtml(report)}
<h2>Canaries (gate self-test)</h2>${canaries(report)}
<h2>All cells</h2>${report.cells
    .filter((c) => !failing.includes(c))
    .map((c) => cellSection(c, runs))
    .join('')}
<h2>Known differences in force</h2>${ledger(report)}
<h2>Provenance</h2>${provenance(report)}
<h2>Replay</h2>${replays.length ? `<ul>${replays.join('')}</ul>` : '<p>No failing cell. Every cell section carries its own replay command.</p>'}
<h2>Timings</h2>${timings(report)}
<p class="muted">schema ${e(report.schema_version)} · reports/equivalence.json holds every figure shown here.</p>
</body></html>
`
}

/** Writes equivalence.html: the self-contained report (no network). @public */
export const htmlReporter: Reporter = {
  fileName: 'equivalence.html',
  render: renderHtml,
}
