import { test } from '@japa/runner'
import { trapezoidal } from '../../../../reference/fuzzy/trapezoidal.ts'

test.group('trapezoidal', () => {
  test('ramps, plateaus and falls', ({ assert }) => {
    assert.deepEqual(
      [1, 2, 3, 5, 6].map((x) => trapezoidal(x, 0, 2, 4, 8)),
      [0.5, 1, 1, 0.75, 0.5],
    )
  })

  test('checks the feet first, so a shoulder with a = b is 0 at a', ({ assert }) => {
    assert.strictEqual(trapezoidal(0, 0, 0, 4, 8), 0)
    assert.strictEqual(trapezoidal(8, 0, 2, 8, 8), 0)
  })

  test('NaN stays NaN', ({ assert }) => {
    assert.isTrue(Number.isNaN(trapezoidal(NaN, 0, 1, 2, 3)))
  })
})
