/**
 * `make oracle-indicator-table`: every registry indicator type against KTRDR's own class through `ktrdr_py`
 * (harness/oracle/indicator-table.ts) — prints the Markdown table and writes
 * `<dir>/oracle-indicator-table.{md,json}`; exits 0 when every case agreed within 1e-9, 1 otherwise, 2 when
 * KTRDR cannot run here. Environment: KTRDR_SRC (the checkout), ORACLE_TABLE_CASES (cases per type, default 12),
 * ORACLE_TABLE_SEED (default 1), ORACLE_TABLE_TYPES (comma-separated subset), ORACLE_TABLE_DIR (default reports).
 */
import { join, resolve } from 'node:path'
import { writeFileAtomic } from '../../reference/data/atomic-write.ts'
import { INDICATOR_CLASS_TYPES } from '../arbitraries/indicator-classes.ts'
import { ORACLE_TOLERANCE } from '../oracle/compare.ts'
import { checkOracle, OracleSession } from '../oracle/driver.ts'
import { indicatorTableMarkdown, measureIndicatorTypes, tableAgrees } from '../oracle/indicator-table.ts'

function fail(message: string): never {
  process.stderr.write(`oracle-indicator-table: ${message}\n`)
  process.exit(2)
}

function integer(name: string, fallback: number, min: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min) fail(`${name} must be an integer ≥ ${min}, got ${JSON.stringify(raw)}`)
  return value
}

const types = process.env.ORACLE_TABLE_TYPES ? process.env.ORACLE_TABLE_TYPES.split(',') : INDICATOR_CLASS_TYPES
const unknown = types.filter((t) => !INDICATOR_CLASS_TYPES.includes(t))
if (unknown.length > 0)
  fail(`ORACLE_TABLE_TYPES: unknown ${unknown.join(', ')} (known: ${INDICATOR_CLASS_TYPES.join(', ')})`)
const casesPerType = integer('ORACLE_TABLE_CASES', 12, 1)
const seed = integer('ORACLE_TABLE_SEED', 1, 0)
const availability = await checkOracle(null)
if (!availability.available) fail(availability.reason)

const session = OracleSession.start(availability.ktrdrSrc)
const started = Date.now()
let rows
try {
  rows = await measureIndicatorTypes({
    session,
    types,
    casesPerType,
    seed,
    log: (line) => process.stderr.write(`${line}\n`),
  })
} finally {
  await session.close()
}
const atol = ORACLE_TOLERANCE.kind === 'close' ? ORACLE_TOLERANCE.atol : 0
const agrees = tableAgrees(rows, atol)
const markdown =
  `KTRDR ${availability.ktrdrSrc}; ${casesPerType} cases per type, seed ${seed}; ` +
  `${((Date.now() - started) / 1000).toFixed(0)} s\n\n${indicatorTableMarkdown(rows)}`
const dir = resolve(process.env.ORACLE_TABLE_DIR ?? 'reports')
writeFileAtomic(join(dir, 'oracle-indicator-table.md'), markdown)
writeFileAtomic(
  join(dir, 'oracle-indicator-table.json'),
  `${JSON.stringify({ ktrdr_src: availability.ktrdrSrc, cases_per_type: casesPerType, seed, atol, agrees, rows }, null, 2)}\n`,
)
process.stdout.write(
  `${markdown}\n${agrees ? 'AGREE' : 'DISAGREE'} (atol ${atol}) — ${join(dir, 'oracle-indicator-table.md')}\n`,
)
process.exitCode = agrees ? 0 : 1
