import { test } from '@japa/runner'
import { rsi, rsiIndicator } from '../../../../reference/indicators/rsi.ts'
import { frameFromCloses } from './_fixtures.ts'

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

  test('a missing close counts as neither gain nor loss', ({ assert }) => {
    const out = rsi(Float64Array.of(1, 2, NaN, 3, 4), 2)
    assert.deepEqual(Array.from(out.slice(2)), [100, 100, 100])
  })

  test('too short a series gives only NaN', ({ assert }) => {
    assert.isTrue(rsi(Float64Array.of(1, 2), 2).every(Number.isNaN))
  })

  test('the indicator runs period 14 and names its column after the lower-cased strategy name', ({ assert }) => {
    const frame = frameFromCloses(Array.from({ length: 20 }, (_, i) => 100 + (i % 3)))
    const out = rsiIndicator.compute(frame, 'RSI_Fast')
    assert.deepEqual(out.names, ['rsi_fast_14'])
    assert.deepEqual(Array.from(out.columns[0]!), Array.from(rsi(frame.close, 14)))
    assert.strictEqual(rsiIndicator.minRows, 15)
  })
})
