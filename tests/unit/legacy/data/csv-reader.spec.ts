import { test } from '@japa/runner'
import { readLegacyCsv } from '../../../../legacy/local/data/csv-reader.ts'
import { LegacyDataError } from '../../../../legacy/local/data/errors.ts'
import { tempDir, writeText } from '../../../fixtures/legacy/temp-files.ts'

test.group('legacy csv reader (docs/legacy-behaviour.md §2.1)', () => {
  test('first column is the UTC date index; names lower-cased; file order kept (no sort, no dedup)', ({ assert }) => {
    const path = writeText(
      tempDir(),
      'X_1h.csv',
      'Date,Open,High,Low,Close,Volume\n2024-01-01 02:00:00,1,2,0.5,1.5,10\n2024-01-01 01:00:00,3,4,2,3.5,20\n' +
        '2024-01-01 01:00:00,3,4,2,3.5,20\n',
    )
    const frame = readLegacyCsv(path)
    assert.deepEqual(frame.names, ['open', 'high', 'low', 'close', 'volume'])
    assert.deepEqual(Array.from(frame.timestamps), [
      Date.UTC(2024, 0, 1, 2),
      Date.UTC(2024, 0, 1, 1),
      Date.UTC(2024, 0, 1, 1),
    ])
    assert.deepEqual(Array.from(frame.columns[3]), [1.5, 3.5, 3.5])
  })

  test('offsets are converted to UTC; empty cells read as NaN', ({ assert }) => {
    const path = writeText(
      tempDir(),
      'X.csv',
      'date,open,high,low,close,volume\n2024-01-01T02:00:00+02:00,1,2,0.5,,10\n',
    )
    const frame = readLegacyCsv(path)
    assert.equal(frame.timestamps[0], Date.UTC(2024, 0, 1, 0))
    assert.isTrue(Number.isNaN(frame.columns[3][0]))
  })

  test('falls back to a date-named column when the first column is not a date', ({ assert }) => {
    const path = writeText(tempDir(), 'X.csv', 'close,timestamp\n10,2024-01-02\n11,2024-01-03\n')
    const frame = readLegacyCsv(path)
    assert.deepEqual(Array.from(frame.timestamps), [Date.UTC(2024, 0, 2), Date.UTC(2024, 0, 3)])
    assert.deepEqual(frame.names, ['close', 'open', 'high', 'low', 'volume'])
  })

  test('missing price columns copy the first present price column, missing volume is 0', ({ assert }) => {
    const path = writeText(tempDir(), 'X.csv', 'date,high,close\n2024-01-01,5,4\n')
    const frame = readLegacyCsv(path)
    assert.deepEqual(frame.names, ['high', 'close', 'open', 'low', 'volume'])
    assert.deepEqual(
      frame.columns.map((c) => c[0]),
      [5, 4, 5, 5, 0],
    )
  })

  test('no price column at all gives 100.0 for every price', ({ assert }) => {
    const frame = readLegacyCsv(writeText(tempDir(), 'X.csv', 'date,volume\n2024-01-01,7\n'))
    assert.deepEqual(
      frame.columns.map((c) => c[0]),
      [7, 100, 100, 100, 100],
    )
  })

  test('a non-numeric price fails naming file, line and column', ({ assert }) => {
    const path = writeText(
      tempDir(),
      'X.csv',
      'date,open,high,low,close,volume\n2024-01-01,1,2,0,1,5\n2024-01-02,1,2,0,abc,5\n',
    )
    assert.throws(() => readLegacyCsv(path), `${path}:3: column 'close': not a number 'abc'`)
  })

  test('an unparsable date in the date column fails naming file and line', ({ assert }) => {
    const path = writeText(tempDir(), 'X.csv', 'x,date,close\n1,2024-01-01,1\n2,yesterday,2\n')
    assert.throws(() => readLegacyCsv(path), `${path}:3: column 'date': unparsable date 'yesterday'`)
  })

  test('too many fields, a missing file and an empty file fail with the old error codes', ({ assert }) => {
    const dir = tempDir()
    const wide = writeText(dir, 'W.csv', 'date,close\n2024-01-01,1,2\n')
    const codeOf = (f: () => unknown): string => {
      try {
        f()
      } catch (error) {
        return (error as LegacyDataError).code
      }
      return 'no error'
    }
    assert.equal(
      codeOf(() => readLegacyCsv(wide)),
      'DATA-InvalidFormat',
    )
    assert.equal(
      codeOf(() => readLegacyCsv(`${dir}/missing.csv`)),
      'DATA-FileNotFound',
    )
    assert.equal(
      codeOf(() => readLegacyCsv(writeText(dir, 'E.csv', '\n'))),
      'DATA-EmptyFile',
    )
    assert.equal(
      codeOf(() => readLegacyCsv(writeText(dir, 'H.csv', 'date,close\n'))),
      'DATA-ReadError',
    )
  })
})
