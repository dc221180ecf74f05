import { test } from '@japa/runner'
import fc from 'fast-check'
import type { MutationSite } from '../../../../harness/mutation/operators.ts'
import { globToRegExp, matchFiles, sampleMutants, siteDiff } from '../../../../harness/mutation/plan.ts'

const REPO = [
  'README.md',
  'reference/fuzzy/engine.ts',
  'reference/fuzzy/gaussian.ts',
  'reference/indicators/_internals/rolling.ts',
  'reference/indicators/rsi.ts',
  'reference/README.md',
  'reference/pipeline/split.ts',
  'legacy/local/split.ts',
]

function site(i: number): MutationSite {
  return {
    file: 'reference/x.ts',
    line: i + 1,
    column: 1,
    start: i,
    end: i + 1,
    original: '<',
    mutated: '<=',
    operator: 'relational',
    scope: null,
    functionName: null,
  }
}

test.group('mutation/plan: which files', () => {
  test('`**` spans folders, `*` stays inside one, a plain folder means everything below it', ({ assert }) => {
    assert.isTrue(globToRegExp('reference/indicators/**/*.ts').test('reference/indicators/rsi.ts'))
    assert.isTrue(globToRegExp('reference/indicators/**/*.ts').test('reference/indicators/_internals/rolling.ts'))
    assert.isFalse(globToRegExp('reference/indicators/*.ts').test('reference/indicators/_internals/rolling.ts'))
    assert.isTrue(globToRegExp('reference/fuzzy').test('reference/fuzzy/engine.ts'))
    assert.isTrue(globToRegExp('./reference/pipeline/split.ts').test('reference/pipeline/split.ts'))
    assert.isFalse(globToRegExp('reference/pipeline/split.ts').test('reference/pipeline/split.tsx'))
    assert.isFalse(globToRegExp('reference/fuzzy/*.ts').test('reference/fuzzyX/a.ts'))
  })

  test('matched reference/ TypeScript files, sorted and de-duplicated', ({ assert }) => {
    assert.deepEqual(
      matchFiles(['reference/fuzzy/**/*.ts', 'reference/fuzzy/engine.ts', 'reference/pipeline/split.ts'], REPO),
      ['reference/fuzzy/engine.ts', 'reference/fuzzy/gaussian.ts', 'reference/pipeline/split.ts'],
    )
  })

  test('a glob that matches nothing, or a file outside reference/ or not TypeScript, is refused by name', ({
    assert,
  }) => {
    assert.throws(
      () => matchFiles(['reference/labels/**'], REPO),
      'mutate: --files "reference/labels/**" matches no file of the repository',
    )
    assert.throws(
      () => matchFiles(['**/split.ts'], REPO),
      /matches legacy\/local\/split\.ts; only reference\/\*\.ts files are mutated/,
    )
    assert.throws(() => matchFiles(['reference/**'], REPO), /matches reference\/README\.md/)
  })
})

test.group('mutation/plan: the draw', () => {
  test('ids number every site; without --max every site is kept in order', ({ assert }) => {
    const all = sampleMutants([site(0), site(1), site(2)], null, 1)
    assert.deepEqual(
      all.map((m) => m.id),
      ['M0001', 'M0002', 'M0003'],
    )
    assert.lengthOf(sampleMutants([site(0), site(1)], 5, 1), 2)
  })

  test('property: a draw is the same for the same seed, has min(max, n) distinct sites, in site order', ({
    assert,
  }) => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 250 }), fc.integer(), (n, max, seed) => {
        const sites = Array.from({ length: n }, (_, i) => site(i))
        const a = sampleMutants(sites, max, seed)
        const b = sampleMutants(sites, max, seed)
        assert.deepEqual(a, b)
        assert.lengthOf(a, Math.min(max, n))
        assert.lengthOf(new Set(a.map((m) => m.id)), a.length)
        for (let k = 1; k < a.length; k++) assert.isBelow(a[k - 1]!.start, a[k]!.start)
      }),
      { numRuns: Number(process.env.KTRDR_PROPERTY_RUNS ?? 100) },
    )
  })

  test('different seeds draw different samples', ({ assert }) => {
    const sites = Array.from({ length: 100 }, (_, i) => site(i))
    assert.notDeepEqual(
      sampleMutants(sites, 10, 1).map((m) => m.id),
      sampleMutants(sites, 10, 2).map((m) => m.id),
    )
  })
})

test.group('mutation/plan: the diff', () => {
  test('the mutated line between two lines of context, as a unified diff', ({ assert }) => {
    const source = 'a\nb\nif (x < y) f()\nc\nd\ne\n'
    const start = source.indexOf('<')
    const { sourceLine, mutatedLine, diff } = siteDiff(source, {
      file: 'reference/x.ts',
      line: 3,
      start,
      end: start + 1,
      mutated: '<=',
    })
    assert.equal(sourceLine, 'if (x < y) f()')
    assert.equal(mutatedLine, 'if (x <= y) f()')
    assert.equal(
      diff,
      [
        '--- a/reference/x.ts',
        '+++ b/reference/x.ts',
        '@@ -1,5 +1,5 @@',
        ' a',
        ' b',
        '-if (x < y) f()',
        '+if (x <= y) f()',
        ' c',
        ' d',
      ].join('\n'),
    )
  })
})
