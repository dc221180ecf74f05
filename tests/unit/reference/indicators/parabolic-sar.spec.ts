import { test } from '@japa/runner'
import { parabolicSar, parabolicSarClass } from '../../../../reference/indicators/parabolic-sar.ts'
import { YamlFloat } from '../../../../reference/strategy/yaml-float.ts'
import { frameFromCloses, wave } from './_fixtures.ts'

const AF = { initial: 0.02, step: 0.02, max: 0.2 }

test.group('parabolic SAR', () => {
  test('starts up from close[1] > close[0], trails the lows, accelerates, reverses on a low below', ({ assert }) => {
    const out = parabolicSar(
      Float64Array.of(10, 11, 12, 13, 9),
      Float64Array.of(9, 10, 11, 12, 8),
      Float64Array.of(9.5, 10.5, 11.5, 12.5, 8.5),
      AF,
    )
    assert.isTrue(Number.isNaN(out[0]!))
    assert.deepEqual(Array.from(out.subarray(1, 3)), [9, 9])
    assert.closeTo(out[3]!, 9.12, 1e-12)
    assert.strictEqual(out[4], 13)
  })

  test('a falling start (or a NaN close) begins down from the previous high', ({ assert }) => {
    const out = parabolicSar(Float64Array.of(10, 9.5), Float64Array.of(9, 8), Float64Array.of(9.5, NaN), AF)
    assert.strictEqual(out[1], 10)
  })

  test('column from Python str() of the factors; unknown keywords are schema errors', ({ assert }) => {
    const frame = frameFromCloses(wave(10))
    assert.deepEqual(parabolicSarClass.configure({}).compute(frame, 'sar').names, ['ParabolicSAR_0.02_0.02_0.2'])
    assert.deepEqual(parabolicSarClass.configure({ max_af: 1 }).compute(frame, 'sar').names, [
      'ParabolicSAR_0.02_0.02_1',
    ])
    assert.deepEqual(parabolicSarClass.configure({ max_af: new YamlFloat(1) }).compute(frame, 'sar').names, [
      'ParabolicSAR_0.02_0.02_1.0',
    ])
    assert.throws(
      () => parabolicSarClass.configure({ acceleration: 1 }),
      'DataError PARAM-Unknown: Unknown parameters: acceleration',
    )
    assert.throws(
      () => parabolicSarClass.configure({ step_af: new YamlFloat(0.5) }),
      "Parameter 'step_af' must be <= 0.1",
    )
  })
})
