import { test } from '@japa/runner'
import { LegacyMomentum, LegacyRoc } from '../../../../../legacy/local/engines/indicators/momentum.ts'
import { flatBars, outputs } from './_frames.ts'

test.group('legacy MomentumIndicator and ROCIndicator', () => {
  test('Momentum: x − x.shift(period), column Momentum_<period>_<source>', ({ assert }) => {
    assert.deepEqual(outputs(new LegacyMomentum({ period: 2 }), flatBars([1, 2, 4, 8, NaN])), {
      names: ['Momentum_2_close'],
      values: [[NaN, NaN, 3, 6, NaN]],
    })
  })

  test('ROC: percent change with ±inf → NaN, column ROC_<period>_<source>', ({ assert }) => {
    assert.deepEqual(outputs(new LegacyRoc({ period: 1, source: 'open' }), flatBars([1, 2, 4, 0, 8, 0])), {
      names: ['ROC_1_open'],
      values: [[NaN, 100, 100, -100, NaN, -100]],
    })
  })

  test('period + 1 rows; OHLC sources only', ({ assert }) => {
    assert.throws(
      () => new LegacyMomentum({}).compute(flatBars([1, 2])),
      'Insufficient data: need at least 11 points, got 2',
    )
    assert.throws(
      () => new LegacyRoc({ source: 'volume' }),
      "Parameter 'source' must be one of ['open', 'high', 'low', 'close']",
    )
  })
})
