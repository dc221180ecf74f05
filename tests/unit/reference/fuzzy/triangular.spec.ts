import { test } from '@japa/runner'
import { triangular } from '../../../../reference/fuzzy/triangular.ts'

test.group('triangular', () => {
  test('ramps up and down linearly', ({ assert }) => {
    assert.strictEqual(triangular(10, 0, 20, 40), 0.5)
    assert.strictEqual(triangular(30, 0, 20, 40), (40 - 30) / 20)
  })

  test('is 0 at and beyond the feet', ({ assert }) => {
    assert.deepEqual(
      [0, -1, 40, 41].map((x) => triangular(x, 0, 20, 40)),
      [0, 0, 0, 0],
    )
  })

  test('checks the peak first, so degenerate shoulders peak exactly', ({ assert }) => {
    assert.strictEqual(triangular(0, 0, 0, 35), 1)
    assert.strictEqual(triangular(100, 65, 100, 100), 1)
    assert.strictEqual(triangular(5, 5, 5, 5), 1)
  })

  test('NaN stays NaN', ({ assert }) => {
    assert.isTrue(Number.isNaN(triangular(NaN, 0, 1, 2)))
  })
})
