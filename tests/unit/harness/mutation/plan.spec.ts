import { test } from '@japa/runner'
import fc from 'fast-check'
import type { MutationSite } from '../../../../harness/mutation/operators.ts'
import {
  drawMutants,
  globToRegExp,
  matchFiles,
  siteDiff,
  stratumQuotas,
  type PlannedMutant,
} from '../../../../harness/mutation/plan.ts'

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

/** A draw of `sites` where every mutant compiles and every site is one stratum. */
function sampleMutants(sites: MutationSite[], max: number | null, seed: number): PlannedMutant[] {
  return drawMutants(
    sites,
    max,
    seed,
    () => 'all',
    () => true,
  ).mutants
}

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

  test('a site whose mutant does not compile is never drawn; the ones looked at are returned apart', ({ assert }) => {
    const sites = Array.from({ length: 40 }, (_, i) => site(i))
    const compiles = (m: PlannedMutant): boolean => m.start % 3 !== 0
    const all = drawMutants(sites, null, 1, () => 'all', compiles)
    assert.lengthOf(all.mutants, 26)
    assert.lengthOf(all.notCompiling, 14)
    assert.isTrue(all.notCompiling.every((m) => m.start % 3 === 0))
    const some = drawMutants(sites, 10, 5, () => 'all', compiles)
    assert.lengthOf(some.mutants, 10, 'the draw goes on past a mutant that does not compile')
    assert.isTrue(some.mutants.every(compiles))
    assert.isTrue(some.notCompiling.every((m) => !compiles(m)))
    assert.isAtMost(some.notCompiling.length, 14)
  })

  test('strata: a small stratum gets at least max / (2 × strata) mutants, or all its sites', ({ assert }) => {
    const sites = Array.from({ length: 1000 }, (_, i) => site(i))
    const stratum = (s: MutationSite): string => (s.start < 900 ? 'big' : s.start < 980 ? 'mid' : 'small')
    const { mutants } = drawMutants(sites, 120, 3, stratum, () => true)
    const count = (k: string): number => mutants.filter((m) => stratum(m) === k).length
    assert.deepEqual([count('big'), count('mid'), count('small'), mutants.length], [80, 20, 20, 120])
    const tiny = drawMutants(sites.slice(0, 905), 120, 3, stratum, () => true).mutants
    assert.equal(
      tiny.filter((m) => stratum(m) === 'mid').length,
      5,
      'a stratum with fewer sites than its quota is drawn whole',
    )
    assert.lengthOf(tiny, 120)
  })

  test('property: stratum quotas add up to min(max, sites), none above its stratum', ({ assert }) => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 2000 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 3000 }),
        (sizes, max) => {
          const quotas = stratumQuotas(new Map(sizes.map((n, i) => [`s${i}`, n])), max)
          const total = sizes.reduce((a, b) => a + b, 0)
          assert.equal(
            [...quotas.values()].reduce((a, b) => a + b, 0),
            Math.min(max, total),
          )
          sizes.forEach((n, i) => {
            const q = quotas.get(`s${i}`)!
            assert.isAtLeast(q, 0)
            assert.isAtMost(q, n)
            if (max <= total && 2 * sizes.length <= max) {
              assert.isAtLeast(q, Math.min(n, Math.floor(max / (2 * sizes.length))))
            }
          })
        },
      ),
      { numRuns: Number(process.env.KTRDR_PROPERTY_RUNS ?? 100) },
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
