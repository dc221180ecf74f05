import { test } from '@japa/runner'
import { bollingerBands, bollingerIndicator } from '../../../../reference/indicators/bollinger.ts'
import { frameFromCloses, wave } from './_fixtures.ts'

test.group('bollinger', () => {
  test('uses the sample standard deviation', ({ assert }) => {
    const out = bollingerBands(Float64Array.of(1, 2, 3), 3, 2)
    assert.deepEqual([out.upper[2], out.middle[2], out.lower[2]], [4, 2, 0])
    assert.isTrue(Number.isNaN(out.middle[1]!))
  })

  test('a flat window has zero width', ({ assert }) => {
    const out = bollingerBands(new Float64Array(4).fill(5), 3, 2)
    assert.deepEqual([out.upper[3], out.lower[3]], [5, 5])
  })

  test('the indicator writes the generic upper / middle / lower columns', ({ assert }) => {
    assert.deepEqual(bollingerIndicator.compute(frameFromCloses(wave(25)), 'bb').names, ['upper', 'middle', 'lower'])
  })
})
