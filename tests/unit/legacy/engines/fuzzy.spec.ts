import { test } from '@japa/runner'
import { LegacyFrame } from '../../../../legacy/local/engines/frame.ts'
import {
  fuzzifyLegacyMulti,
  fuzzifyLegacySingle,
  legacyBaseIndicatorName,
} from '../../../../legacy/local/engines/fuzzy/fuzzify.ts'
import {
  legacyGaussian,
  legacyTrapezoidal,
  legacyTriangular,
  parseLegacyFuzzySets,
} from '../../../../legacy/local/engines/fuzzy/membership.ts'

const RSI_SETS = {
  oversold: { type: 'triangular', parameters: [0, 20, 35] },
  neutral: { type: 'triangular', parameters: [30, 50, 70] },
  overbought: { type: 'triangular', parameters: [65, 80, 100] },
}

function frameOf(columns: Record<string, number[]>): LegacyFrame {
  const n = Object.values(columns)[0].length
  const frame = new LegacyFrame(Float64Array.from({ length: n }, (_, i) => i * 3_600_000))
  for (const [name, values] of Object.entries(columns)) frame.set(name, Float64Array.from(values))
  return frame
}

test.group('legacy membership functions (docs/legacy-behaviour.md §4.1)', () => {
  test('triangle [30, 50, 70] by hand', ({ assert }) => {
    const neutral = legacyTriangular(30, 50, 70)
    assert.equal(neutral(40), 0.5)
    assert.equal(neutral(50), 1)
    assert.equal(neutral(65), 0.25)
    assert.equal(neutral(30), 0)
    assert.equal(neutral(70), 0)
    assert.equal(neutral(-5), 0)
    assert.isTrue(Number.isNaN(neutral(NaN)))
  })

  test('triangle: x == b is checked first, so degenerate shoulders peak at 1', ({ assert }) => {
    assert.equal(legacyTriangular(0, 0, 10)(0), 1)
    assert.equal(legacyTriangular(0, 10, 10)(10), 1)
    assert.equal(legacyTriangular(5, 5, 5)(5), 1)
    assert.equal(legacyTriangular(0, 20, 35)(27.5), 0.5)
  })

  test('trapezoid: x ≤ a is checked first, so a = b gives 0 at the shoulder', ({ assert }) => {
    const shoulder = legacyTrapezoidal(0, 0, 5, 10)
    assert.equal(shoulder(0), 0)
    assert.equal(shoulder(3), 1)
    assert.equal(shoulder(7.5), 0.5)
    assert.equal(shoulder(10), 0)
  })

  test('gaussian exp(−½((x − μ)/σ)²)', ({ assert }) => {
    assert.equal(legacyGaussian(0, 1)(0), 1)
    assert.equal(legacyGaussian(0, 2)(2), Math.exp(-0.5))
  })

  test('configuration errors name the set', ({ assert }) => {
    assert.throws(
      () => parseLegacyFuzzySets({ rsi: { low: { type: 'triangular', parameters: [3, 2, 1] } } }, 's.yaml'),
      's.yaml: fuzzy_sets.rsi.low: Triangular membership function parameters must satisfy: a ≤ b ≤ c',
    )
    assert.throws(
      () => parseLegacyFuzzySets({ rsi: { low: { parameters: [1, 2, 3] } } }, 's.yaml'),
      /type discriminator/,
    )
    assert.throws(
      () => parseLegacyFuzzySets({ rsi: { g: { type: 'gaussian', parameters: [1, 0] } } }, 's.yaml'),
      /sigma must be greater than 0/,
    )
  })
})

test.group('legacy fuzzification (docs/legacy-behaviour.md §4.2)', () => {
  test('single timeframe: mapped column order × set order; keys without a column are skipped', ({ assert }) => {
    const config = parseLegacyFuzzySets(
      { sma: { above: { type: 'triangular', parameters: [1, 1.05, 1.15] } }, rsi: RSI_SETS, adx: RSI_SETS },
      's.yaml',
    )
    const mapped = frameOf({ close: [1, 2], rsi: [40, 0], sma: [1.05, 1.1] })
    const fuzzy = fuzzifyLegacySingle(mapped, config)
    assert.deepEqual(fuzzy.names, ['rsi_oversold', 'rsi_neutral', 'rsi_overbought', 'sma_above'])
    assert.deepEqual(Array.from(fuzzy.get('rsi_neutral')!), [0.5, 0])
    assert.deepEqual(Array.from(fuzzy.get('rsi_oversold')!), [0, 0])
    assert.equal(fuzzy.get('sma_above')![0], 1)
  })

  test('base-name derivation', ({ assert }) => {
    assert.equal(legacyBaseIndicatorName('rsi'), 'rsi')
    assert.equal(legacyBaseIndicatorName('RSI_fast'), 'rsi')
    assert.equal(legacyBaseIndicatorName('sma_fast'), 'sma')
    assert.equal(legacyBaseIndicatorName('BollingerBands'), 'bollingerbands')
    assert.equal(legacyBaseIndicatorName('adx14'), 'adx')
    assert.equal(legacyBaseIndicatorName('_x'), '_x')
  })

  test('multi timeframe: prefixed columns, NaN passes through, OHLCV skipped', ({ assert }) => {
    const config = parseLegacyFuzzySets({ rsi: RSI_SETS, adx: RSI_SETS }, 's.yaml')
    const fuzzy = fuzzifyLegacyMulti(
      { '1h': frameOf({ close: [50], rsi: [NaN] }), '4h': frameOf({ close: [40], rsi: [40] }) },
      config,
      's.yaml',
    )
    assert.deepEqual(fuzzy['1h'].names, ['1h_rsi_oversold', '1h_rsi_neutral', '1h_rsi_overbought'])
    assert.isTrue(Number.isNaN(fuzzy['1h'].get('1h_rsi_neutral')![0]))
    assert.equal(fuzzy['4h'].get('4h_rsi_neutral')![0], 0.5)
  })
})
