/**
 * `reports/equivalence.json`: the report object as JSON (schema: harness/report/schema.json). JSON has no
 * Infinity or NaN, so non-finite numbers are written as the strings `inf`, `-inf` and `NaN`.
 */
import type { EquivalenceReport } from './model.ts'
import type { Reporter } from './reporter.ts'

function finiteOrText(_key: string, value: unknown): unknown {
  if (typeof value !== 'number' || Number.isFinite(value)) return value
  return Number.isNaN(value) ? 'NaN' : value > 0 ? 'inf' : '-inf'
}

/** Serialises a report (two-space indent, trailing newline). */
export function reportToJson(report: EquivalenceReport): string {
  return `${JSON.stringify(report, finiteOrText, 2)}\n`
}

/** Writes equivalence.json, the versioned machine-readable report. @public */
export const jsonReporter: Reporter = {
  fileName: 'equivalence.json',
  render: reportToJson,
}
