import { test } from '@japa/runner'
import type { LabelledRows } from '../../../../legacy/local/trainer/dataset.ts'
import { splitMultiSymbolData } from '../../../../legacy/local/trainer/split.ts'

function rows(n: number): LabelledRows {
  return {
    features: Float32Array.from({ length: n * 2 }, (_, i) => i),
    labels: Int32Array.from({ length: n }, (_, i) => i % 3),
    symbolIndices: Int32Array.from({ length: n }, (_, i) => i % 2),
    rows: n,
    featureCount: 2,
  }
}

test.group('legacy trainer / split (§6.3)', () => {
  test('quirk: random split after global shuffle (70/15/15 by floor)', ({ assert }) => {
    const data = rows(101)
    const split = splitMultiSymbolData(data, 0.2, { train: 0.7, validation: 0.15, test: 0.15 })
    assert.equal(split.train.rows, 70)
    assert.equal(split.validation.rows, 15)
    assert.equal(split.test!.rows, 16, 'the test key is unused: test = the rest')
    // Contiguous slices of the (already shuffled) combined rows, each keeping features, labels, symbols.
    assert.deepEqual([...split.validation.features.subarray(0, 2)], [140, 141])
    assert.equal(split.validation.labels[0], 70 % 3)
    assert.equal(split.test!.symbolIndices[0], 85 % 2)
    assert.deepEqual([...split.test!.features.subarray(-2)], [200, 201])
  })

  test('no data_split: floor(N·(1 − validation_split)) / rest, no test split', ({ assert }) => {
    for (const empty of [null, {}]) {
      const split = splitMultiSymbolData(rows(101), 0.2, empty)
      assert.equal(split.train.rows, 80)
      assert.equal(split.validation.rows, 21)
      assert.isNull(split.test)
    }
  })

  test('a missing data_split.train is the old KeyError', ({ assert }) => {
    assert.throws(
      () => splitMultiSymbolData(rows(10), 0.2, { validation: 0.2 }),
      "KeyError: 'train' (strategy field training.data_split.train is required)",
    )
  })
})
