import { test } from '@japa/runner'
import { formatOhlcvCsv, parseOhlcvCsv, readOhlcvCsv } from '../../../../reference/data/csv.ts'
import { DataError } from '../../../../reference/data/errors.ts'
import { generateSyntheticSeries } from '../../../../reference/data/synthetic.ts'

const FIXTURES = 'tests/fixtures/data'
const utc = (iso: string): number => Date.parse(iso)

function dataError(fn: () => unknown): DataError {
  try {
    fn()
  } catch (error) {
    if (error instanceof DataError) return error
    throw error
  }
  throw new Error('expected a DataError, nothing was thrown')
}

test.group('data/csv: reading', () => {
  test('reads OHLCV with lower-cased names, UTC times, extra columns, NaN closes, file order kept', ({ assert }) => {
    const frame = readOhlcvCsv(`${FIXTURES}/good/DEMO_1h.csv`, 'DEMO', '1h')

    assert.equal(frame.symbol, 'DEMO')
    assert.equal(frame.timeframe, '1h')
    assert.deepEqual(Array.from(frame.timestamps), [
      utc('2024-01-01T00:00:00Z'),
      utc('2024-01-01T01:00:00Z'),
      utc('2024-01-01T01:00:00Z'),
      utc('2024-01-01T02:00:00Z'),
      utc('2024-01-01T06:00:00.250Z'),
    ])
    assert.deepEqual(Array.from(frame.open), [1.1, 1.11, 1.12, 1.12, 1.14])
    assert.deepEqual(Array.from(frame.high), [1.12, 1.13, 1.14, 1.15, 1.16])
    assert.deepEqual(Array.from(frame.low), [1.09, 1.1, 1.11, 1.11, 1.13])
    assert.deepEqual(Array.from(frame.close).slice(0, 2), [1.11, 1.12])
    assert.isNaN(frame.close[2]!)
    assert.deepEqual(Array.from(frame.volume), [100, 110, 120, 0, 130])
    assert.deepEqual(frame.extra.names, ['spread'])
    assert.deepEqual(Array.from(frame.extra.columns[0]!).slice(0, 3), [0.5, 0.4, 0.6])
    assert.isNaN(frame.extra.columns[0]![3]!)
  })

  test('a named date column is found and a missing volume column reads as 0', ({ assert }) => {
    const frame = readOhlcvCsv(`${FIXTURES}/good/INDEX_1d.csv`, 'INDEX', '1d')

    assert.deepEqual(Array.from(frame.timestamps), [utc('2024-01-01T00:00:00Z'), utc('2024-01-02T00:00:00Z')])
    assert.deepEqual(Array.from(frame.volume), [0, 0])
  })

  test('the date column may be any column named like a date, and quoted fields are unquoted', ({ assert }) => {
    const text = '"open",high,low,close,Timestamp,volume\n1,2,0.5,"1.5",2024-03-01 12:00,7\n'

    const frame = parseOhlcvCsv(text, 'inline.csv', 'X', '1h')

    assert.deepEqual(Array.from(frame.timestamps), [utc('2024-03-01T12:00:00Z')])
    assert.deepEqual(Array.from(frame.close), [1.5])
    assert.deepEqual(frame.extra.names, [])
  })

  test('a header-only file gives an empty frame; an empty file is an error', ({ assert }) => {
    assert.equal(parseOhlcvCsv('date,open,high,low,close,volume\n', 'h.csv', 'X', '1h').timestamps.length, 0)
    assert.equal(
      dataError(() => parseOhlcvCsv('\n\n', 'e.csv', 'X', '1h')).message,
      'e.csv: empty file (no header line)',
    )
  })
})

test.group('data/csv: malformed files fail with one line naming file, line and column', () => {
  const cases: [string, string][] = [
    ['truncated_row', `${FIXTURES}/bad/truncated_row.csv:3: truncated row: expected 6 fields, got 4`],
    ['text_price', `${FIXTURES}/bad/text_price.csv:7: column 'close': not a number: "abc"`],
    [
      'no_date_column',
      `${FIXTURES}/bad/no_date_column.csv:1: no date column: the first column is not a date and none is named date/Date/DATE/timestamp/Timestamp/time/Time`,
    ],
    [
      'unparsable_date',
      `${FIXTURES}/bad/unparsable_date.csv:3: column 'date': cannot parse date: "2024-13-01T00:00:00Z"`,
    ],
    [
      'missing_column',
      `${FIXTURES}/bad/missing_column.csv:1: missing required column 'low' (header: date,open,high,close,volume)`,
    ],
  ]
  for (const [name, message] of cases) {
    test(name, ({ assert }) => {
      const error = dataError(() => readOhlcvCsv(`${FIXTURES}/bad/${name}.csv`, 'X', '1h'))

      assert.equal(error.message, message)
      assert.equal(error.code, 'BAD_INPUT')
      assert.notInclude(error.message, '\n')
    })
  }

  test('a row with too many fields and a duplicate column are named too', ({ assert }) => {
    const extra = 'date,open,high,low,close\n2024-01-01,1,2,0.5,1.5,9\n'
    assert.equal(
      dataError(() => parseOhlcvCsv(extra, 'f.csv', 'X', '1d')).message,
      'f.csv:2: too many fields: expected 5 fields, got 6',
    )
    const dup = 'date,open,Open,high,low,close\n'
    assert.equal(dataError(() => parseOhlcvCsv(dup, 'g.csv', 'X', '1d')).message, "g.csv:1: duplicate column 'open'")
  })
})

test.group('data/csv: writing', () => {
  test('format then parse is bit-exact, NaN included', ({ assert }) => {
    const frame = generateSyntheticSeries({ symbol: 'EURUSD', bars: 60, seed: 7, anomalies: { missingCloses: 2 } })

    const back = parseOhlcvCsv(formatOhlcvCsv(frame), 'roundtrip.csv', 'EURUSD', '1h')

    for (const key of ['timestamps', 'open', 'high', 'low', 'close', 'volume'] as const) {
      assert.deepEqual(Array.from(back[key]), Array.from(frame[key]), key)
    }
    assert.equal(formatOhlcvCsv(frame).split('\n')[0], 'date,open,high,low,close,volume')
  })
})
