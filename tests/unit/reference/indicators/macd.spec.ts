import { test } from '@japa/runner'
import { macd, macdIndicator } from '../../../../reference/indicators/macd.ts'
import { frameFromCloses, wave } from './_fixtures.ts'

test.group('macd', () => {
  test('subtracts recursive EMAs seeded with the first close', ({ assert }) => {
    const { macd: line, signal, histogram } = macd(Float64Array.of(1, 2), 12, 26, 9)
    const fast = (1 - 2 / 13) * 1 + (2 / 13) * 2
    const slow = (1 - 2 / 27) * 1 + (2 / 27) * 2
    assert.strictEqual(line[0], 0)
    assert.strictEqual(line[1], fast - slow)
    assert.strictEqual(signal[1], (1 - 0.2) * 0 + 0.2 * (fast - slow))
    assert.strictEqual(histogram[1], line[1]! - signal[1]!)
  })

  test('a flat series gives zero lines', ({ assert }) => {
    const out = macd(new Float64Array(40).fill(5), 12, 26, 9)
    assert.isTrue([out.macd, out.signal, out.histogram].every((c) => c.every((v) => v === 0)))
  })

  test('the indicator ignores the strategy name and hard-codes its three columns', ({ assert }) => {
    const out = macdIndicator.compute(frameFromCloses(wave(40)), 'my_macd')
    assert.deepEqual(out.names, ['MACD_12_26', 'MACD_signal_12_26_9', 'MACD_hist_12_26_9'])
    assert.strictEqual(macdIndicator.minRows, 35)
    assert.isFalse(out.columns.some((c) => c.some(Number.isNaN)))
  })
})
