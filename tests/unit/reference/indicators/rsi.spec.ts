import { test } from '@japa/runner'
import { rsi, rsiClass } from '../../../../reference/indicators/rsi.ts'
import { frameFromCloses, wave } from './_fixtures.ts'
import { YamlFloat } from '../../../../reference/strategy/yaml-float.ts'

test.group('rsi', () => {
  test('seeds with the simple mean of bars 1…period, then Wilder recursion', ({ assert }) => {
    const out = rsi(Float64Array.of(1, 2, 3, 2, 4), 2)
    assert.isTrue(Number.isNaN(out[0]!) && Number.isNaN(out[1]!))
    assert.strictEqual(out[2], 100)
    assert.strictEqual(out[3], 50)
    assert.strictEqual(out[4], 100 - 100 / (1 + 1.25 / 0.25))
  })

  test('a flat series is NaN during warm-up and 50 after', ({ assert }) => {
    const out = rsi(new Float64Array(6).fill(7), 3)
    assert.deepEqual(Array.from(out.slice(3)), [50, 50, 50])
    assert.isTrue(out.slice(0, 3).every(Number.isNaN))
  })

  test('the seed mean skips a NaN delta (gains 1 of 1, losses 0 → 100); the recursion goes on after it', ({
    assert,
  }) => {
    // deltas: -, 1, NaN, NaN, -1, 2 → seed (1, 0) → 100; then (2/3, 1/3) → 66.6…; (10/9, 2/9) → 83.3…
    const out = rsi(Float64Array.of(10, 11, NaN, 13, 12, 14), 3)
    assert.strictEqual(out[3], 100)
    assert.closeTo(out[4]!, 100 - 100 / 3, 1e-12)
    assert.closeTo(out[5]!, 100 - 100 / 6, 1e-12)
  })

  test('one NaN delta after the seed makes every later value NaN', ({ assert }) => {
    const out = rsi(Float64Array.of(10, 11, 12, 11, NaN, 12, 13, 14), 3)
    assert.closeTo(out[3]!, 100 - 100 / 3, 1e-12)
    assert.deepEqual(Array.from(out, Number.isNaN), [true, true, true, false, true, true, true, true])
  })

  test('a seed of NaN deltas only is NaN; a series whose non-NaN deltas are all 0 is flat (50)', ({ assert }) => {
    assert.isTrue(rsi(Float64Array.of(1, NaN, NaN, NaN, 5, 6), 3).every(Number.isNaN))
    assert.deepEqual(Array.from(rsi(Float64Array.of(5, 5, NaN, 5, 5), 2).slice(2)), [50, 50, 50])
  })

  test('too short a series gives only NaN', ({ assert }) => {
    assert.isTrue(rsi(Float64Array.of(1, 2), 2).every(Number.isNaN))
  })

  test('the indicator runs period 14 and names its column after the lower-cased strategy name', ({ assert }) => {
    const frame = frameFromCloses(Array.from({ length: 20 }, (_, i) => 100 + (i % 3)))
    const out = rsiClass.configure({}).compute(frame, 'RSI_Fast')
    assert.deepEqual(out.names, ['rsi_fast_14'])
    assert.deepEqual(Array.from(out.columns[0]!), Array.from(rsi(frame.close, 14)))
    assert.strictEqual(rsiClass.configure({}).minRows, 15)
  })

  test('params: period and any source column; the old hand-written checks refuse floats, None and bools', ({
    assert,
  }) => {
    const frame = frameFromCloses(wave(30))
    const out = rsiClass.configure({ period: 5, source: 'volume' }).compute(frame, 'r')
    assert.deepEqual(out.names, ['r_5'])
    assert.deepEqual(Array.from(out.columns[0]!), Array.from(rsi(frame.volume, 5)))
    assert.strictEqual(rsiClass.configure({ period: 5 }).minRows, 6)
    assert.throws(
      () => rsiClass.configure({ period: new YamlFloat(14) }),
      'DATA-InvalidType: RSI period must be an integer',
    )
    assert.throws(() => rsiClass.configure({ period: null }), 'RSI period must be an integer')
    assert.throws(() => rsiClass.configure({ period: true }), 'DATA-InvalidValue: RSI period must be at least 2')
    assert.throws(() => rsiClass.configure({ source: 1 }), 'Source must be a string')
    assert.throws(() => rsiClass.configure({ name: 'x' }), /unexpected keyword argument 'name'/)
  })
})
