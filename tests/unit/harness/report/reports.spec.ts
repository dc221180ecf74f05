import { test } from '@japa/runner'
import { renderHtml } from '../../../../harness/report/html.ts'
import { reportToJson } from '../../../../harness/report/json.ts'
import { renderMarkdown } from '../../../../harness/report/markdown.ts'
import { mergeReports } from '../../../../harness/report/merge.ts'
import { validateAgainstSchema, validateReport } from '../../../../harness/report/schema-check.ts'
import { syntheticReport } from '../fixtures/synthetic-report.ts'

test.group('report/json + schema: the machine-readable report', () => {
  test('a generated report validates against harness/report/schema.json', ({ assert }) => {
    for (const report of [syntheticReport(), syntheticReport({ breakLabels: true })]) {
      assert.deepEqual(validateReport(JSON.parse(reportToJson(report))), [])
    }
  })

  test('the validator reports missing fields, wrong types, unknown fields and enum violations with their path', ({
    assert,
  }) => {
    const report = JSON.parse(reportToJson(syntheticReport())) as Record<string, unknown>
    delete report.verdict
    ;(report.cells as Record<string, unknown>[])[0]!.verdict = 'fine'
    ;(report.settings as Record<string, unknown>).seed = 'x'
    report.extra = 1
    assert.sameMembers(validateReport(report), [
      '$: missing required field verdict',
      '$.cells[0].verdict: "fine" is not one of ["equivalent","known-divergence","diverged","error","inconclusive"]',
      '$.settings.seed: expected integer, got string',
      '$: unexpected field extra',
    ])
    assert.deepEqual(validateAgainstSchema(1.5, { type: 'integer' }), ['$: expected integer, got number'])
  })

  test('non-finite numbers are written as text so the JSON stays valid', ({ assert }) => {
    const report = syntheticReport()
    const json = reportToJson({ ...report, timings: { ...report.timings, total_s: Number.POSITIVE_INFINITY } })
    assert.include(json, '"total_s": "inf"')
  })
})

test.group('report/merge: shards into one report', () => {
  test('cells add up, ledger hits are summed and staleness and the gate are decided over the union', ({ assert }) => {
    const shards = [1, 2].map((index) => syntheticReport({ strategies: ['s1', 's2'], shard: { index, count: 2 } }))
    const merged = mergeReports(shards, ['a.json', 'b.json'])
    assert.lengthOf(merged.cells, 6)
    assert.equal(merged.settings.shard, 'merged 1/2, 2/2')
    assert.isTrue(merged.ledger.entries[0]!.stale)
    assert.equal(merged.exit_code, 1)
    assert.deepEqual(merged.reasons, ['ledger entry KD-UNUSED is stale: its pair was compared and it matched nothing'])
  })

  test('the same cell in two shards is refused', ({ assert }) => {
    const one = syntheticReport()
    assert.throws(
      () => mergeReports([one, one], ['a.json', 'b.json']),
      'b.json: cell s1:local_new~local_old appears in more than one shard',
    )
  })
})

test.group('report/html + markdown: the human reports', () => {
  test('the HTML is self-contained: no script, no stylesheet link, no remote URL', ({ assert }) => {
    const html = renderHtml(syntheticReport({ breakLabels: true }))
    assert.notMatch(html, /<script|<link|src="http|href="http/)
    assert.include(html, 'id="matrix"')
    assert.include(html, '<svg class="chart"')
    assert.include(html, 'Equivalence gate: FAIL — exit code 1')
    assert.include(html, 'First divergence: <b>labels</b>')
  })

  test('the Markdown summary names the failing cell, its first divergence and its replay command', ({ assert }) => {
    const md = renderMarkdown(syntheticReport({ breakLabels: true }))
    assert.include(md, '## ❌ Equivalence gate: FAIL (exit 1)')
    assert.include(md, '| s1 | ✗ diverged (at labels) |')
    assert.include(
      md,
      'replay: `node bin/ktrdr-train.js equivalence --strategies s1 --paths local_new,local_old --seed 42 --profile quick --no-canaries`',
    )
  })
})
