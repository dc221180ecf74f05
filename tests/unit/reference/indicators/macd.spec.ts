import { test } from '@japa/runner'
import { macd, macdClass } from '../../../../reference/indicators/macd.ts'
import { frameFromCloses, wave } from './_fixtures.ts'
import { YamlFloat } from '../../../../reference/strategy/yaml-float.ts'

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
    const out = macdClass.configure({}).compute(frameFromCloses(wave(40)), 'my_macd')
    assert.deepEqual(out.names, ['MACD_12_26', 'MACD_signal_12_26_9', 'MACD_hist_12_26_9'])
    assert.strictEqual(macdClass.configure({}).minRows, 35)
    assert.isFalse(out.columns.some((c) => c.some(Number.isNaN)))
  })

  test('params: the schema coerces, names follow the periods (a bool prints True), fast < slow', ({ assert }) => {
    const frame = frameFromCloses(wave(40))
    const out = macdClass
      .configure({ fast_period: '3', slow_period: new YamlFloat(7.9), signal_period: 2 })
      .compute(frame, 'm')
    assert.deepEqual(out.names, ['MACD_3_7', 'MACD_signal_3_7_2', 'MACD_hist_3_7_2'])
    assert.deepEqual(Array.from(out.columns[0]!), Array.from(macd(frame.close, 3, 7, 2).macd))
    assert.deepEqual(
      macdClass.configure({ fast_period: true, slow_period: 5 }).compute(frame, 'm').names[0],
      'MACD_True_5',
    )
    assert.strictEqual(macdClass.configure({ fast_period: 3, slow_period: 7, signal_period: 2 }).minRows, 9)
    assert.throws(
      () => macdClass.configure({ fast_period: 30 }),
      'PARAM-ConstraintViolation: Fast period must be less than slow period',
    )
    assert.throws(() => macdClass.configure({ source: 'volume' }), /PARAM-InvalidOption/)
  })
})
