/**
 * Reading and writing OHLCV CSV files (`date,open,high,low,close,volume`, docs/legacy-behaviour.md §2.1).
 *
 * Reading keeps the old loader's observable behaviour where it is well defined — lower-cased column names, UTC
 * timestamps, extra columns kept, empty prices kept as NaN, missing `volume` → 0, no sorting and no
 * de-duplication — and turns its silent fall-backs (invented daily index, prices copied from another column)
 * into a one-line `DataError` naming the file, the line and the column.
 */
import { readFileSync } from 'node:fs'
import { DataError } from './errors.ts'
import { parseUtcTimestamp, formatUtcTimestamp } from './timestamps.ts'
import type { OhlcvFrame } from './types.ts'
import { parsePandasFloat } from './pandas-float.ts'

/** Column names accepted for the date column when it is not the first column (§2.1). */
export const DATE_COLUMN_NAMES: readonly string[] = ['date', 'Date', 'DATE', 'timestamp', 'Timestamp', 'time', 'Time']

const REQUIRED_PRICES = ['open', 'high', 'low', 'close'] as const

/** pandas' default missing-value markers: each reads as NaN. */
const NA_TOKENS = new Set([
  '',
  '#N/A',
  '#N/A N/A',
  '#NA',
  '-1.#IND',
  '-1.#QNAN',
  '-NaN',
  '-nan',
  '1.#IND',
  '1.#QNAN',
  '<NA>',
  'N/A',
  'NA',
  'NULL',
  'NaN',
  'None',
  'n/a',
  'nan',
  'null',
])
const NUMBER_PATTERN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/
const INFINITY_PATTERN = /^([+-]?)(?:inf|infinity)$/i

/**
 * Parses the text of one OHLCV CSV file into a frame.
 *
 * @param text - the whole file (a leading byte-order mark is ignored)
 * @param file - the name used in error messages
 * @param symbol - stored in the frame
 * @param timeframe - stored in the frame
 * @throws DataError on an empty file, no date column, a missing open/high/low/close column, a row with too few
 *   or too many fields, a text value in a numeric column, or an unparsable date
 */
export function parseOhlcvCsv(text: string, file: string, symbol: string, timeframe: string): OhlcvFrame {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  const headerIndex = lines.findIndex((line) => line.trim() !== '')
  if (headerIndex < 0) throw new DataError(`${file}: empty file (no header line)`)
  const headerLine = headerIndex + 1
  const rawNames = splitCsvLine(lines[headerIndex]!, file, headerLine).map((name) => name.trim())
  const names = rawNames.map((name) => name.toLowerCase())
  for (let c = 0; c < names.length; c++) {
    if (names.indexOf(names[c]!) !== c) throw new DataError(`${file}:${headerLine}: duplicate column '${names[c]}'`)
  }

  const rows: { line: number; fields: string[] }[] = []
  for (let i = headerIndex + 1; i < lines.length; i++) {
    if (lines[i]!.trim() === '') continue
    const fields = splitCsvLine(lines[i]!, file, i + 1)
    if (fields.length !== names.length) {
      const what = fields.length < names.length ? 'truncated row' : 'too many fields'
      throw new DataError(`${file}:${i + 1}: ${what}: expected ${names.length} fields, got ${fields.length}`)
    }
    rows.push({ line: i + 1, fields })
  }

  const dateColumn = findDateColumn(rawNames, rows[0]?.fields)
  if (dateColumn < 0) {
    throw new DataError(
      `${file}:${headerLine}: no date column: the first column is not a date and none is named ${DATE_COLUMN_NAMES.join('/')}`,
    )
  }
  for (const required of REQUIRED_PRICES) {
    if (!names.includes(required)) {
      throw new DataError(
        `${file}:${headerLine}: missing required column '${required}' (header: ${rawNames.join(',')})`,
      )
    }
  }

  const n = rows.length
  const timestamps = new Float64Array(n)
  const dateName = names[dateColumn]!
  rows.forEach(({ line, fields }, r) => {
    const ms = parseUtcTimestamp(fields[dateColumn]!)
    if (Number.isNaN(ms)) {
      throw new DataError(
        `${file}:${line}: column '${dateName}': cannot parse date: ${JSON.stringify(fields[dateColumn])}`,
      )
    }
    timestamps[r] = ms
  })
  const numeric = (c: number): Float64Array => {
    const out = new Float64Array(n)
    rows.forEach(({ line, fields }, r) => {
      out[r] = parseCsvNumber(fields[c]!, `${file}:${line}: column '${names[c]}'`)
    })
    return out
  }
  const column = (name: string): Float64Array => numeric(names.indexOf(name))
  const extraIndices = names
    .map((_, c) => c)
    .filter((c) => c !== dateColumn && !(REQUIRED_PRICES as readonly string[]).concat('volume').includes(names[c]!))

  return {
    symbol,
    timeframe,
    timestamps,
    open: column('open'),
    high: column('high'),
    low: column('low'),
    close: column('close'),
    volume: names.includes('volume') ? column('volume') : new Float64Array(n),
    extra: { names: extraIndices.map((c) => names[c]!), columns: extraIndices.map(numeric) },
  }
}

