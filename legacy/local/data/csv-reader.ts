/**
 * The old `LocalDataLoader.load` CSV parsing (docs/legacy-behaviour.md §2.1): `read_csv(index_col=0, parse_dates=True)`
 * with the date-column fallback, lower-cased names, UTC index, missing OHLCV columns filled, no sorting or
 * de-duplication. Unparsable content fails with the file and line instead of pandas' silent coercion.
 */
import { existsSync, readFileSync } from 'node:fs'
import type { ColumnSet } from '../../../reference/runtime/probes.ts'
import { LegacyDataError } from './errors.ts'
import { parseLegacyTimestamp } from './timestamps.ts'
import { legacyPandasFloat } from './pandas-float.ts'

/** The columns `_validate_dataframe` requires, in the order the loader fills missing ones. */
export const LEGACY_REQUIRED_COLUMNS = ['open', 'high', 'low', 'close', 'volume'] as const
const PRICE_COLUMNS = ['open', 'high', 'low', 'close']
/** Column names the fallback searches for a date column, in the old order (case-sensitive). */
const DATE_COLUMN_NAMES = ['date', 'Date', 'DATE', 'timestamp', 'Timestamp', 'time', 'Time']
/** pandas' default `na_values`: these cells read as NaN. */
const NA_STRINGS = new Set([
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
const NUMBER = /^[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)$/
const INFINITY = /^([+-]?)(?:inf|infinity)$/i

interface RawRow {
  readonly line: number
  readonly fields: string[]
}

/**
 * Reads one OHLCV CSV file as the old local loader did.
 *
 * @param path - the CSV file (`date,open,high,low,close,volume` or any layout pandas accepted)
 * @returns lower-cased columns in file order, then any filled OHLCV columns; timestamps epoch ms UTC
 * @throws LegacyDataError `DATA-FileNotFound`, `DATA-EmptyFile`, `DATA-InvalidFormat` (with `file:line`)
 *   or `DATA-ReadError`
 */
export function readLegacyCsv(path: string): ColumnSet {
  if (!existsSync(path)) throw new LegacyDataError('DATA-FileNotFound', `Data file not found: ${path}`)
  const lines = readFileSync(path, 'utf8')
    .replace(/^\uFEFF/, '')
    .split('\n')
  const rows: RawRow[] = []
  let header: string[] | null = null
  lines.forEach((text, index) => {
    const content = text.endsWith('\r') ? text.slice(0, -1) : text
    if (content.trim() === '') return
    const fields = splitCsvLine(content, path, index + 1)
    if (header === null) header = fields
    else rows.push({ line: index + 1, fields })
  })
  if (header === null) throw new LegacyDataError('DATA-EmptyFile', `Empty data file: ${path}`)
  const names: string[] = header
  for (const row of rows) {
    if (row.fields.length > names.length) {
      throw new LegacyDataError(
        'DATA-InvalidFormat',
        `Invalid CSV format in file: ${path}:${row.line}: expected ${names.length} fields, saw ${row.fields.length}`,
      )
    }
  }
  if (rows.length === 0) {
    throw new LegacyDataError('DATA-ReadError', `Error reading data file ${path}: DataFrame is empty`)
  }
  const indexColumn = chooseIndexColumn(names, rows, path)
  const timestamps = new Float64Array(rows.length)
  rows.forEach((row, i) => {
    const parsed = parseLegacyTimestamp(row.fields[indexColumn] ?? '')
    if (parsed === null) {
      throw new LegacyDataError(
        'DATA-InvalidFormat',
        `${path}:${row.line}: column '${names[indexColumn]}': unparsable date '${row.fields[indexColumn] ?? ''}'`,
      )
    }
    timestamps[i] = parsed
  })
  const outNames: string[] = []
  const outColumns: Float64Array[] = []
  names.forEach((name, c) => {
    if (c === indexColumn) return
    const lower = name.toLowerCase()
    if (outNames.includes(lower)) {
      throw new LegacyDataError('DATA-InvalidFormat', `${path}:1: duplicate column '${lower}' (names are lower-cased)`)
    }
    const required = (LEGACY_REQUIRED_COLUMNS as readonly string[]).includes(lower)
    const column = parseNumericColumn(rows, c, required ? { path, name: lower } : null)
    if (column === null) return
    outNames.push(lower)
    outColumns.push(column)
  })
  fillMissingColumns(outNames, outColumns, rows.length)
  return { timestamps, names: outNames, columns: outColumns }
}

/** First column when every value is a date (`index_col=0, parse_dates=True`), else the first date-named column. */
function chooseIndexColumn(names: readonly string[], rows: readonly RawRow[], path: string): number {
  if (rows.every((row) => parseLegacyTimestamp(row.fields[0] ?? '') !== null)) return 0
  for (const candidate of DATE_COLUMN_NAMES) {
    const index = names.indexOf(candidate)
    if (index >= 0) return index
  }
  const bad = rows.find((row) => parseLegacyTimestamp(row.fields[0] ?? '') === null)
  throw new LegacyDataError(
    'DATA-InvalidFormat',
    `${path}:${bad?.line ?? 2}: first column '${names[0]}' is not a date ('${bad?.fields[0] ?? ''}') and no ` +
      `date/timestamp/time column exists`,
  )
}

/**
 * Parses one column as float64. A required OHLCV column must be numeric (error with file:line otherwise); an
 * extra column that is not entirely numeric is dropped (`null`), as nothing downstream of the loader read it.
 */
function parseNumericColumn(
  rows: readonly RawRow[],
  c: number,
  required: { path: string; name: string } | null,
): Float64Array | null {
  const out = new Float64Array(rows.length)
  for (let i = 0; i < rows.length; i++) {
    const cell = (rows[i].fields[c] ?? '').trim()
    const value = parseCell(cell)
    if (value === null) {
      if (required === null) return null
      throw new LegacyDataError(
        'DATA-InvalidFormat',
        `${required.path}:${rows[i].line}: column '${required.name}': not a number '${cell}'`,
      )
    }
    out[i] = value
  }
  return out
}

function parseCell(cell: string): number | null {
  if (NA_STRINGS.has(cell)) return NaN
  if (NUMBER.test(cell)) return legacyPandasFloat(cell)
  const inf = INFINITY.exec(cell)
  if (inf) return inf[1] === '-' ? -Infinity : Infinity
  return null
}

/** Missing price columns copy the first present price column (else 100.0); missing volume is 0. */
function fillMissingColumns(names: string[], columns: Float64Array[], rows: number): void {
  for (const required of LEGACY_REQUIRED_COLUMNS) {
    if (names.includes(required)) continue
    let filled: Float64Array
    if (required === 'volume') filled = new Float64Array(rows)
    else {
      const source = names.findIndex((name) => PRICE_COLUMNS.includes(name))
      filled = source >= 0 ? Float64Array.from(columns[source]) : new Float64Array(rows).fill(100.0)
    }
    names.push(required)
    columns.push(filled)
  }
}

/** Splits one CSV line on commas, honouring double-quoted fields ("" is an escaped quote). */
function splitCsvLine(text: string, path: string, line: number): string[] {
  const fields: string[] = []
  let current = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        current += '"'
        i++
      } else if (ch === '"') quoted = false
      else current += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      fields.push(current)
      current = ''
    } else current += ch
  }
  if (quoted)
    throw new LegacyDataError('DATA-InvalidFormat', `Invalid CSV format in file: ${path}:${line}: unclosed quote`)
  fields.push(current)
  return fields
}
