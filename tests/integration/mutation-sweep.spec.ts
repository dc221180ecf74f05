// A real mutation sweep (harness/mutation) on one tiny file: four mutants of the triangular membership function
// judged on one multi-timeframe strategy, through the real scratch copy, observation child and in-process gate.
// The gate must kill and localize the mutants that change the fuzzy memberships, the repository must be left as it
// was, and the scratch copy must be gone. Also the scratch copy's own write / restore cycle, and the CLI's usage
// errors (exit 2).
import { test } from '@japa/runner'
import { createHash } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { main } from '../../harness/cli/main.ts'
import { loadExplanations } from '../../harness/mutation/explanations.ts'
import { ScratchCopy } from '../../harness/mutation/scratch.ts'
import { runMutationSweep } from '../../harness/mutation/sweep.ts'

const FILE = 'reference/fuzzy/triangular.ts'
const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex')

test.group('mutation sweep: a real sweep on one tiny file', () => {
  test('mutants of the triangular membership are killed and blamed on fuzzy; the repository is untouched', async ({
    assert,
  }) => {
    const parent = mkdtempSync(join(tmpdir(), 'mutation-sweep-'))
    const before = sha(FILE)
    const lines: string[] = []
    try {
      const report = await runMutationSweep({
        root: process.cwd(),
        files: [FILE],
        max: 4,
        seed: 42,
        strategies: ['multi_tf_rsi_momentum'],
        gate: { mode: 'in-process', profile: 'quick', seed: 42, cellTimeoutS: 120 },
        explanations: loadExplanations(),
        log: (line) => lines.push(line),
        workParent: parent,
      })
      assert.equal(sha(FILE), before, 'the repository file is never written')
      assert.deepEqual(readdirSync(parent), [], 'the scratch copy and the datasets are removed')
      assert.lengthOf(report.mutants, 4)
      assert.equal(report.settings.sites_total, 20)
      const localized = report.mutants.filter((m) => m.status === 'localized')
      assert.isAtLeast(localized.length, 1)
      for (const m of localized) {
        assert.deepEqual([m.blamed_stage, m.expected_stage, m.observed_stage], ['fuzzy', 'fuzzy', 'fuzzy'])
        assert.deepEqual(m.gate?.strategies, ['multi_tf_rsi_momentum'])
        assert.include(m.diff, `--- a/${FILE}`)
      }
      assert.equal(report.counts.total, 4)
      assert.deepEqual(
        report.per_stage.map((s) => [s.stage, s.sites, s.total]),
        [['fuzzy', 20, 4]],
      )
      for (const n of report.not_compiling) assert.match(n.error, /^reference\/fuzzy\/triangular\.ts:\d+:\d+ /)
      assert.equal(report.score_localized, 1)
      assert.notInclude(JSON.stringify(report), parent, 'no path of this machine in the report')
      assert.lengthOf(
        lines.filter((l) => /^mutate: \[\d\/4\] M\d{4} reference\/fuzzy\/triangular\.ts:\d+:\d+ /.test(l)),
        4,
        'one progress line per mutant',
      )
    } finally {
      rmSync(parent, { recursive: true, force: true })
    }
  }).timeout(600_000)
})

test.group('mutation sweep: the scratch copy', () => {
  test('copies the listed files, links node_modules, rewrites one file and puts it back', ({ assert }) => {
    const parent = mkdtempSync(join(tmpdir(), 'mutation-scratch-'))
    try {
      const copy = ScratchCopy.create(process.cwd(), [FILE, 'package.json'], parent)
      const path = join(copy.dir, FILE)
      assert.equal(sha(path), sha(FILE))
      assert.isTrue(readdirSync(join(copy.dir, 'node_modules')).includes('typescript'))
      copy.write(FILE, 'export {}\n')
      copy.write(FILE, 'export const x = 1\n')
      assert.equal(readFileSync(path, 'utf8'), 'export const x = 1\n')
      copy.restore()
      assert.equal(sha(path), sha(FILE), 'the first original is restored')
      writeFileSync(join(copy.dir, 'extra.txt'), 'x')
      copy.remove()
      assert.deepEqual(readdirSync(parent), [])
    } finally {
      rmSync(parent, { recursive: true, force: true })
    }
  })
})

test.group('mutation sweep: the command line', () => {
  test('usage errors exit 2 before anything runs', async ({ assert }) => {
    const errors: string[] = []
    const write = process.stderr.write.bind(process.stderr)
    process.stderr.write = ((chunk: string) => errors.push(String(chunk)) > 0) as typeof process.stderr.write
    try {
      assert.equal(await main(['mutate', '--files', 'reference/**/nothing-matches.ts']), 2)
      assert.equal(await main(['mutate', '--files', 'legacy/**']), 2)
      assert.equal(await main(['mutate', '--files', FILE, '--max', '0']), 2)
      assert.equal(await main(['mutate', '--files', FILE, '--strategies', 'nope']), 2)
      assert.equal(await main(['mutate', '--files', FILE, '--gate', 'remote']), 2)
    } finally {
      process.stderr.write = write
      process.exitCode = 0
    }
    const text = errors.join('')
    assert.include(text, 'mutate: --files "reference/**/nothing-matches.ts" matches no file of the repository')
    assert.include(text, 'only reference/*.ts files are mutated')
    assert.include(text, '--max must be a positive integer, got 0')
    assert.include(text, 'unknown strategy "nope"')
    assert.include(text, '--gate must be one of in-process, cli')
  }).timeout(60_000)
})
