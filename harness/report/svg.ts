/**
 * Inline SVG charts for the self-contained HTML report (no scripts, no network): a line chart for loss and
 * accuracy curves and a horizontal bar chart (log scale) for per-layer weight differences.
 */
import { sci } from '../compare/format.ts'
import { escapeHtml } from './escape.ts'

export interface Series {
  readonly name: string
  readonly color: string
  readonly values: readonly (number | null)[]
  /** Dashed stroke (to tell two sides apart when they overlap). */
  readonly dashed?: boolean
}

const W = 360
const H = 220
const PAD = { left: 48, right: 10, top: 22, bottom: 46 }

/** A line chart over epochs; non-finite points are skipped. */
export function lineChart(title: string, series: readonly Series[]): string {
  const finite = series.flatMap((s) => s.values.filter((v): v is number => v !== null && Number.isFinite(v)))
  const n = Math.max(1, ...series.map((s) => s.values.length))
  const lo = finite.length ? Math.min(...finite) : 0
  const hi = finite.length ? Math.max(...finite) : 1
  const span = hi - lo || Math.abs(hi) || 1
  const x = (i: number): number => PAD.left + (n === 1 ? 0.5 : i / (n - 1)) * (W - PAD.left - PAD.right)
  const y = (v: number): number => PAD.top + (1 - (v - lo) / span) * (H - PAD.top - PAD.bottom)
  const lines = series.map((s) => {
    const pts = s.values.flatMap((v, i) =>
      v !== null && Number.isFinite(v) ? [`${x(i).toFixed(1)},${y(v).toFixed(1)}`] : [],
    )
    const dash = s.dashed ? ' stroke-dasharray="5 3"' : ''
    const dots = pts
      .map((p) => `<circle cx="${p.split(',')[0]}" cy="${p.split(',')[1]}" r="2.5" fill="${s.color}"/>`)
      .join('')
    return `<polyline fill="none" stroke="${s.color}" stroke-width="2"${dash} points="${pts.join(' ')}"/>${dots}`
  })
  const legend = series
    .map((s, i) => {
      const lx = PAD.left + (i % 2) * 150
      const ly = H - 18 + Math.floor(i / 2) * 13
      return `<text x="${lx}" y="${ly}" font-size="11" fill="${s.color}">${s.dashed ? '- -' : '—'} ${escapeHtml(s.name)}</text>`
    })
    .join('')
  return (
    `<svg class="chart" role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" xmlns="http://www.w3.org/2000/svg">` +
    `<text x="${PAD.left}" y="14" font-size="12" font-weight="bold">${escapeHtml(title)}</text>` +
    `<line x1="${PAD.left}" y1="${H - PAD.bottom}" x2="${W - PAD.right}" y2="${H - PAD.bottom}" stroke="#999"/>` +
    `<line x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${H - PAD.bottom}" stroke="#999"/>` +
    `<text x="4" y="${PAD.top + 8}" font-size="10">${escapeHtml(hi.toPrecision(3))}</text>` +
    `<text x="4" y="${H - PAD.bottom}" font-size="10">${escapeHtml(lo.toPrecision(3))}</text>` +
    `<text x="${W - PAD.right - 40}" y="${H - PAD.bottom + 12}" font-size="10">epoch ${n - 1}</text>` +
    `<text x="${PAD.left}" y="${H - PAD.bottom + 12}" font-size="10">epoch 0</text>` +
    lines.join('') +
    legend +
    '</svg>'
  )
}

export interface Bar {
  readonly label: string
  /** A non-negative value; 0 is drawn as an empty bar labelled "0 (bitwise)". */
  readonly value: number
  readonly failed: boolean
}

/** Horizontal bars on a log10 axis from 1e-12 to max(1, largest value). */
export function barChart(title: string, bars: readonly Bar[]): string {
  const rowH = 18
  const h = 26 + bars.length * rowH
  const labelW = 130
  const barW = W + 100 - labelW - 70
  const floor = -12
  const top = Math.max(0, Math.ceil(Math.log10(Math.max(1, ...bars.map((b) => b.value)))))
  const len = (v: number): number => (v <= 0 ? 0 : (Math.max(0, Math.log10(v) - floor) / (top - floor)) * barW)
  const rows = bars.map((b, i) => {
    const yy = 22 + i * rowH
    const color = b.failed ? '#c62828' : '#2e7d32'
    return (
      `<text x="0" y="${yy + 12}" font-size="11">${escapeHtml(b.label)}</text>` +
      `<rect x="${labelW}" y="${yy + 2}" width="${len(b.value).toFixed(1)}" height="${rowH - 5}" fill="${color}"/>` +
      `<text x="${labelW + len(b.value) + 4}" y="${yy + 12}" font-size="10">${b.value === 0 ? '0 (bitwise)' : sci(b.value)}</text>`
    )
  })
  return (
    `<svg class="chart" role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${W + 100} ${h}" width="${W + 100}" height="${h}" xmlns="http://www.w3.org/2000/svg">` +
    `<text x="0" y="14" font-size="12" font-weight="bold">${escapeHtml(title)}</text>` +
    rows.join('') +
    '</svg>'
  )
}
