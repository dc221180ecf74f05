import { test } from '@japa/runner'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { writeFileAtomic } from '../../../../reference/data/atomic-write.ts'
import { formatOhlcvCsv } from '../../../../reference/data/csv.ts'
import { CsvDataSource } from '../../../../reference/data/csv-source.ts'
import { DataError } from '../../../../reference/data/errors.ts'
import { selectTimeRange } from '../../../../reference/data/frame.ts'
import { filterByDate, loadMarketData } from '../../../../reference/data/market-data.ts'
import { generateSyntheticMarket } from '../../../../reference/data/synthetic.ts'

const DAY = 86_400_000
const T0 = Date.parse('2024-01-01T00:00:00Z')
const iso = (ms: number): string => new Date(ms).toISOString()

/** 30 days of EURUSD at 1h, 2h, 4h and 1d, the 4h file covering only days 5 … 27, written as CSV files. */
function dataDir(): CsvDataSource {
  const dir = mkdtempSync(join(tmpdir(), 'ktrdr-market-'))
  const market = generateSyntheticMarket({
    symbols: ['EURUSD'],
    bars: 30 * 24,
    seed: 3,
    timeframes: ['1h', '2h', '4h', '1d'],
  })
  for (const [tf, frame] of Object.entries(market.EURUSD!)) {
    const written = tf === '4h' ? selectTimeRange(frame, T0 + 5 * DAY, T0 + 28 * DAY - 1) : frame
    writeFileAtomic(join(dir, `EURUSD_${tf}.csv`), formatOhlcvCsv(written))
  }
  return new CsvDataSource(dir)
}

function dataError(fn: () => unknown): DataError {
  try {
    fn()
  } catch (error) {
    if (error instanceof DataError) return error
    throw error
  }
  throw new Error('expected a DataError, nothing was thrown')
}

test.group('data/market-data: filterByDate', () => {
  const frame = generateSyntheticMarket({ symbols: ['AAPL'], bars: 72, seed: 1, timeframes: ['1h'] }).AAPL!['1h']!

  test('both bounds are inclusive; a date-only end means midnight UTC', ({ assert }) => {
    const out = filterByDate(frame, '2024-01-01T05:00:00Z', '2024-01-02')

    assert.equal(iso(out.timestamps[0]!), '2024-01-01T05:00:00.000Z')
    assert.equal(iso(out.timestamps[out.timestamps.length - 1]!), '2024-01-02T00:00:00.000Z')
    assert.lengthOf(out.timestamps, 20)
  })

  test('null bounds keep everything; a bad bound is INVALID_DATE', ({ assert }) => {
    assert.lengthOf(filterByDate(frame, null, null).timestamps, 72)
    assert.lengthOf(filterByDate(frame, null, '2024-01-01T02:00:00+01:00').timestamps, 2)
    const error = dataError(() => filterByDate(frame, 'soon', null))
    assert.equal(error.message, 'start date: cannot parse "soon"')
    assert.equal(error.code, 'INVALID_DATE')
  })
})

test.group('data/market-data: loadMarketData', () => {
  test('a single timeframe is loaded and filtered, with no coverage rule', ({ assert }) => {
    const out = loadMarketData(dataDir(), 'EURUSD', ['1d'], '2024-01-03', null)

    assert.deepEqual(Object.keys(out), ['1d'])
    assert.lengthOf(out['1d']!.timestamps, 28)
  })

  test('several timeframes are trimmed to their common coverage, inclusive, keys in request order', ({ assert }) => {
    const warnings: string[] = []

    const out = loadMarketData(dataDir(), 'EURUSD', ['1h', '4h'], null, null, (m) => warnings.push(m))

    assert.deepEqual(Object.keys(out), ['1h', '4h'])
    const commonStart = T0 + 5 * DAY
    const commonEnd = T0 + 28 * DAY - 4 * 3_600_000
    for (const frame of Object.values(out)) {
      assert.equal(frame.timestamps[0], commonStart)
      assert.equal(frame.timestamps[frame.timestamps.length - 1], commonEnd)
    }
    assert.lengthOf(out['1h']!.timestamps, (commonEnd - commonStart) / 3_600_000 + 1)
    assert.lengthOf(out['4h']!.timestamps, 23 * 6)
    assert.deepEqual(warnings, [
      'EURUSD: timeframes trimmed to their common coverage 2024-01-06T00:00:00Z … 2024-01-28T20:00:00Z',
    ])
  })

  test('fewer than 50 bars in the common window is MULTI_TF_INSUFFICIENT_COVERAGE', ({ assert }) => {
    const error = dataError(() => loadMarketData(dataDir(), 'EURUSD', ['1h', '1d'], null, null))

    assert.equal(error.code, 'MULTI_TF_INSUFFICIENT_COVERAGE')
    assert.equal(
      error.message,
      'EURUSD: insufficient common coverage over 1h, 1d: 30 bars (need 50) over 29.00 days (need 7) between 2024-01-01T00:00:00Z and 2024-01-30T00:00:00Z',
    )
  })

  test('a window shorter than 7 days is insufficient even with enough bars', ({ assert }) => {
    const error = dataError(() => loadMarketData(dataDir(), 'EURUSD', ['1h', '2h'], '2024-01-10', '2024-01-16'))

    assert.equal(error.code, 'MULTI_TF_INSUFFICIENT_COVERAGE')
    assert.match(error.message, /: 73 bars \(need 50\) over 6\.00 days \(need 7\)/)
  })

  test('a failing base timeframe throws; a failing other timeframe is skipped with a warning', ({ assert }) => {
    const source = dataDir()
    const base = dataError(() => loadMarketData(source, 'EURUSD', ['15m', '1h'], null, null))
    assert.equal(base.code, 'BASE_TIMEFRAME_FAILED')
    assert.match(base.message, /^EURUSD 15m \(base timeframe\): .*EURUSD_15m\.csv: no such file$/)

    const warnings: string[] = []
    const out = loadMarketData(source, 'EURUSD', ['1h', '1w', '2h'], null, null, (m) => warnings.push(m))

    assert.deepEqual(Object.keys(out), ['1h', '2h'])
    assert.match(warnings[0]!, /^EURUSD 1w: skipped: .*EURUSD_1w\.csv: no such file$/)
  })
})
