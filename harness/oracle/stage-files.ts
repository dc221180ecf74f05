/**
 * Reads a folder of stage files (the `ktrdr-train stages` layout, plus `data[_<tf>].csv` from the driver's
 * `--with-data`) back into {@link SymbolStageProbes}, so `ktrdr_py` results go through the same writer and the same
 * comparators as the TypeScript paths. The reading is exact: the files hold the shortest text of each double, and
 * features are float32 values printed as doubles.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseUtcTimestamp } from '../../reference/data/timestamps.ts'
import type { ColumnSet, SymbolStageProbes } from '../../reference/runtime/probes.ts'

interface Table {
  readonly header: readonly string[]
  readonly rows: readonly (readonly string[])[]
}

function readTable(file: string): Table {
  const lines = readFileSync(file, 'utf8').split('\n')
  if (lines.at(-1) === '') lines.pop()
  if (lines.length === 0) throw new Error(`${file}: empty stage file`)
  const header = lines[0]!.split(',')
  const rows = lines.slice(1).map((line, i) => {
    const cells = line.split(',')
    if (cells.length !== header.length) {
      throw new Error(`${file}:${i + 2}: ${cells.length} cells, the header has ${header.length}`)
    }
    return cells
  })
  if (header[0] !== 'timestamp') throw new Error(`${file}:1: first column must be "timestamp", got ${header[0]}`)
  return { header, rows }
}

function numberCell(text: string, file: string, row: number, column: string): number {
  if (text === '') return Number.NaN
  const value = Number(text)
  if (Number.isNaN(value))
    throw new Error(`${file}:${row + 2}: column ${column}: not a number: ${JSON.stringify(text)}`)
  return value
}

function timestampsOf(table: Table, file: string): Float64Array {
  return Float64Array.from(table.rows, (cells, r) => {
    const ms = parseUtcTimestamp(cells[0]!)
    if (Number.isNaN(ms)) throw new Error(`${file}:${r + 2}: column timestamp: not a UTC timestamp: ${cells[0]}`)
    return ms
  })
}

/**
 * A stage CSV as a column set (every column but `timestamp`).
 */
export function readColumnSetCsv(file: string): ColumnSet {
  const table = readTable(file)
  const names = table.header.slice(1)
  return {
    timestamps: timestampsOf(table, file),
    names,
    columns: names.map((name, c) =>
      Float64Array.from(table.rows, (cells, r) => numberCell(cells[c + 1]!, file, r, name)),
    ),
  }
}

/**
 * The stage probes of one symbol from `dir`. `timeframes` in request order; a timeframe whose files are absent (KTRDR
 * dropped it) is left out of the per-timeframe maps, as the TypeScript paths leave it out.
 *
 * @throws Error naming the file, line and column of anything unreadable, or a missing `data` / `features` file
 */
export function readStageDirectory(dir: string, symbol: string, timeframes: readonly string[]): SymbolStageProbes {
  const suffix = (tf: string): string => (timeframes.length > 1 ? `_${tf}` : '')
  const perTimeframe = (stem: string): Record<string, ColumnSet> => {
    const out: Record<string, ColumnSet> = {}
    for (const tf of timeframes) {
      const file = join(dir, `${stem}${suffix(tf)}.csv`)
      if (existsSync(file)) out[tf] = readColumnSetCsv(file)
    }
    return out
  }
  const data = perTimeframe('data')
  if (Object.keys(data).length === 0) throw new Error(`${dir}: no data*.csv (run the driver with --with-data)`)
  const featuresFile = join(dir, 'features.csv')
  const features = readColumnSetCsv(featuresFile)
  const namesFile = join(dir, 'feature_names.json')
  const names = JSON.parse(readFileSync(namesFile, 'utf8')) as string[]
  if (names.join('\u0000') !== features.names.join('\u0000')) {
    throw new Error(`${namesFile}: names differ from the header of ${featuresFile}`)
  }
  const rows = features.timestamps.length
  const values = new Float32Array(rows * names.length)
  features.columns.forEach((column, c) => column.forEach((v, r) => (values[r * names.length + c] = v)))
  const labelsFile = join(dir, 'labels.csv')
  const labels = readTable(labelsFile)
  const labelIndex = labels.header.indexOf('label')
  const extremeIndex = labels.header.indexOf('zigzag_extreme')
  if (labelIndex < 0 || extremeIndex < 0) throw new Error(`${labelsFile}:1: needs columns label and zigzag_extreme`)
  const pivots: number[] = []
  const labelValues = Int32Array.from(labels.rows, (cells, r) => {
    if (cells[extremeIndex] !== '') pivots.push(r)
    const value = Number(cells[labelIndex])
    if (!Number.isInteger(value))
      throw new Error(`${labelsFile}:${r + 2}: column label: not an integer: ${cells[labelIndex]}`)
    return value
  })
  return {
    symbol,
    data,
    indicators: perTimeframe('indicators'),
    mapped: perTimeframe('indicators_mapped'),
    fuzzy: perTimeframe('fuzzy'),
    features: { timestamps: features.timestamps, names, values },
    labels: labelValues,
    pivots: Int32Array.from(pivots),
  }
}
