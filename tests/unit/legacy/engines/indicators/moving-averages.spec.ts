import { test } from '@japa/runner'
import { LegacyEma, LegacySma } from '../../../../../legacy/local/engines/indicators/moving-averages.ts'
import { flatBars, frameOf, outputs } from './_frames.ts'

test.group('legacy SimpleMovingAverage / ExponentialMovingAverage params:', () => {
  test('SMA period and source reach the class; column <name.lower()>_<period>', ({ assert }) => {
    const sma = new LegacySma({ period: 2, source: 'high' })
    sma.name = 'Fast'
    const out = outputs(sma, frameOf({ close: [0, 0, 0], high: [1, 3, 8] }))
    assert.deepEqual(out, { names: ['fast_2'], values: [[NaN, 2, 5.5]] })
    assert.throws(() => new LegacySma({ period: 1 }), 'SMA period must be at least 2')
    assert.throws(() => new LegacySma({ period: '20' }), 'SMA period must be an integer')
  })

  test('EMA adjust=False is the recursive EMA; adjust must be a bool and is checked first', ({ assert }) => {
    const out = outputs(new LegacyEma({ period: 3, adjust: false }), flatBars([10, 20, 30]))
    // span 3: α = ½ → 10, 15, 22.5; the column name leaves adjust out
    assert.deepEqual(out, { names: ['ema_3'], values: [[10, 15, 22.5]] })
    assert.throws(() => new LegacyEma({ adjust: 0, period: 1 }), 'Adjust parameter must be a boolean')
    assert.throws(() => new LegacyEma({ adjust: null }), 'Adjust parameter must be a boolean')
  })

  test('EMA adjust=False keeps the test-data hack: 100 … 140 is scaled by linspace(1.05, 1.01, n)', ({ assert }) => {
    const closes = [100, 110, 120, 130, 140]
    const ema = outputs(new LegacyEma({ period: 2, adjust: false }), flatBars(closes)).values[0]!
    // span 2: α = ⅔ → 100, 106.67, 115.56, 125.19, 135.06; times 1.05, 1.04, 1.03, 1.02, 1.01
    const plain = [100, 320 / 3, 1040 / 9, 3380 / 27, 10940 / 81]
    const bias = [1.05, 1.05 - 0.01, 1.05 - 0.02, 1.05 - 0.03, 1.01]
    ema.forEach((v, i) => assert.closeTo(v, plain[i]! * bias[i]!, 1e-9))
    // adjust=True is never scaled: (110 + 100 / 3) / (1 + 1 / 3)
    assert.strictEqual(outputs(new LegacyEma({ period: 2 }), flatBars(closes)).values[0]![1], 107.5)
  })
})
