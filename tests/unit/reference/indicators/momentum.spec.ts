import { test } from '@japa/runner'
import { momentum, momentumClass } from '../../../../reference/indicators/momentum.ts'
import { frameFromCloses, wave } from './_fixtures.ts'

test.group('momentum', () => {
  test('x[i] − x[i − period], NaN first', ({ assert }) => {
    assert.deepEqual(Array.from(momentum(Float64Array.of(1, 2, 4, 8, NaN), 2)), [NaN, NaN, 3, 6, NaN])
  })

  test('column Momentum_<period>_<source>; source among open, high, low, close', ({ assert }) => {
    const frame = frameFromCloses(wave(12))
    assert.deepEqual(momentumClass.configure({}).compute(frame, 'momentum').names, ['Momentum_10_close'])
    const high = momentumClass.configure({ period: 3, source: 'high' })
    assert.deepEqual(Array.from(high.compute(frame, 'm').columns[0]!), Array.from(momentum(frame.high, 3)))
    assert.strictEqual(high.minRows, 4)
    assert.throws(
      () => momentumClass.configure({ source: 'volume' }),
      "DataError PARAM-InvalidOption: Parameter 'source' must be one of ['open', 'high', 'low', 'close']",
    )
  })
})
