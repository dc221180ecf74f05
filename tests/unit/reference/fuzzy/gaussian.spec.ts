import { test } from '@japa/runner'
import { gaussian } from '../../../../reference/fuzzy/gaussian.ts'

test.group('gaussian', () => {
  test('is 1 at the mean and exp(-1/2) one sigma away', ({ assert }) => {
    assert.strictEqual(gaussian(1, 1, 0.5), 1)
    assert.strictEqual(gaussian(1.5, 1, 0.5), Math.exp(-0.5))
  })

  test('NaN stays NaN', ({ assert }) => {
    assert.isTrue(Number.isNaN(gaussian(NaN, 0, 1)))
  })
})
