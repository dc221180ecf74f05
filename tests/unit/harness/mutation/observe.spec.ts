import { test } from '@japa/runner'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { functionCalls, isReached } from '../../../../harness/mutation/coverage.ts'
import { loadExplanations, explanationFor } from '../../../../harness/mutation/explanations.ts'
import { compareObservations, stageOfArtifact } from '../../../../harness/mutation/observe.ts'

test.group('mutation/observe: comparing stage digests', () => {
  test('each artifact belongs to its stage', ({ assert }) => {
    assert.equal(stageOfArtifact('AAPL/indicators.csv'), 'indicators')
    assert.equal(stageOfArtifact('AAPL/indicators_mapped_4h.csv'), 'mapped')
    assert.equal(stageOfArtifact('AAPL/fuzzy_1h.csv'), 'fuzzy')
    assert.equal(stageOfArtifact('AAPL/feature_names.json'), 'features')
    assert.equal(stageOfArtifact('AAPL/labels.csv'), 'labels')
    assert.equal(stageOfArtifact('AAPL/pivots'), 'labels')
    assert.equal(stageOfArtifact('combine/rows'), 'combine')
    assert.equal(stageOfArtifact('split/test'), 'split')
    assert.throws(() => stageOfArtifact('AAPL/other.csv'), 'observe: no stage for artifact "AAPL/other.csv"')
  })

  test('changed artifacts are listed per dataset × strategy with their stages in pipeline order', ({ assert }) => {
    const base = {
      'gate/s1': { digests: { 'A/fuzzy.csv': '1', 'A/features.csv': '2', 'split/test': '3' } },
      'anomalies/s1': { digests: { 'A/fuzzy.csv': '4' } },
    }
    const mutant = {
      'gate/s1': { digests: { 'A/fuzzy.csv': '1', 'A/features.csv': 'x', 'split/test': 'y' } },
      'anomalies/s1': { digests: { 'A/fuzzy.csv': '4' } },
    }
    assert.deepEqual(compareObservations(base, mutant), {
      changes: [
        {
          key: 'gate/s1',
          dataset: 'gate',
          strategy: 's1',
          stages: ['features', 'split'],
          artifacts: ['A/features.csv', 'split/test'],
        },
      ],
      crash: null,
    })
    assert.deepEqual(compareObservations(base, base), { changes: [], crash: null })
  })

  test('a mutant whose stages throw is a crash; an unmutated baseline that throws is refused', ({ assert }) => {
    const base = { 'gate/s1': { digests: { 'A/fuzzy.csv': '1' } } }
    assert.deepEqual(
      compareObservations(base, { 'gate/s1': { error: 'RangeError: x' } }).crash,
      'gate/s1: RangeError: x',
    )
    assert.throws(
      () => compareObservations({ 'gate/s1': { error: 'E: y' } }, base),
      'observe: the unmutated stages fail on gate/s1: E: y',
    )
  })
})

test.group('mutation/coverage: functions the observation never calls', () => {
  test('a name is unreached only when every function of that name in the file has count 0', ({ assert }) => {
    const dir = mkdtempSync(join(tmpdir(), 'mutation-coverage-'))
    try {
      const url = pathToFileURL(join('/copy', 'reference/a.ts')).href
      const fn = (functionName: string, count: number) => ({ functionName, ranges: [{ count }] })
      writeFileSync(
        join(dir, 'coverage-1.json'),
        JSON.stringify({
          result: [
            { url, functions: [fn('', 1), fn('used', 3), fn('unused', 0), fn('twice', 0), fn('twice', 2)] },
            { url: pathToFileURL('/copy/reference/other.ts').href, functions: [fn('unused', 5)] },
          ],
        }),
      )
      writeFileSync(join(dir, 'not-coverage.txt'), 'ignored')
      const calls = functionCalls(dir, '/copy', ['reference/a.ts'])
      assert.isTrue(isReached(calls, 'reference/a.ts', 'used'))
      assert.isFalse(isReached(calls, 'reference/a.ts', 'unused'))
      assert.isTrue(isReached(calls, 'reference/a.ts', 'twice'), 'one of the two was called')
      assert.isTrue(isReached(calls, 'reference/a.ts', 'unknown'), 'a name the coverage lacks is treated as reached')
      assert.isTrue(isReached(calls, 'reference/a.ts', null))
      assert.isTrue(isReached(calls, 'reference/b.ts', 'unused'), 'a file the coverage lacks is treated as reached')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

test.group('mutation/explanations: reviewed survivors', () => {
  test('entries load, and match a mutant by file, line text and replacement', ({ assert }) => {
    const dir = mkdtempSync(join(tmpdir(), 'mutation-explanations-'))
    try {
      const path = join(dir, 'x.yaml')
      writeFileSync(
        path,
        [
          '- file: reference/labels/zigzag.ts',
          "  line_text: '  if (a < b) return 0  '",
          "  original: '<'",
          "  mutated: '<='",
          '  reason: equal closes never reach this line',
          '',
        ].join('\n'),
      )
      const loaded = loadExplanations(path)
      assert.deepEqual(loaded, [
        {
          file: 'reference/labels/zigzag.ts',
          line_text: 'if (a < b) return 0',
          original: '<',
          mutated: '<=',
          reason: 'equal closes never reach this line',
        },
      ])
      const mutant = {
        file: 'reference/labels/zigzag.ts',
        source_line: '    if (a < b) return 0',
        original: '<',
        mutated: '<=',
      }
      assert.equal(explanationFor(loaded, mutant)?.reason, 'equal closes never reach this line')
      assert.isNull(explanationFor(loaded, { ...mutant, mutated: '>=' }))
      assert.deepEqual(loadExplanations(join(dir, 'absent.yaml')), [])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  test('a malformed entry is refused with file:line and the field', ({ assert }) => {
    const dir = mkdtempSync(join(tmpdir(), 'mutation-explanations-'))
    try {
      const path = join(dir, 'x.yaml')
      writeFileSync(path, "# header\n- file: a.ts\n  line_text: x\n  original: '<'\n  mutated: '<='\n  reason: ''\n")
      assert.throws(() => loadExplanations(path), `${path}:2: entry 1: reason must be a non-empty string`)
      writeFileSync(path, '- file: a.ts\n  line: 3\n')
      assert.throws(() => loadExplanations(path), `${path}:1: entry 1: unknown field "line"`)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  test('the shipped explanations file loads', ({ assert }) => {
    assert.isArray(loadExplanations())
  })
})
