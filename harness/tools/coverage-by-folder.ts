/**
 * Prints line coverage per top-level folder (and for reference/runtime/) from c8's json-summary output, so
 * `make coverage` shows at a glance whether reference/ meets its ≥ 90 % bar (≥ 95 % for reference/runtime/).
 */
import { readFileSync } from 'node:fs'
import { relative, resolve } from 'node:path'

interface Counts {
  total: number
  covered: number
}

const summaryPath = process.argv[2] ?? 'coverage/coverage-summary.json'
const summary = JSON.parse(readFileSync(summaryPath, 'utf8')) as Record<string, { lines: Counts }>
const root = resolve('.')
const groups = new Map<string, Counts>()

function add(group: string, lines: Counts): void {
  const acc = groups.get(group) ?? { total: 0, covered: 0 }
  acc.total += lines.total
  acc.covered += lines.covered
  groups.set(group, acc)
}

for (const [file, entry] of Object.entries(summary)) {
  if (file === 'total') continue
  const rel = relative(root, file)
  add(rel.split('/')[0]!, entry.lines)
  if (rel.startsWith('reference/runtime/')) add('reference/runtime', entry.lines)
}

console.log('line coverage by folder')
for (const [group, c] of [...groups.entries()].sort(([a], [b]) => a.localeCompare(b))) {
  const pct = c.total === 0 ? 100 : (100 * c.covered) / c.total
  console.log(`  ${group.padEnd(20)} ${pct.toFixed(1).padStart(6)} %  (${c.covered}/${c.total} lines)`)
}
