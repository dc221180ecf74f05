/**
 * `make gate-stability`: runs the quick-profile gate `GATE_RUNS` times (default 5) under load and writes
 * `reports/gate-stability.json`; exits 0 when every run passed with identical cell verdicts, 1 otherwise.
 * Environment: GATE_RUNS, GATE_PROFILE (default quick), GATE_REPORT_DIR (default reports), GATE_RUN_LIMIT_S.
 */
import { resolve } from 'node:path'
import { runGateStability } from '../stability/gate-stability.ts'

function positiveInteger(name: string, fallback: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 1) {
    process.stderr.write(`gate-stability: ${name} must be a positive integer, got ${JSON.stringify(raw)}\n`)
    process.exit(2)
  }
  return value
}

const reportDir = resolve(process.env.GATE_REPORT_DIR ?? 'reports')
const report = await runGateStability({
  runs: positiveInteger('GATE_RUNS', 5),
  profile: process.env.GATE_PROFILE ?? 'quick',
  load: { cpuWorkers: 2, fileWriters: 1 },
  reportDir,
  runLimitS: positiveInteger('GATE_RUN_LIMIT_S', 1800),
  log: (line) => process.stderr.write(`${line}\n`),
})
const ok = report.all_passed && report.cell_verdicts_identical
process.stdout.write(
  `gate-stability: ${ok ? 'STABLE' : 'UNSTABLE'} — ${report.verdicts.filter((v) => v === 'pass').length}/${report.runs} passed, ` +
    `cell verdicts ${report.cell_verdicts_identical ? 'identical' : `differ (${Object.keys(report.differing).join(', ')})`}, ` +
    `durations ${report.durations_s.join(' / ')} s\n  ${resolve(reportDir, 'gate-stability.json')}\n`,
)
process.exitCode = ok ? 0 : 1
