import { test } from '@japa/runner'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { MutantStatus } from '../../../../harness/mutation/classify.ts'
import {
  buildMutationReport,
  MUTATION_SCHEMA_VERSION,
  writeMutationReports,
  type MutantRecord,
  type MutationReport,
} from '../../../../harness/mutation/report.ts'

function mutant(id: string, status: MutantStatus, extra: Partial<MutantRecord> = {}): MutantRecord {
  return {
    id,
    file: 'reference/fuzzy/triangular.ts',
    line: 12,
    column: 19,
    operator: 'relational',
    original: '>=',
    mutated: '>',
    scope: 'triangular',
    status,
    crash_kind: status === 'crashed' ? 'throws' : null,
    blamed_stage: status === 'localized' ? 'fuzzy' : status === 'killed' ? 'features' : null,
    expected_stage: 'fuzzy',
    observed_stage: status === 'not_observable' || status === 'crashed' ? null : 'fuzzy',
    reached: true,
    observed:
      status === 'survived'
        ? [
            {
              key: 'anomalies/s1',
              dataset: 'anomalies',
              strategy: 's1',
              stages: ['fuzzy'],
              artifacts: ['EURUSD/fuzzy_1h.csv'],
            },
          ]
        : [],
    gate: null,
    detail: status === 'crashed' ? 'gate/s1: RangeError: <b>x</b>' : null,
    explanation: null,
    source_line: '  if (x <= a || x >= c) return 0',
    diff: '--- a/reference/fuzzy/triangular.ts\n+++ b/reference/fuzzy/triangular.ts\n@@ -12,1 +12,1 @@\n-  if (x <= a || x >= c) return 0\n+  if (x <= a || x > c) return 0',
    duration_s: 1.5,
    ...extra,
  }
}

function report(mutants: MutantRecord[]): MutationReport {
  return buildMutationReport({
    generated_at: '2026-12-03T12:00:00.000Z',
    settings: {
      files: ['reference/fuzzy/**'],
      matched_files: ['reference/fuzzy/triangular.ts'],
      sites_total: 20,
      max: null,
      seed: 42,
      strategies: ['s1'],
      gate: { mode: 'in-process', command: 'node bin/ktrdr-train.js equivalence …', profile: 'quick', seed: 42 },
      datasets: [{ name: 'gate', start_date: '2024-01-01', end_date: '2024-03-03' }],
    },
    mutants,
    stage_sites: new Map([
      ['fuzzy', 20],
      ['features', 4],
    ]),
    not_compiling: [
      {
        id: 'M0006',
        file: 'reference/fuzzy/triangular.ts',
        line: 14,
        original: '===',
        mutated: '!==',
        error: "reference/fuzzy/triangular.ts:14:3 Type 'undefined' cannot be used as an index type.",
      },
    ],
    stale_explanations: [],
    timings: { total_s: 10, baseline_s: 2, observe_s: 5, gate_s: 3 },
  })
}

test.group('mutation/report: mutation.json and mutation.html', () => {
  test('the JSON carries the contract fields, per-file counts and the two scores', ({ assert }) => {
    const r = report([
      mutant('M0001', 'localized'),
      mutant('M0002', 'killed'),
      mutant('M0003', 'survived', { explanation: 'equivalent on every series' }),
      mutant('M0004', 'not_observable', { reached: false }),
      mutant('M0005', 'crashed'),
    ])
    const dir = mkdtempSync(join(tmpdir(), 'mutation-report-'))
    try {
      const written = writeMutationReports(r, dir)
      assert.deepEqual(written, [join(dir, 'mutation.json'), join(dir, 'mutation.html')])
      assert.deepEqual(readdirSync(dir).sort(), ['mutation.html', 'mutation.json'], 'no temporary file is left')
      const json = JSON.parse(readFileSync(written[0]!, 'utf8')) as MutationReport
      assert.equal(json.schema_version, MUTATION_SCHEMA_VERSION)
      assert.includeMembers(Object.keys(json), ['schema_version', 'mutants', 'score_killed', 'score_localized'])
      for (const m of json.mutants) {
        assert.includeMembers(Object.keys(m), [
          'file',
          'line',
          'original',
          'mutated',
          'status',
          'blamed_stage',
          'expected_stage',
        ])
      }
      assert.equal(json.score_killed, 2 / 3)
      assert.equal(json.score_localized, 1 / 2)
      assert.deepEqual(json.per_file, [
        {
          file: 'reference/fuzzy/triangular.ts',
          total: 5,
          not_reached: 1,
          not_observable: 1,
          killed: 1,
          localized: 1,
          survived: 1,
          crashed: 1,
        },
      ])
      assert.equal(json.counts.survived_explained, 1)
      assert.deepEqual(json.counts.crashed_by_kind, { throws: 1, timeout: 0, gate_error: 0 })
      assert.deepEqual(
        json.per_stage.map((s) => [s.stage, s.sites, s.total, s.localized, s.survived, s.score_killed]),
        [
          ['fuzzy', 20, 5, 1, 1, 2 / 3],
          ['features', 4, 0, 0, 0, null],
        ],
        'per owning stage, in pipeline order, stages without a mutant listed',
      )
      assert.equal(json.counts.total, 5, 'a site whose mutant does not compile is no mutant')
      assert.deepEqual(
        json.not_compiling.map((n) => n.id),
        ['M0006'],
      )
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  test('the HTML is self-contained, shows each survivor with its diff and explanation, and escapes text', ({
    assert,
  }) => {
    const html = writeAndRead(
      report([
        mutant('M0003', 'survived', { explanation: 'equivalent on every series' }),
        mutant('M0007', 'survived', { line: 13 }),
        mutant('M0002', 'killed'),
        mutant('M0005', 'crashed'),
      ]),
    )
    assert.notMatch(html, /<script|<link|https?:\/\//)
    assert.include(html, 'id="M0003"')
    assert.include(html, '<span class="del">-  if (x &lt;= a || x &gt;= c) return 0</span>')
    assert.include(html, '<span class="add">+  if (x &lt;= a || x &gt; c) return 0</span>')
    assert.include(html, 'Explained:</b> equivalent on every series')
    assert.include(html, 'Not explained')
    assert.include(html, 'anomalies / s1: fuzzy')
    assert.include(html, 'gate/s1: RangeError: &lt;b&gt;x&lt;/b&gt;')
    assert.include(html, 'Survivors (2)')
    assert.include(html, '1 crashed (1 throws, 0 timeout, 0 gate_error); 1 sites passed over by the draw')
    assert.include(html, '<h2>Per stage</h2>')
    assert.include(html, 'class="banner fail"')
  })

  test('the banner passes when both scores reach 95 %', ({ assert }) => {
    const html = writeAndRead(report(Array.from({ length: 20 }, (_, i) => mutant(`M${i}`, 'localized'))))
    assert.include(html, 'class="banner pass"')
    assert.include(html, 'killed 100.0 % of observable mutants, localized 100.0 % of killed')
  })
})

function writeAndRead(r: MutationReport): string {
  const dir = mkdtempSync(join(tmpdir(), 'mutation-report-'))
  try {
    return readFileSync(writeMutationReports(r, dir)[1]!, 'utf8')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
