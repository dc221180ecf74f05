import { test } from '@japa/runner'
import { gateOf } from '../../../../harness/matrix/assess.ts'
import { skippedOracle } from '../../../../harness/oracle/matrix.ts'
import { compareMeans, summarize } from '../../../../harness/oracle/training-stats.ts'
import { renderHtml } from '../../../../harness/report/html.ts'
import { reportToJson } from '../../../../harness/report/json.ts'
import { renderMarkdown } from '../../../../harness/report/markdown.ts'
import { mergeReports } from '../../../../harness/report/merge.ts'
import type { EquivalenceReport, OracleReport, OracleTrainingCell } from '../../../../harness/report/model.ts'
import { validateReport } from '../../../../harness/report/schema-check.ts'
import { syntheticReport } from '../fixtures/synthetic-report.ts'

function trainingCell(a: number[], b: number[]): OracleTrainingCell {
  const sa = summarize(a)
  const sb = summarize(b)
  const judged = compareMeans(sa, sb)
  return {
    id: 's1:ktrdr_py~local_old/training',
    strategy: 's1',
    pair: ['ktrdr_py', 'local_old'],
    metric: 'test_accuracy',
    epochs: 5,
    seeds: [42, 43, 44],
    a: { path: 'ktrdr_py', values: a, errors: [], ...sa },
    b: { path: 'local_old', values: b, errors: [], ...sb },
    ...judged,
    verdict: judged.passed ? 'equivalent' : 'diverged',
    summary: `test accuracy ${judged.detail}`,
  }
}

function ranOracle(diverged: boolean): OracleReport {
  return {
    ...skippedOracle('unused'),
    status: 'run',
    reason: null,
    ktrdr_src: '/checkout',
    versions: { pandas: '1.5.3' },
    shims: [{ id: 'ib_insync-absent', what: 'a module', why: 'not packaged' }],
    injections: [{ id: 'seed', what: 'torch.manual_seed' }],
    stage_cells: [
      {
        id: 's1:ktrdr_py~local_old/AAPL',
        strategy: 's1',
        symbol: 'AAPL',
        timeframes: ['1h'],
        pair: ['ktrdr_py', 'local_old'],
        verdict: diverged ? 'diverged' : 'equivalent',
        summary: diverged ? 'first divergence: indicators / AAPL/1h' : '15 comparisons within 1e-9',
        first_divergence: diverged
          ? { stage: 'indicators', artifact: 'AAPL/1h', location: 'column rsi_14, row 15', detail: 'Mismatched' }
          : null,
        affected: diverged ? ['fuzzy'] : [],
        max_abs: { data: 0, indicators: diverged ? Number.POSITIVE_INFINITY : 1.5e-12, labels: 0 },
        comparisons: [],
        error: null,
        replay: 'node bin/ktrdr-train.js equivalence --strategies s1 --paths local_old,ktrdr_py',
      },
    ],
    training_cells: [trainingCell([0.55, 0.58, 0.6], [0.56, 0.59, 0.57])],
  }
}

const withOracle = (oracle: OracleReport): EquivalenceReport => ({
  ...syntheticReport(),
  paths: ['local_old', 'local_new', 'ktrdr_py'],
  oracle,
})

test.group('report: the ktrdr_py section', () => {
  test('skipped and run sections validate against the schema (infinite numbers as text)', ({ assert }) => {
    for (const report of [withOracle(skippedOracle('not run: no KTRDR checkout')), withOracle(ranOracle(true))]) {
      assert.deepEqual(validateReport(JSON.parse(reportToJson(report))), [])
    }
  })

  test('a skipped oracle is visible in Markdown and HTML and never fails the gate', ({ assert }) => {
    const report = withOracle(skippedOracle('not run: no KTRDR checkout'))
    assert.include(renderMarkdown(report), "### ktrdr_py (KTRDR's own code): not run: no KTRDR checkout — skipped")
    assert.include(renderHtml(report), 'not run: no KTRDR checkout — skipped')
    const gate = (oracle?: OracleReport) => gateOf(report.cells, report.canaries, report.ledger.entries, oracle)
    assert.deepEqual(gate(report.oracle), gate(undefined))
  })

  test('a diverged stage cell fails the gate and shows its numbers; the training cell shows means and z', ({
    assert,
  }) => {
    const report = withOracle(ranOracle(true))
    const gate = (oracle?: OracleReport) => gateOf(report.cells, report.canaries, report.ledger.entries, oracle)
    assert.deepEqual(gate(report.oracle).reasons, [
      's1 ktrdr_py~local_old/AAPL: diverged — first divergence: indicators / AAPL/1h',
      ...gate(undefined).reasons,
    ])
    const md = renderMarkdown(report)
    assert.include(md, '| s1 | AAPL (1h) | local_old | ✗ diverged | 0 | inf | — | — | — | 0 |')
    assert.include(md, '| s1 | local_old | 0.5767 ± 0.0252 (n 3) | 0.5733 ± 0.0153 (n 3) | 0.0033 |')
    assert.include(renderHtml(report), 'Shims (1) and injections (1)')
    assert.deepEqual(gate(ranOracle(false)).reasons, gate(undefined).reasons)
  })

  test('merging shards keeps the oracle section of the shard that ran it', ({ assert }) => {
    const one = { ...syntheticReport({ shard: { index: 1, count: 2 } }), oracle: ranOracle(false) }
    const two = syntheticReport({ shard: { index: 2, count: 2 } })
    assert.deepEqual(mergeReports([one, two], ['a.json', 'b.json']).oracle, ranOracle(false))
  })
})
