import { test } from '@japa/runner'
import { summarizeRuns, verdictMap, type GateRunOutcome } from '../../../../harness/stability/gate-stability.ts'
import { syntheticReport } from '../fixtures/synthetic-report.ts'

const context = { profile: 'quick', load: { cpu_workers: 2, file_writers: 1 }, cpus: 2, generated_at: 'now' }
const run = (cells: Record<string, string>, verdict: GateRunOutcome['verdict'] = 'pass'): GateRunOutcome => ({
  verdict,
  exitCode: verdict === 'pass' ? 0 : 1,
  durationS: 61.234,
  cells,
})

test.group('stability/gate-stability: are the runs’ verdicts the same?', () => {
  test('identical passing runs are reported with the required fields', ({ assert }) => {
    const cells = { 's:local_new~local_old': 'known-divergence', 'canary:atr_wilder': 'caught' }
    const report = summarizeRuns([run(cells), run(cells), run(cells)], context)
    assert.equal(report.runs, 3)
    assert.deepEqual(report.verdicts, ['pass', 'pass', 'pass'])
    assert.isTrue(report.cell_verdicts_identical)
    assert.deepEqual(report.durations_s, [61.2, 61.2, 61.2])
    assert.isTrue(report.all_passed)
    assert.deepEqual(report.differing, {})
  })

  test('one cell that changes its verdict in one run makes the runs differ, and names the cell', ({ assert }) => {
    const a = { 's:host_new~host_new': 'equivalent', 's:local_new~local_old': 'known-divergence' }
    const b = { ...a, 's:host_new~host_new': 'diverged' }
    const report = summarizeRuns([run(a), run(b, 'fail'), run(a)], context)
    assert.isFalse(report.cell_verdicts_identical)
    assert.isFalse(report.all_passed)
    assert.deepEqual(report.differing, { 's:host_new~host_new': ['equivalent', 'diverged', 'equivalent'] })
    assert.isFalse(summarizeRuns([run({}), run({}, 'error')], context).cell_verdicts_identical)
  })

  test('a report gives one verdict per cell and one outcome per canary', ({ assert }) => {
    const report = syntheticReport()
    const map = verdictMap(report)
    for (const cell of report.cells) assert.equal(map[cell.id], cell.verdict)
    assert.lengthOf(Object.keys(map), report.cells.length + report.canaries.length)
  })
})
