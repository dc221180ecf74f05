import { test } from '@japa/runner'
import { compareMeans, summarize } from '../../../../harness/oracle/training-stats.ts'

test.group('oracle/training-stats: test accuracy over seeds, difference of means against its standard error', () => {
  test('summarize gives mean, sample sd (n − 1) and range', ({ assert }) => {
    const s = summarize([0.5, 0.6, 0.7])
    assert.equal(s.n, 3)
    assert.closeTo(s.mean!, 0.6, 1e-15)
    assert.closeTo(s.sd!, 0.1, 1e-15)
    assert.deepEqual([s.min, s.max], [0.5, 0.7])
    assert.deepEqual(summarize([0.4]), { n: 1, mean: 0.4, sd: null, min: 0.4, max: 0.4 })
  })

  test('means one standard error apart pass; six apart fail; the detail carries the numbers', ({ assert }) => {
    const a = summarize([0.5, 0.6, 0.7])
    const near = compareMeans(a, summarize([0.55, 0.65, 0.75]))
    assert.closeTo(near.standard_error!, Math.sqrt(0.01 / 3 + 0.01 / 3), 1e-15)
    assert.closeTo(near.z!, 0.05 / Math.sqrt(0.02 / 3), 1e-12)
    assert.isTrue(near.passed)
    const far = compareMeans(a, summarize([1.1, 1.2, 1.3]))
    assert.isFalse(far.passed)
    assert.include(far.detail, 'mean 0.6000 ± 0.1000 (n 3) vs 1.2000 ± 0.1000 (n 3): difference -0.6000')
    assert.include(far.detail, '(> 3 allowed)')
  })

  test('no spread: equal means pass, different means fail; fewer than two runs a side cannot pass', ({ assert }) => {
    assert.isTrue(compareMeans(summarize([0.5, 0.5]), summarize([0.5, 0.5])).passed)
    const apart = compareMeans(summarize([0.5, 0.5]), summarize([0.6, 0.6]))
    assert.equal(apart.z, Number.POSITIVE_INFINITY)
    assert.isFalse(apart.passed)
    const short = compareMeans(summarize([0.5]), summarize([0.5, 0.6]))
    assert.isFalse(short.passed)
    assert.equal(short.detail, 'needs at least 2 successful runs a side (got 1 and 2)')
  })
})
