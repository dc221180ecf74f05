import { test } from '@japa/runner'
import fc from 'fast-check'
import { SeededRng } from '../../../../reference/runtime/rng.ts'

/** Property runs per check: KTRDR_PROPERTY_RUNS, default 50 (kept small for the shared 2-core machine). */
const RUNS = Number(process.env.KTRDR_PROPERTY_RUNS ?? '') || 50
const seed = fc.integer({ min: -(2 ** 31), max: 2 ** 32 - 1 })

function stream(rng: SeededRng, n: number): number[] {
  return Array.from({ length: n }, () => rng.nextUint32())
}

test.group('SeededRng', () => {
  test('the same seed gives the same stream', ({ assert }) => {
    fc.assert(
      fc.property(seed, (s) => {
        assert.deepEqual(stream(new SeededRng(s), 32), stream(new SeededRng(s), 32))
      }),
      { numRuns: RUNS },
    )
  })

  test('different seeds (mod 2^32) give different streams', ({ assert }) => {
    fc.assert(
      fc.property(seed, seed, (a, b) => {
        fc.pre(a >>> 0 !== b >>> 0)
        assert.notDeepEqual(stream(new SeededRng(a), 8), stream(new SeededRng(b), 8))
      }),
      { numRuns: RUNS },
    )
    assert.deepEqual(stream(new SeededRng(-1), 4), stream(new SeededRng(2 ** 32 - 1), 4))
  })

  test('randperm(n) is a permutation of 0…n−1 and draws 2·(n−1) words', ({ assert }) => {
    fc.assert(
      fc.property(seed, fc.integer({ min: 0, max: 300 }), (s, n) => {
        const rng = new SeededRng(s)
        const perm = rng.randperm(n)
        assert.deepEqual(
          Array.from(perm).sort((x, y) => x - y),
          Array.from({ length: n }, (_, i) => i),
        )
        assert.equal(rng.draws, 2 * Math.max(0, n - 1))
      }),
      { numRuns: RUNS },
    )
  })

  test('uniform lies in [0, 1) and uniformRange in [lo, hi), two draws each', ({ assert }) => {
    fc.assert(
      fc.property(
        seed,
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e6, noNaN: true }),
        (s, lo, width) => {
          const rng = new SeededRng(s)
          for (let i = 0; i < 20; i++) {
            const u = rng.uniform()
            assert.isTrue(u >= 0 && u < 1, `uniform ${u}`)
            const r = rng.uniformRange(lo, lo + width)
            assert.isTrue(r >= lo && r <= lo + width, `uniformRange ${r}`)
          }
          assert.equal(rng.draws, 80)
        },
      ),
      { numRuns: RUNS },
    )
  })

  test('intRange stays in [lo, hi), reaches both ends, draws two words, and rejects an empty range', ({ assert }) => {
    fc.assert(
      fc.property(seed, fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 1, max: 5 }), (s, lo, span) => {
        const rng = new SeededRng(s)
        const seen = new Set<number>()
        for (let i = 0; i < 200; i++) {
          const k = rng.intRange(lo, lo + span)
          assert.isTrue(Number.isInteger(k) && k >= lo && k < lo + span, `intRange ${k}`)
          seen.add(k)
        }
        assert.equal(seen.size, span)
        assert.equal(rng.draws, 400)
      }),
      { numRuns: RUNS },
    )
    assert.throws(() => new SeededRng(1).intRange(3, 3), 'intRange: empty range [3, 3)')
  })

  test('normal: 10k draws have mean and std within statistical bounds; four draws each', ({ assert }) => {
    fc.assert(
      fc.property(seed, (s) => {
        const rng = new SeededRng(s)
        const n = 10_000
        let sum = 0
        let sq = 0
        for (let i = 0; i < n; i++) {
          const z = rng.normal(2, 3)
          sum += z
          sq += z * z
        }
        const mean = sum / n
        const std = Math.sqrt(sq / n - mean * mean)
        // 6 standard errors: the mean's is 3/√n = 0.03, the std's ≈ 3/√(2n) ≈ 0.021
        assert.closeTo(mean, 2, 0.18)
        assert.closeTo(std, 3, 0.13)
        assert.equal(rng.draws, 4 * n)
      }),
      { numRuns: Math.min(RUNS, 10) },
    )
  })

  test('fillUint32 gives the words, the later stream and the draw count of as many nextUint32 calls', ({ assert }) => {
    fc.assert(
      fc.property(seed, fc.integer({ min: 0, max: 70 }), fc.integer({ min: 0, max: 5 }), (s, n, before) => {
        const bulk = new SeededRng(s)
        const single = new SeededRng(s)
        stream(bulk, before)
        stream(single, before)
        const words = new Uint32Array(n)
        bulk.fillUint32(words)
        assert.deepEqual(Array.from(words), stream(single, n))
        assert.equal(bulk.draws, before + n)
        assert.deepEqual(stream(bulk, 4), stream(single, 4))
      }),
      { numRuns: RUNS },
    )
  })

  test('nextUint32 returns unsigned 32-bit integers, one draw each', ({ assert }) => {
    const rng = new SeededRng(0)
    const words = stream(rng, 1000)
    assert.isTrue(words.every((w) => Number.isInteger(w) && w >= 0 && w < 2 ** 32))
    assert.isAbove(new Set(words).size, 990)
    assert.equal(rng.draws, 1000)
  })
})
