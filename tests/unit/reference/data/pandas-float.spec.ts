// pandas' default CSV float conversion (docs/legacy-behaviour.md §2.1), checked against values pandas 1.5.3 read.
import { test } from '@japa/runner'
import { parsePandasFloat } from '../../../../reference/data/pandas-float.ts'

test.group('data/pandas-float', () => {
  test('short decimals convert exactly like Number()', ({ assert }) => {
    for (const text of ['0', '1', '-2.5', '+3.25', '185.27', '1.08345', '1e5', '1.5E-3', '0.1', '.5', '7.'])
      assert.strictEqual(parsePandasFloat(text), Number(text), text)
  })

  test('17-digit prices read one bit off the correctly rounded value, as pandas reads them', ({ assert }) => {
    // pandas 1.5.3 read_csv of DEMO_1d-style values (row 102 high, row 104 open of KTRDR's demo data)
    assert.strictEqual(parsePandasFloat('140.97586888076557'), 140.97586888076555)
    assert.strictEqual(parsePandasFloat('110.64401606469005'), 110.64401606469004)
    assert.notStrictEqual(Number('140.97586888076557'), 140.97586888076555)
  })

  test('digits past the 17th only move the exponent; a leading 0 counts as one of the 17', ({ assert }) => {
    // pandas 1.5.3: 1.2345678901234569e+23 and 0.1234567890123456
    assert.strictEqual(parsePandasFloat('123456789012345678901234'), 12345678901234568 * 1e7)
    assert.strictEqual(parsePandasFloat('0.12345678901234567999'), 1234567890123456 / 1e16)
  })

  test('tiny and huge exponents', ({ assert }) => {
    assert.strictEqual(parsePandasFloat('1e309'), Infinity)
    assert.strictEqual(parsePandasFloat('1e-320'), 1 / 1e12 / 1e308)
    assert.strictEqual(parsePandasFloat('1e-700'), 0)
  })
})
