import { test } from '@japa/runner'
import { createTrainLoader } from '../../../../legacy/local/trainer/batch-loader.ts'
import { SeededRng } from '../../../../reference/runtime/rng.ts'

test.group('legacy trainer / batch loader (§6.2)', () => {
  test('one symbol: shuffled DataLoader, last partial batch kept', ({ assert }) => {
    const loader = createTrainLoader(new Int32Array(23), 1, 5)
    assert.equal(loader.batchesPerEpoch, 5)
    const batches = [...loader.epoch(new SeededRng(1))]
    assert.deepEqual(
      batches.map((b) => b.length),
      [5, 5, 5, 5, 3],
    )
    assert.sameMembers(
      batches.flatMap((b) => [...b]),
      [...Array(23).keys()],
    )
  })

  test('two or more symbols: balanced batches, remainders dropped, symbols mixed', ({ assert }) => {
    // symbol 0 at 14 positions, symbol 1 at 9 positions; bs 7 → 3 per symbol, ⌊9/3⌋ = 3 batches.
    const symbols = Int32Array.from({ length: 23 }, (_, i) => (i < 14 ? 0 : 1))
    const loader = createTrainLoader(symbols, 2, 7)
    assert.equal(loader.batchesPerEpoch, 3)
    const rng = new SeededRng(5)
    const batches = [...loader.epoch(rng)]
    assert.lengthOf(batches, 3)
    for (const b of batches) {
      assert.lengthOf(b, 6)
      assert.equal([...b].filter((p) => symbols[p] === 0).length, 3)
    }
    assert.lengthOf(new Set(batches.flatMap((b) => [...b])), 18, 'no row repeats within an epoch')
    // Draws: randperm(14) + randperm(9) at epoch start, then randperm(6) per batch.
    assert.equal(rng.draws, 2 * (13 + 8) + 3 * 2 * 5)
  })
})
