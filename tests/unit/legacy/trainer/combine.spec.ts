import { test } from '@japa/runner'
import { combineMultiSymbolData } from '../../../../legacy/local/trainer/combine.ts'
import type { SymbolTrainingInput } from '../../../../legacy/local/trainer/dataset.ts'
import { SeededRng } from '../../../../reference/runtime/rng.ts'

/** Symbol s, row r has the single feature value s·1000 + r, so every combined row names its origin. */
function tagged(symbol: string, s: number, rows: number): SymbolTrainingInput {
  return {
    symbol,
    featureNames: ['tag'],
    features: Float32Array.from({ length: rows }, (_, r) => s * 1000 + r),
    labels: Int32Array.from({ length: rows }, (_, r) => r % 3),
  }
}

test.group('legacy trainer / combine (§4.4)', () => {
  test('quirk: balanced subsample to min count + global shuffle', ({ assert }) => {
    const rng = new SeededRng(7)
    const inputs = [tagged('A', 0, 30), tagged('B', 1, 12), tagged('C', 2, 20)]
    const combined = combineMultiSymbolData(inputs, 1, rng)

    assert.equal(combined.rows, 36)
    const origin = (k: number) => [Math.floor(combined.features[k]! / 1000), combined.features[k]! % 1000]
    const perSymbol = [0, 1, 2].map((s) => [...combined.symbolIndices].filter((v) => v === s).length)
    assert.deepEqual(perSymbol, [12, 12, 12])
    for (let k = 0; k < combined.rows; k++) {
      const [s, r] = origin(k)
      assert.equal(combined.symbolIndices[k], s, 'symbol index follows its row')
      assert.equal(combined.labels[k], r! % 3, 'label follows its row')
    }
    // B (the minimum) keeps all its rows; A and C are random subsets, not prefixes.
    const rowsOf = (s: number) => [...combined.features].filter((v) => Math.floor(v / 1000) === s).map((v) => v % 1000)
    assert.sameMembers(rowsOf(1), [...Array(12).keys()])
    assert.notDeepEqual(
      rowsOf(0).sort((a, b) => a - b),
      [...Array(12).keys()],
    )
    // Global shuffle: symbols are interleaved, not in blocks.
    assert.notDeepEqual([...combined.symbolIndices], [...combined.symbolIndices].sort())
    // Draws: randperm(30) + randperm(20) + randperm(36), two words per swap.
    assert.equal(rng.draws, 2 * (29 + 19 + 35))
  })

  test('one symbol is still globally shuffled, with no subsample draw', ({ assert }) => {
    const rng = new SeededRng(3)
    const combined = combineMultiSymbolData([tagged('A', 0, 25)], 1, rng)
    assert.sameMembers([...combined.features], [...Array(25).keys()])
    assert.notDeepEqual([...combined.features], [...Array(25).keys()])
    assert.equal(rng.draws, 2 * 24)
  })
})
