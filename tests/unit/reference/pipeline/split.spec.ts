import { test } from '@japa/runner'
import { splitData } from '../../../../reference/pipeline/split.ts'
import { randomRows } from '../model/_rows.ts'
import { smallStrategy } from './fixtures.ts'

test.group('pipeline/split', () => {
  test('data_split: ⌊N·train⌋, ⌊N·validation⌋, the rest, as contiguous slices', ({ assert }) => {
    const rows = randomRows(101, 2)
    const split = splitData(rows, smallStrategy({ split: [0.7, 0.15, 0.15] }))
    assert.deepEqual([split.train.rows, split.validation.rows, split.test.rows], [70, 15, 16])
    assert.deepEqual([...split.validation.labels], [...rows.labels.subarray(70, 85)])
    assert.deepEqual([...split.test.features], [...rows.features.subarray(85 * 2)])
  })

  test('without data_split: validation_split 0.2 and no test rows', ({ assert }) => {
    const split = splitData(randomRows(101, 2), smallStrategy({ split: null }))
    assert.deepEqual([split.train.rows, split.validation.rows, split.test.rows], [80, 21, 0])
  })
})
