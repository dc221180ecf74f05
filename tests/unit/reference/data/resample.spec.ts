import { test } from '@japa/runner'
import { DataError } from '../../../../reference/data/errors.ts'
import { resampleOhlcv } from '../../../../reference/data/resample.ts'
import type { OhlcvFrame } from '../../../../reference/data/types.ts'

const H = 3_600_000
const T0 = Date.parse('2024-01-01T22:00:00Z')

/** Eight hourly bars 22:00 … 05:00 (crossing midnight), with one NaN close and one NaN high. */
function handMade(): OhlcvFrame {
  return {
    symbol: 'HAND',
    timeframe: '1h',
    timestamps: Float64Array.from({ length: 8 }, (_, i) => T0 + i * H),
    open: Float64Array.of(10, 11, 12, 13, 14, 15, 16, 17),
    high: Float64Array.of(11, 13, 12.5, 14, NaN, 16, 18, 17.5),
    low: Float64Array.of(9, 10.5, 11, 12, 13.5, 14, 15.5, 16),
    close: Float64Array.of(11, 12, 13, 14, 15, 16, 17, NaN),
    volume: Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8),
    extra: { names: ['spread'], columns: [Float64Array.of(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)] },
  }
}

test.group('data/resample', () => {
  test('4h buckets align to UTC multiples: open first, high max, low min, close last, volume sum', ({ assert }) => {
    const out = resampleOhlcv(handMade(), '4h')

    assert.equal(out.timeframe, '4h')
    assert.deepEqual(
      Array.from(out.timestamps),
      ['2024-01-01T20:00:00Z', '2024-01-02T00:00:00Z', '2024-01-02T04:00:00Z'].map(Date.parse),
    )
    assert.deepEqual(Array.from(out.open), [10, 12, 16])
    assert.deepEqual(Array.from(out.high), [13, 16, 18])
    assert.deepEqual(Array.from(out.low), [9, 11, 15.5])
    assert.deepEqual(Array.from(out.close), [12, 16, 17])
    assert.deepEqual(Array.from(out.volume), [3, 18, 15])
    assert.deepEqual(Array.from(out.extra.columns[0]!), [0.2, 0.6, 0.8])
  })

  test('1d buckets start at 00:00 UTC; the 1h timeframe is the identity on aligned bars', ({ assert }) => {
    const daily = resampleOhlcv(handMade(), '1d')
    assert.deepEqual(Array.from(daily.timestamps), ['2024-01-01T00:00:00Z', '2024-01-02T00:00:00Z'].map(Date.parse))
    assert.deepEqual(Array.from(daily.close), [12, 17])
    assert.deepEqual(Array.from(daily.volume), [3, 33])

    const same = resampleOhlcv(handMade(), '1h')
    assert.deepEqual(Array.from(same.open), Array.from(handMade().open))
  })

  test('a bucket with no bar is omitted, and months are refused', ({ assert }) => {
    const frame = handMade()
    const gappy = { ...frame, timestamps: Float64Array.from(frame.timestamps, (t, i) => (i < 2 ? t : t + 8 * H)) }
    assert.deepEqual(
      Array.from(resampleOhlcv(gappy, '4h').timestamps),
      ['2024-01-01T20:00:00Z', '2024-01-02T08:00:00Z', '2024-01-02T12:00:00Z'].map(Date.parse),
    )
    assert.throws(() => resampleOhlcv(frame, '1M'), DataError, 'resample: timeframe 1M has no fixed length')
  })
})
