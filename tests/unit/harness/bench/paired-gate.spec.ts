import { test } from '@japa/runner'
import { measurePaired } from '../../../../harness/bench/paired.ts'
import { bootstrapMedianCi, median, quantile } from '../../../../harness/bench/stats.ts'
import { decideVerdict } from '../../../../harness/bench/verdict.ts'

/** A stage-shaped workload: a windowed moving average over a price series (the SMA stage's loop). */
function rollingMean(x: Float64Array, window: number, upTo = x.length): number {
  let acc = 0
  for (let i = window - 1; i < upTo; i++) {
    let s = 0
    for (let j = i - window + 1; j <= i; j++) s += x[j]!
    acc += s / window
  }
  return acc
}

const series = Float64Array.from({ length: 40_000 }, (_, i) => 100 + Math.sin(i / 50))

test.group('bench: statistics', () => {
  test('quantile and median interpolate order statistics', ({ assert }) => {
    assert.equal(median([3, 1, 2]), 2)
    assert.equal(median([1, 2, 3, 4]), 2.5)
    assert.equal(quantile([0, 10], 0.25), 2.5)
    assert.isNaN(median([]))
  })

  test('bootstrap interval brackets the median and is reproducible', ({ assert }) => {
    const values = Array.from({ length: 40 }, (_, i) => 1 + ((i * 37) % 11) / 100)
    const ci = bootstrapMedianCi(values)
    assert.isAtMost(ci[0], median(values))
    assert.isAtLeast(ci[1], median(values))
    assert.deepEqual(bootstrapMedianCi(values), ci)
  })

  test('verdicts: pass below, fail above, inconclusive across the threshold', ({ assert }) => {
    assert.equal(decideVerdict([0.97, 1.04]), 'pass')
    assert.equal(decideVerdict([1.06, 1.2]), 'fail')
    assert.equal(decideVerdict([1.0, 1.1]), 'inconclusive')
    assert.equal(decideVerdict([NaN, NaN]), 'inconclusive')
  })
})

test.group('bench: the paired gate decides honestly', () => {
  test('an A/A run (same code on both sides) reaches pass', async ({ assert }) => {
    const stage = () => rollingMean(series, 20)
    const result = await measurePaired({ name: 'sma A/A', stage: 'indicators', old: stage, new: stage })
    assert.equal(result.verdict, 'pass', `ci ${result.ci.join('…')} after ${result.samples} pairs`)
    assert.isNull(result.error)
  }).timeout(60_000)

  test('a planted 20 % slowdown in a copy of the stage reaches fail', async ({ assert }) => {
    const result = await measurePaired({
      name: 'sma planted slowdown',
      stage: 'indicators',
      old: () => rollingMean(series, 20),
      new: () => rollingMean(series, 20) + rollingMean(series, 20, Math.floor(series.length * 0.2)),
    })
    assert.equal(result.verdict, 'fail', `ci ${result.ci.join('…')} after ${result.samples} pairs`)
    assert.isAbove(result.ratio_median, 1.1)
  }).timeout(60_000)

  test('a task that throws fails closed with its error', async ({ assert }) => {
    const result = await measurePaired({
      name: 'broken',
      stage: 'fuzzy',
      old: () => 1,
      new: () => {
        throw new Error('boom')
      },
    })
    assert.equal(result.verdict, 'fail')
    assert.match(result.error ?? '', /boom/)
  })
})