/**
 * Reads and parses one CSV file (see {@link parseOhlcvCsv}).
 *
 * @throws DataError with code `FILE_NOT_FOUND` when the file does not exist
 */
export function readOhlcvCsv(file: string, symbol: string, timeframe: string): OhlcvFrame {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new DataError(`${file}: no such file`, 'FILE_NOT_FOUND')
    throw new DataError(`${file}: cannot read: ${(error as Error).message}`)
  }
  return parseOhlcvCsv(text, file, symbol, timeframe)
}

/**
 * Formats a frame as CSV: header `date,open,high,low,close,volume` plus extra columns, ISO-8601 UTC dates
 * (`2024-01-01T00:00:00Z`), numbers in JavaScript's shortest round-trip form, NaN as an empty field. Reading back
 * is bit-exact for numbers of at most 15 significant digits (prices on a tick, integer volumes); longer ones read
 * back as pandas reads them (`parsePandasFloat`), which can be one bit off.
 */
export function formatOhlcvCsv(frame: OhlcvFrame): string {
  const columns = [frame.open, frame.high, frame.low, frame.close, frame.volume, ...frame.extra.columns]
  const out = [['date', 'open', 'high', 'low', 'close', 'volume', ...frame.extra.names].join(',')]
  for (let i = 0; i < frame.timestamps.length; i++) {
    const values = columns.map((col) => (Number.isNaN(col[i]!) ? '' : String(col[i])))
    out.push(`${formatUtcTimestamp(frame.timestamps[i]!)},${values.join(',')}`)
  }
  return `${out.join('\n')}\n`
}

/** The date column: the first column when it is named like a date or holds a date, else a named one, else -1. */
function findDateColumn(rawNames: readonly string[], firstRow: readonly string[] | undefined): number {
  if (DATE_COLUMN_NAMES.includes(rawNames[0]!)) return 0
  if (firstRow && !Number.isNaN(parseUtcTimestamp(firstRow[0]!))) return 0
  return rawNames.findIndex((name) => DATE_COLUMN_NAMES.includes(name))
}

function parseCsvNumber(field: string, where: string): number {
  const text = field.trim()
  if (NA_TOKENS.has(text)) return NaN
  if (NUMBER_PATTERN.test(text)) return parsePandasFloat(text)
  const inf = INFINITY_PATTERN.exec(text)
  if (inf) return inf[1] === '-' ? -Infinity : Infinity
  throw new DataError(`${where}: not a number: ${JSON.stringify(field)}`)
}

/** Splits one CSV line (RFC 4180 quoting, no embedded newlines). */
function splitCsvLine(line: string, file: string, lineNumber: number): string[] {
  if (!line.includes('"')) return line.split(',')
  const fields: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') quoted = false
      else field += ch
    } else if (ch === '"' && field.trim() === '') {
      quoted = true
      field = ''
    } else if (ch === ',') {
      fields.push(field)
      field = ''
    } else field += ch
  }
  if (quoted) throw new DataError(`${file}:${lineNumber}: unterminated quoted field`)
  fields.push(field)
  return fields
}
