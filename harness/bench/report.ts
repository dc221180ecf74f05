/**
 * Bench report writers: `bench.json` (the contract of issue 8: `pairs[]` with name, old, new, ratio_median,
 * ci, verdict, samples) and a self-contained `bench.html` charting each ratio with its interval against the
 * 1.05 threshold, plus the scaling and training-throughput tables when those suites ran.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { PairResult } from './paired.ts'
import type { ScalingReport } from './scaling.ts'

/** bench.json: the verdict, one paired result per stage and for the whole path, and the scaling table. @public */
export interface BenchReport {
  readonly schema_version: 1
  readonly verdict: 'pass' | 'fail' | 'inconclusive'
  readonly threshold: number
  readonly environment: { readonly node: string; readonly cpus: number; readonly platform: string }
  readonly pairs: readonly PairResult[]
  readonly scaling: ScalingReport | null
  readonly duration_s: number
}

/** Overall verdict: any fail → fail; else any inconclusive → inconclusive; else pass (an empty run fails). */
export function overallVerdict(pairs: readonly PairResult[]): BenchReport['verdict'] {
  if (pairs.length === 0 || pairs.some((p) => p.verdict === 'fail')) return 'fail'
  return pairs.some((p) => p.verdict === 'inconclusive') ? 'inconclusive' : 'pass'
}

function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}`
  writeFileSync(tmp, text)
  renameSync(tmp, path)
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)
const fmt = (x: number, digits = 3) => (Number.isFinite(x) ? x.toFixed(digits) : '—')

function ratioChart(pairs: readonly PairResult[], threshold: number): string {
  const rowH = 22
  const width = 720
  const left = 260
  const plotW = width - left - 20
  const finite = pairs.flatMap((p) => [p.ci[0], p.ci[1], p.ratio_median]).filter(Number.isFinite)
  const lo = Math.min(0.8, ...finite)
  const hi = Math.max(1.3, ...finite)
  const x = (v: number) => left + ((v - lo) / (hi - lo)) * plotW
  const height = rowH * pairs.length + 40
  const rows = pairs.map((p, i) => {
    const y = 20 + i * rowH
    const colour = p.verdict === 'pass' ? '#2e7d32' : p.verdict === 'fail' ? '#c62828' : '#ef6c00'
    const bar = Number.isFinite(p.ci[0])
      ? `<line x1="${x(p.ci[0])}" x2="${x(p.ci[1])}" y1="${y}" y2="${y}" stroke="${colour}" stroke-width="3"/>` +
        `<circle cx="${x(p.ratio_median)}" cy="${y}" r="4" fill="${colour}"/>`
      : `<text x="${left}" y="${y + 4}" font-size="11" fill="#c62828">no measurement</text>`
    return `<text x="4" y="${y + 4}" font-size="11">${escapeHtml(p.name)}</text>${bar}`
  })
  const ticks = [lo, 1, threshold, hi].map(
    (v) =>
      `<line x1="${x(v)}" x2="${x(v)}" y1="10" y2="${height - 20}" stroke="${v === threshold ? '#c62828' : '#bbb'}" stroke-dasharray="4 3"/>` +
      `<text x="${x(v) - 10}" y="${height - 6}" font-size="10">${v.toFixed(2)}</text>`,
  )
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" role="img" aria-label="ratio chart">${ticks.join('')}${rows.join('')}</svg>`
}

function pairsTable(pairs: readonly PairResult[]): string {
  const rows = pairs
    .map(
      (p) =>
        `<tr class="${p.verdict}"><td>${escapeHtml(p.name)}</td><td>${escapeHtml(p.stage)}</td>` +
        `<td>${fmt(p.old?.wall_ms_median ?? NaN)}</td><td>${fmt(p.new?.wall_ms_median ?? NaN)}</td>` +
        `<td>${fmt(p.old?.cpu_ms_median ?? NaN)}</td><td>${fmt(p.new?.cpu_ms_median ?? NaN)}</td>` +
        `<td>${fmt(p.ratio_median)}</td><td>[${fmt(p.ci[0])}, ${fmt(p.ci[1])}]</td><td>${p.samples}</td>` +
        `<td>${fmt(p.new?.heap_used_mb_max ?? NaN, 1)}</td><td><b>${p.verdict}</b>${p.error ? ` — ${escapeHtml(p.error)}` : ''}</td></tr>`,
    )
    .join('\n')
  return `<table><tr><th>pair</th><th>stage</th><th>old ms</th><th>new ms</th><th>old cpu ms</th><th>new cpu ms</th><th>ratio</th><th>95 % CI</th><th>pairs</th><th>heap MB</th><th>verdict</th></tr>${rows}</table>`
}

function scalingTable(scaling: ScalingReport): string {
  const rows = scaling.rows
    .map(
      (r) =>
        `<tr><td>${r.bars.toLocaleString('en')}</td><td>${fmt(r.reference_ms, 1)}</td><td>${fmt(r.technicalindicators_ms, 1)}</td></tr>`,
    )
    .join('')
  return (
    `<h2>Scaling of the pre-model stages</h2><p>Fitted exponent (time ∝ bars^k): reference k = ${fmt(scaling.reference_exponent)}, ` +
    `technicalindicators k = ${fmt(scaling.technicalindicators_exponent)}. ${escapeHtml(scaling.note)}</p>` +
    `<table><tr><th>bars</th><th>reference ms</th><th>technicalindicators ms</th></tr>${rows}</table>`
  )
}

/** Writes bench.json and bench.html into `dir` (atomically); returns their paths. @public */
export function writeBenchReport(dir: string, report: BenchReport): { json: string; html: string } {
  mkdirSync(dir, { recursive: true })
  const json = join(dir, 'bench.json')
  const html = join(dir, 'bench.html')
  writeAtomic(json, JSON.stringify(report, null, 2))
  const page = `<!doctype html><html><head><meta charset="utf-8"><title>ktrdr-training bench</title>
<style>body{font:14px system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:12px 0}
td,th{border:1px solid #ddd;padding:4px 8px;text-align:right}td:first-child,th:first-child{text-align:left}
tr.fail{background:#fdecea}tr.inconclusive{background:#fff4e5}.verdict{font-size:18px;font-weight:600}</style></head><body>
<h1>Performance gate</h1>
<p class="verdict">Verdict: ${report.verdict.toUpperCase()} — new/old median ratio per task, 95 % bootstrap interval, threshold ${report.threshold}</p>
<p>Paired, interleaved measurement (old and new alternate within each round; the statistic is the per-round ratio).
pass: interval ≤ ${report.threshold}; fail: interval &gt; ${report.threshold}; otherwise sampled further, then inconclusive.</p>
${ratioChart(report.pairs, report.threshold)}
${pairsTable(report.pairs)}
${report.scaling ? scalingTable(report.scaling) : ''}
<p>Node ${escapeHtml(report.environment.node)}, ${report.environment.cpus} CPUs, ${escapeHtml(report.environment.platform)}; ${fmt(report.duration_s, 1)} s.</p>
</body></html>`
  writeAtomic(html, page)
  return { json, html }
}
