/**
 * One interface for every report format (docs/architecture.md §6.8: "one reporter per file behind one interface"): a reporter
 * renders the whole report to one file's text; {@link writeReports} writes each atomically (temp + rename).
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { EquivalenceReport } from './model.ts'

/** One report format: its file name and how it renders a report. @public */
export interface Reporter {
  /** File name inside the report directory, e.g. `equivalence.json`. */
  readonly fileName: string
  render(report: EquivalenceReport): string
}

/** Writes every reporter's file into `dir`; returns the paths written. @public */
export function writeReports(report: EquivalenceReport, dir: string, reporters: readonly Reporter[]): string[] {
  mkdirSync(dir, { recursive: true })
  return reporters.map((r) => {
    const path = join(dir, r.fileName)
    const temp = `${path}.tmp-${process.pid}`
    writeFileSync(temp, r.render(report))
    renameSync(temp, path)
    return path
  })
}
