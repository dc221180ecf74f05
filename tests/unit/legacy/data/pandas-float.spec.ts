// The legacy loader's port of pandas' default CSV float conversion (docs/legacy-behaviour.md §2.1).
import { test } from '@japa/runner'
import { legacyPandasFloat } from '../../../../legacy/local/data/pandas-float.ts'

test.group('legacy data: pandas float conversion', () => {
  test('short decimals are exact; 17-digit values land where pandas 1.5.3 put them', ({ assert }) => {
    assert.strictEqual(legacyPandasFloat('185.27'), 185.27)
    assert.strictEqual(legacyPandasFloat('-1.5E-3'), -0.0015)
    assert.strictEqual(legacyPandasFloat('1972.3728179100797'), 1972.37281791008)
    assert.strictEqual(legacyPandasFloat('3853.7463021820504'), 3853.7463021820495)
  })
})
