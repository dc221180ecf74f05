import { test } from '@japa/runner'
import { createBatchPlanner } from '../../../../reference/model/batch-plan.ts'
import type { LabelledRows } from '../../../../reference/model/dataset.ts'
import { SeededRng } from '../../../../reference/runtime/rng.ts'

function rowsWithSymbols(symbols: number[]): LabelledRows {
  return {
    features: new Float32Array(symbols.length),
    labels: new Int32Array(symbols.length),
    symbolIndices: Int32Array.from(symbols),
    rows: symbols.length,
    featureCount: 1,
  }
}

test.group('model/batch-plan', () => {
  test('one symbol: a shuffled permutation in chunks, the last one partial', ({ assert }) => {
    const planner = createBatchPlanner(rowsWithSymbols(new Array(10).fill(0)), 4, 1)
    assert.equal(planner.batchesPerEpoch, 3)
    const rng = new SeededRng(1)
    const epoch = planner.startEpoch(rng)
    const batches = [0, 1, 2].map((b) => [...epoch.nextBatch(b)])
    assert.deepEqual(
      batches.map((b) => b.length),
      [4, 4, 2],
    )
    assert.deepEqual(
      batches.flat().sort((a, b) => a - b),
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    )
    assert.deepEqual(batches.flat(), [...new SeededRng(1).randperm(10)])
  })

  test('several symbols: balanced slices, remainders dropped, each batch permuted again', ({ assert }) => {
    // symbol 0 at rows 0,2,4,6,7,8,9 (7 rows); symbol 1 at rows 1,3,5 (3 rows); bs 4 → 2 per symbol → 1 batch
    const planner = createBatchPlanner(rowsWithSymbols([0, 1, 0, 1, 0, 1, 0, 0, 0, 0]), 4, 2)
    assert.equal(planner.batchesPerEpoch, 1)
    const rng = new SeededRng(2)
    const batch = [...planner.startEpoch(rng).nextBatch(0)]
    const drawsAfter = rng.draws
    assert.lengthOf(batch, 4)
    assert.equal(batch.filter((r) => [1, 3, 5].includes(r)).length, 2)
    // per-symbol perms (7 rows → 6 intRange, 3 rows → 2) and the within-batch perm (3): 11 intRange × 2 draws
    assert.equal(drawsAfter, 2 * (6 + 2 + 3))
  })
})
