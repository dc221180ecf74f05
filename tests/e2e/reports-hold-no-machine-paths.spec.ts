// No report names a path of the machine that wrote it: not the repository (the ledger file, stack traces), not the
// temporary folder (data, models, the run's work folder), not the home folder — for a passing run and for one
// whose runs all fail with stack traces.
import { mkdtempSync, readFileSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { test } from '@japa/runner'
import { htmlReporter } from '../../harness/report/html.ts'
import { jsonReporter } from '../../harness/report/json.ts'
import { markdownReporter } from '../../harness/report/markdown.ts'
import { writeReports } from '../../harness/report/reporter.ts'
import { smokeMatrix } from './support/smoke-matrix.ts'

const MACHINE_PATHS = [resolve(import.meta.dirname, '../..'), tmpdir(), homedir()]

function assertNoMachinePath(
  assert: { notInclude(text: string, part: string, message?: string): void },
  files: string[],
) {
  for (const file of files) {
    const text = readFileSync(file, 'utf8')
    for (const path of MACHINE_PATHS) assert.notInclude(text, path, `${file} names ${path}`)
  }
}

test.group('e2e: reports name no path of the machine that ran them', () => {
  test('a passing run: ledger file, data folder and model paths are written with placeholders', async ({ assert }) => {
    const report = await smokeMatrix()
    assert.equal(report.ledger.file, '<repo>/harness/ledger/known-divergences.yaml')
    assert.match(report.settings.data_dir, /^\$TMPDIR\/ktrdr-embedded-data-/)
    assert.isTrue(report.runs.every((r) => r.model_path === null || r.model_path.startsWith('<work>/')))
    assertNoMachinePath(
      assert,
      writeReports(report, mkdtempSync(join(tmpdir(), 'ktrdr-paths-')), [jsonReporter, htmlReporter, markdownReporter]),
    )
  }).timeout(90_000)

  test('a run whose every path fails: the error messages and stack traces are written with placeholders', async ({
    assert,
  }) => {
    const report = await smokeMatrix({ dataDir: mkdtempSync(join(tmpdir(), 'ktrdr-no-data-')) })
    assert.equal(report.verdict, 'fail')
    assert.isTrue(report.cells.every((c) => c.verdict === 'error'))
    assert.include(report.cells[0]!.error!.log_tail, '<repo>/')
    assertNoMachinePath(
      assert,
      writeReports(report, mkdtempSync(join(tmpdir(), 'ktrdr-paths-')), [jsonReporter, htmlReporter, markdownReporter]),
    )
  }).timeout(90_000)
})
