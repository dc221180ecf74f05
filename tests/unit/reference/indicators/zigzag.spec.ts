import { test } from '@japa/runner'
import { IndicatorParameterError } from '../../../../reference/indicators/errors.ts'
import { zigzagLine, zigZagClass } from '../../../../reference/indicators/zigzag.ts'
import { YamlFloat } from '../../../../reference/strategy/yaml-float.ts'
import { frameFromCloses, wave } from './_fixtures.ts'

test.group('zigzag indicator', () => {
  test('keeps the surviving pivot prices, NaN elsewhere', ({ assert }) => {
    const out = zigzagLine(Float64Array.of(100, 102, 106, 104, 99, 101), 0.05)
    assert.deepEqual(Array.from(out), [100, NaN, 106, NaN, 99, NaN])
  })

  test('names the column from int(threshold · 100) alone, truncating (0.29 → 28)', ({ assert }) => {
    const frame = frameFromCloses(wave(10))
    assert.deepEqual(zigZagClass.configure({}).compute(frame, 'zz').names, ['ZigZag_5'])
    assert.deepEqual(zigZagClass.configure({ threshold: new YamlFloat(0.29) }).compute(frame, 'zz').names, [
      'ZigZag_28',
    ])
    assert.strictEqual(zigZagClass.configure({}).minRows, 3)
  })

  test('reads its source from the growing frame', ({ assert }) => {
    const frame = frameFromCloses(wave(10))
    const other = Float64Array.of(1, 2, 3, 2, 1, 2, 3, 2, 1, 2)
    const impl = zigZagClass.configure({ threshold: new YamlFloat(0.4), source: 'rsi_14' })
    const out = impl.compute(frame, 'zz', (name) => (name === 'rsi_14' ? other : undefined))
    assert.deepEqual(Array.from(out.columns[0]!), Array.from(zigzagLine(other, 0.4)))
    assert.throws(() => impl.compute(frame, 'zz', () => undefined), "Source column 'rsi_14' not found in data")
  })

  test('refuses what the old constructor refused, accepts unused extra keywords', ({ assert }) => {
    assert.throws(
      () => zigZagClass.configure({ threshold: new YamlFloat(1) }),
      'ValueError: Threshold must be between 0 and 1, got 1.0',
    )
    assert.throws(
      () => zigZagClass.configure({ threshold: '0.1' }),
      "TypeError: '<=' not supported between instances of 'str' and 'int'",
    )
    assert.throws(() => zigZagClass.configure({ name: 'x' }), IndicatorParameterError)
    assert.throws(() => zigZagClass.configure({ display_as_overlay: false }), IndicatorParameterError)
    assert.doesNotThrow(() => zigZagClass.configure({ lookahead: 5 }))
  })
})
