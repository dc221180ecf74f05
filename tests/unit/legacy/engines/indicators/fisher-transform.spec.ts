import { test } from '@japa/runner'
import { LegacyFisherTransform } from '../../../../../legacy/local/engines/indicators/fisher-transform.ts'
import { frameOf, outputs } from './_frames.ts'

test.group('legacy FisherTransformIndicator', () => {
  test('hl2 normalised in the rolling range, clipped, 0.5·ln((1+x)/(1−x)), smoothed', ({ assert }) => {
    // hl2 = [1, 3, 3, 2, 4]; HH(2) = [–, 4, 4, 4, 4]; LL(2) = [–, 0, 2, 1, 1]
    const frame = frameOf({ high: [2, 4, 4, 3, 4], low: [0, 2, 2, 1, 4] })
    const out = outputs(new LegacyFisherTransform({ period: 2, smoothing: 1 }), frame)
    assert.deepEqual(out.names.slice(0, 4), [
      'Fisher_2_1',
      'Fisher_Trigger_2_1',
      'Fisher_Raw_2_1',
      'Fisher_Normalized_2_1',
    ])
    const [fisher, trigger, raw, normalized] = out.values
    // x = 2·((3 − 0)/4) − 1, 2·((3 − 2)/2) − 1, 2·((2 − 1)/3) − 1, and 2·((4 − 1)/3) − 1 = 1 clipped to 0.999
    assert.deepEqual(normalized, [NaN, 0.5, 0, 2 * (1 / 3) - 1, 0.999])
    const fisherOf = (x: number) => 0.5 * Math.log((1 + x) / (1 - x))
    assert.deepEqual(raw, [NaN, fisherOf(0.5), 0, fisherOf(2 * (1 / 3) - 1), fisherOf(0.999)])
    assert.deepEqual(fisher, raw) // span 1: α = 1
    assert.deepEqual(trigger, [NaN, NaN, ...raw!.slice(1, 4)])
    assert.deepEqual(out.values[6], [0, 1, 0, 0, 1]) // above zero
    assert.deepEqual(out.values[8], [0, 0, 0, 0, 1]) // overbought (> 2)
  })

  test('a zero range normalises to 0; the old checks', ({ assert }) => {
    const flat = frameOf({ high: [1, 1, 1], low: [1, 1, 1] })
    assert.deepEqual(outputs(new LegacyFisherTransform({ period: 2, smoothing: 1 }), flat).values[3], [NaN, 0, 0])
    assert.throws(() => new LegacyFisherTransform({ smoothing: 0 }), 'smoothing must be a positive integer')
    assert.throws(() => new LegacyFisherTransform({ smoothing: 21 }), /smoothing should not exceed 20/)
    assert.throws(() => new LegacyFisherTransform({ period: 1 }), 'period must be at least 2')
    assert.throws(
      () => new LegacyFisherTransform({}).compute(flat),
      'Fisher Transform requires at least 13 data points',
    )
  })
})
