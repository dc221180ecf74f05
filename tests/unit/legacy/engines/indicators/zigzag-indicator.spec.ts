import { test } from '@japa/runner'
import { LegacyIndicatorDataError, LegacyValueError } from '../../../../../legacy/local/engines/errors.ts'
import { LegacyZigZag } from '../../../../../legacy/local/engines/indicators/zigzag-indicator.ts'
import { PythonFloat } from '../../../../../legacy/local/python-values.ts'
import { flatBars, frameOf, outputs } from './_frames.ts'

test.group('legacy ZigZagIndicator', () => {
  test('pivot prices, NaN elsewhere, column ZigZag_<int(threshold · 100)>', ({ assert }) => {
    const frame = frameOf({ close: [100, 102, 106, 104, 99, 101] })
    assert.deepEqual(outputs(new LegacyZigZag({}), frame), {
      names: ['ZigZag_5'],
      values: [[100, NaN, 106, NaN, 99, NaN]],
    })
    const truncated = new LegacyZigZag({ threshold: new PythonFloat(0.29) })
    truncated.name = 'zz'
    assert.deepEqual(outputs(truncated, frame).names, ['ZigZag_28'])
  })

  test('any column as source; 3 rows; the old constructor errors', ({ assert }) => {
    assert.throws(
      () => new LegacyZigZag({ source: 'rsi' }).compute(flatBars([1, 2, 3])),
      "Source column 'rsi' not found in data",
    )
    assert.throws(() => new LegacyZigZag({}).compute(flatBars([1, 2])), LegacyIndicatorDataError)
    assert.throws(() => new LegacyZigZag({ threshold: 1 }), LegacyValueError)
    assert.throws(() => new LegacyZigZag({ threshold: 'x' }), "'<=' not supported between instances of 'str' and 'int'")
    assert.throws(() => new LegacyZigZag({ name: 'x' }), /multiple values for keyword argument 'name'/)
    assert.doesNotThrow(() => new LegacyZigZag({ unused: 1 }))
  })
})
