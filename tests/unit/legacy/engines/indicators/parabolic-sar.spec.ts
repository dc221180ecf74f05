import { test } from '@japa/runner'
import { LegacyParabolicSar } from '../../../../../legacy/local/engines/indicators/parabolic-sar.ts'
import { PythonFloat } from '../../../../../legacy/local/python-values.ts'
import { frameOf, outputs } from './_frames.ts'

const TREND = frameOf({
  high: [10, 11, 12, 13, 9],
  low: [9, 10, 11, 12, 8],
  close: [9.5, 10.5, 11.5, 12.5, 8.5],
})

test.group('legacy ParabolicSARIndicator', () => {
  test('up from close[1] > close[0], trailing the lows, reversing on a low below the SAR', ({ assert }) => {
    const out = outputs(new LegacyParabolicSar({}), TREND)
    assert.deepEqual(out.names, ['ParabolicSAR_0.02_0.02_0.2'])
    const sar = out.values[0]!
    assert.deepEqual([sar[0], sar[1], sar[2], sar[4]], [NaN, 9, 9, 13])
    assert.closeTo(sar[3]!, 9.12, 1e-12)
  })

  test('factors print as Python does; extra keywords are unknown schema parameters', ({ assert }) => {
    assert.deepEqual(outputs(new LegacyParabolicSar({ max_af: new PythonFloat(1) }), TREND).names, [
      'ParabolicSAR_0.02_0.02_1.0',
    ])
    assert.deepEqual(outputs(new LegacyParabolicSar({ max_af: 1 }), TREND).names, ['ParabolicSAR_0.02_0.02_1'])
    assert.throws(() => new LegacyParabolicSar({ acceleration: 1 }), 'Unknown parameters: acceleration')
    assert.doesNotThrow(() => new LegacyParabolicSar({ display_as_overlay: false }))
    assert.throws(() => new LegacyParabolicSar({ step_af: new PythonFloat(0.5) }), "Parameter 'step_af' must be <= 0.1")
  })
})
