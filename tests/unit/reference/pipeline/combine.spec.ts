import { test } from '@japa/runner'
import { combineSymbols, type SymbolRows } from '../../../../reference/pipeline/combine.ts'
import { SeededRng } from '../../../../reference/runtime/rng.ts'

/** Symbol rows whose single feature is `base + row` and label `row % 3`. */
function symbolRows(symbol: string, rows: number, base: number, names = ['f']): SymbolRows {
  const f = names.length
  return {
    symbol,
    names,
    features: Float32Array.from({ length: rows * f }, (_, i) => base + Math.floor(i / f)),
    labels: Int32Array.from({ length: rows }, (_, r) => r % 3),
  }
}

test.group('pipeline/combine', () => {
  test('subsamples the larger symbol with randperm(n)[:min], then shuffles globally', ({ assert }) => {
    const rng = new SeededRng(4)
    const combined = combineSymbols([symbolRows('A', 5, 100), symbolRows('B', 3, 200)], rng)
    const replay = new SeededRng(4)
    const picked = [...replay.randperm(5).subarray(0, 3)].map((r) => 100 + r)
    const concatenated = [...picked, 200, 201, 202]
    const global = replay.randperm(6)
    assert.deepEqual(
      [...combined.features],
      [...global].map((g) => concatenated[g]!),
    )
    assert.deepEqual(
      [...combined.symbolIndices],
      [...global].map((g) => (g < 3 ? 0 : 1)),
    )
    assert.equal(combined.rows, 6)
    assert.equal(rng.draws, replay.draws)
  })

  test('a single symbol is still shuffled', ({ assert }) => {
    const combined = combineSymbols([symbolRows('A', 4, 0)], new SeededRng(9))
    assert.deepEqual([...combined.features], [...new SeededRng(9).randperm(4)])
  })

  test('different feature counts fail with the symbols named', ({ assert }) => {
    assert.throws(
      () => combineSymbols([symbolRows('A', 3, 0, ['x', 'y']), symbolRows('B', 3, 0)], new SeededRng(1)),
      'feature count mismatch: B has 1, A has 2',
    )
  })
})
