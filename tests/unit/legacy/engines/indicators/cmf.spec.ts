import { test } from '@japa/runner'
import { LegacyCmf } from '../../../../../legacy/local/engines/indicators/cmf.ts'
import { frameOf, outputs } from './_frames.ts'

test.group('legacy CMFIndicator', () => {
  test('money flow sum over volume sum, its EMA signal and flags; a NaN in the window gives NaN', ({ assert }) => {
    const frame = frameOf({ high: [3, 4, 5, 5], low: [1, 2, 3, 5], close: [2, 4, NaN, 5], volume: [10, 20, 30, 40] })
    const out = outputs(new LegacyCmf({ period: 2 }), frame)
    assert.deepEqual(out.names, [
      'CMF_2',
      'CMF_MF_Multiplier_2',
      'CMF_MF_Volume_2',
      'CMF_Momentum_2',
      'CMF_Signal_2',
      'CMF_Histogram_2',
      'CMF_Above_Zero_2',
      'CMF_Below_Zero_2',
    ])
    const [cmf, , flow, momentum, signal, histogram, above, below] = out.values
    assert.deepEqual(flow, [0, 20, NaN, 0])
    assert.deepEqual(cmf, [NaN, 20 / 30, NaN, NaN])
    assert.deepEqual(momentum, [NaN, NaN, NaN, NaN])
    assert.deepEqual(signal, [NaN, 20 / 30, 20 / 30, 20 / 30])
    assert.deepEqual(histogram, [NaN, 0, NaN, NaN])
    assert.deepEqual(above, [0, 1, 0, 0])
    assert.deepEqual(below, [0, 0, 0, 0])
  })

  test('a window without volume gives 0; the old checks', ({ assert }) => {
    const frame = frameOf({ high: [3, 4], low: [1, 2], close: [3, 2], volume: [0, 0] })
    assert.deepEqual(outputs(new LegacyCmf({ period: 2 }), frame).values[0], [NaN, 0])
    assert.throws(() => new LegacyCmf({ period: 1 }), 'period must be at least 2')
    assert.throws(() => new LegacyCmf({}).compute(frame), 'CMF requires at least 21 data points')
  })
})
