import { test } from '@japa/runner'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CsvDataSource, validateSymbol, validateTimeframe } from '../../../../reference/data/csv-source.ts'
import { DataError } from '../../../../reference/data/errors.ts'

const FIXTURES = 'tests/fixtures/data'

function dataError(fn: () => unknown): DataError {
  try {
    fn()
  } catch (error) {
    if (error instanceof DataError) return error
    throw error
  }
  throw new Error('expected a DataError, nothing was thrown')
}

test.group('data/csv-source', () => {
  test('loads <dir>/<SYMBOL>_<TIMEFRAME>.csv', ({ assert }) => {
    const source = new CsvDataSource(`${FIXTURES}/good`)

    const frame = source.load('DEMO', '1h')

    assert.equal(frame.timestamps.length, 5)
    assert.match(source.description, /^csv:\/.*tests\/fixtures\/data\/good$/)
  })

  test('bad symbols and timeframes are refused before any path is built', ({ assert }) => {
    const dir = mkdtempSync(join(tmpdir(), 'ktrdr-csv-'))
    writeFileSync(join(dir, 'secret_1h.csv'), 'date,open,high,low,close\n')
    const source = new CsvDataSource(join(dir, 'sub'))

    for (const symbol of ['../secret', '..', 'A/B', '', 'X'.repeat(21), 'EUR USD']) {
      assert.equal(dataError(() => source.load(symbol, '1h')).code, 'INVALID_SYMBOL', symbol)
    }
    for (const timeframe of ['1x', 'h', '1h/../x', '']) {
      assert.equal(dataError(() => source.load('AAPL', timeframe)).code, 'INVALID_TIMEFRAME', timeframe)
    }
    assert.equal(validateSymbol('BRK.B'), 'BRK.B')
    assert.equal(validateTimeframe('1M'), '1M')
  })

  test('a missing file is FILE_NOT_FOUND with the path in the message', ({ assert }) => {
    const error = dataError(() => new CsvDataSource(`${FIXTURES}/good`).load('NOPE', '1h'))

    assert.equal(error.code, 'FILE_NOT_FOUND')
    assert.match(error.message, /tests\/fixtures\/data\/good\/NOPE_1h\.csv: no such file$/)
  })
})
