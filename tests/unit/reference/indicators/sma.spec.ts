import { test } from '@japa/runner'
import { sma, smaClass } from '../../../../reference/indicators/sma.ts'
import { frameFromCloses, wave } from './_fixtures.ts'

test.group('sma', () => {
  test('is the mean of full windows, NaN during warm-up', ({ assert }) => {
    const out = sma(Float64Array.of(1, 2, 3, 4), 3)
    assert.isTrue(Number.isNaN(out[0]!) && Number.isNaN(out[1]!))
    assert.deepEqual(Array.from(out.slice(2)), [2, 3])
  })

  test('a window holding a NaN is NaN', ({ assert }) => {
    const out = sma(Float64Array.of(1, NaN, 3, 4, 5), 2)
    assert.isTrue(out.slice(0, 3).every(Number.isNaN))
    assert.deepEqual(Array.from(out.slice(3)), [3.5, 4.5])
  })

  test('a window of equal values is that value exactly (pandas: no summation artefact)', ({ assert }) => {
    const out = sma(new Float64Array(22).fill(0.1), 20)
    assert.strictEqual(out[21], 0.1)
  })

  test('the indicator uses period 20 on close and the column <name>_20', ({ assert }) => {
    const frame = frameFromCloses(wave(25))
    const out = smaClass.configure({}).compute(frame, 'sma')
    assert.deepEqual(out.names, ['sma_20'])
    assert.closeTo(out.columns[0]![19]!, frame.close.slice(0, 20).reduce((s, v) => s + v, 0) / 20, 1e-12)
  })

  test('params: period and source; period 1 is refused (the old check wants 2)', ({ assert }) => {
    const frame = frameFromCloses(Array.from({ length: 10 }, (_, i) => i))
    const out = smaClass.configure({ period: 3, source: 'high' }).compute(frame, 'S')
    assert.deepEqual(out.names, ['s_3'])
    assert.deepEqual(Array.from(out.columns[0]!), Array.from(sma(frame.high, 3)))
    assert.throws(() => smaClass.configure({ period: 1 }), 'SMA period must be at least 2')
  })
})
