import { test } from '@japa/runner'
import { LegacyWilliamsR } from '../../../../../legacy/local/engines/indicators/williams-r.ts'
import { PythonFloat } from '../../../../../legacy/local/python-values.ts'
import { flatBars, frameOf, outputs } from './_frames.ts'

test.group('legacy WilliamsRIndicator', () => {
  test('%R over full windows, fillna(−50), column WilliamsR_<period>', ({ assert }) => {
    const frame = frameOf({ high: [3, 5, 4, 4], low: [1, 2, 2, 2], close: [2, 4, 3, NaN] })
    const out = outputs(new LegacyWilliamsR({ period: 2 }), frame)
    assert.deepEqual(out.names, ['WilliamsR_2'])
    assert.deepEqual([out.values[0]![0], out.values[0]![1], out.values[0]![3]], [-50, -25, -50])
    assert.closeTo(out.values[0]![2]!, -200 / 3, 1e-12)
    assert.deepEqual(outputs(new LegacyWilliamsR({ period: 2 }), flatBars([7, 7, 7])).values, [[-50, -50, -50]])
  })

  test('the schema coerces the period; too few rows and bad keywords fail', ({ assert }) => {
    assert.deepEqual(outputs(new LegacyWilliamsR({ period: new PythonFloat(2.7) }), flatBars([1, 2])).names, [
      'WilliamsR_2',
    ])
    assert.throws(
      () => new LegacyWilliamsR({}).compute(flatBars([1, 2])),
      'Williams %R requires at least 14 data points for accurate calculation',
    )
    assert.throws(() => new LegacyWilliamsR({ period: 0 }), "Parameter 'period' must be >= 1")
    assert.throws(() => new LegacyWilliamsR({ source: 'close' }), /unexpected keyword argument 'source'/)
  })
})
