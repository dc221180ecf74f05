import { test } from '@japa/runner'
import { LegacyCci } from '../../../../../legacy/local/engines/indicators/cci.ts'
import { flatBars, outputs } from './_frames.ts'

test.group('legacy CCIIndicator', () => {
  test('(TP − SMA) / (0.015 · MD); the column is the indicator name', ({ assert }) => {
    const cci = new LegacyCci({ period: 3 })
    cci.name = 'My_CCI'
    const out = outputs(cci, flatBars([1, 2, 3, 5]))
    assert.deepEqual(out.names, ['My_CCI'])
    assert.isTrue(Number.isNaN(out.values[0]![1]!))
    assert.closeTo(out.values[0]![2]!, 100, 1e-9)
    assert.closeTo(out.values[0]![3]!, (5 - 10 / 3) / (0.015 * (10 / 9)), 1e-9)
  })

  test('a flat window is 0 / 0; the old row and column checks', ({ assert }) => {
    assert.isTrue(Number.isNaN(outputs(new LegacyCci({ period: 2 }), flatBars([2, 2, 2])).values[0]![2]!))
    assert.deepEqual(outputs(new LegacyCci({ period: 2 }), flatBars([2, 2])).names, ['CCI'])
    assert.throws(
      () => new LegacyCci({}).compute(flatBars([1, 2])),
      'Insufficient data: need at least 20 points, got 2',
    )
    assert.throws(() => new LegacyCci({ period: 1 }), "Parameter 'period' must be >= 2")
  })
})
