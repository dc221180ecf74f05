/**
 * The old host's data read, frozen (docs/legacy-behaviour.md §2.1, §2.3): `DataManager.load_data(symbol, timeframe,
 * start, end, mode="local")` reduced to what the placeholder training consumes — `<dataDir>/<SYMBOL>_<TF>.csv`,
 * symbol and timeframe checked against the old loader's patterns before the path is built, lower-cased columns,
 * missing price columns copied from the first present one (or 100.0), missing volume 0, naive times read as UTC,
 * `start <= t <= end` inclusive, no sorting, no de-duplication, no repair. Its own tiny CSV reader: legacy/ may
 * not import reference/data.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

/** The OHLC(V) rows of one (symbol, timeframe) series, in file order. */
export interface PriceSeries {
  readonly symbol: string
  readonly timeframe: string
  readonly timestamps: Float64Array
  readonly open: Float64Array
  readonly high: Float64Array
  readonly low: Float64Array
  readonly close: Float64Array
  readonly volume: Float64Array
}

const SYMBOL_PATTERN = /^[A-Za-z0-9_\-.]+$/
const TIMEFRAME_PATTERN = /^[0-9]+[mhdwM]$|^[1-9][0-9]*\s+[a-zA-Z]+$/
const PRICE_COLUMNS = ['open', 'high', 'low', 'close'] as const
const DATE_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/
const NA_TOKENS = new Set(['', 'nan', 'NaN', 'NA', 'N/A', 'null', 'NULL', 'None'])

/**
 * Loads one series as the old host did and keeps the rows with `startMs <= time <= endMs`.
 *
 * @throws Error (the old host logs it and skips the series) for an invalid symbol (1–20 of `A-Za-z0-9_-.`) or
 *   timeframe (`^[0-9]+[mhdwM]$`, e.g. the host's own default `1D` is rejected), a missing file, an unparseable
 *   date or a non-numeric price.
 */
export function loadPriceSeries(
  dataDir: string,
  symbol: string,
  timeframe: string,
  startMs: number,
  endMs: number,
): PriceSeries {
  if (symbol.length < 1 || symbol.length > 20 || !SYMBOL_PATTERN.test(symbol)) {
    throw new Error(`Invalid symbol: ${symbol}`)
  }
  if (!TIMEFRAME_PATTERN.test(timeframe)) throw new Error(`Invalid timeframe: ${timeframe}`)
  const file = join(dataDir, `${symbol}_${timeframe}.csv`)
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    throw new Error(`Data file not found: ${file}`)
  }
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '')
  const header = (lines[0] ?? '').split(',').map((name) => name.trim().toLowerCase())
  const rows = lines.slice(1).map((line) => line.split(','))
  const timestamps = new Float64Array(rows.length)
  rows.forEach((row, i) => {
    timestamps[i] = parseUtc(row[0] ?? '', `${file}:${i + 2}`)
  })
  const column = (name: string): Float64Array | null => {
    const index = header.indexOf(name)
    if (index < 1) return null
    return Float64Array.from(rows, (row, i) => parseNumber(row[index] ?? '', `${file}:${i + 2}:${name}`))
  }
  const present = PRICE_COLUMNS.map(column)
  const firstPrice = present.find((c) => c !== null) ?? new Float64Array(rows.length).fill(100)
  const [open, high, low, close] = present.map((c) => c ?? firstPrice) as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ]
  const volume = column('volume') ?? new Float64Array(rows.length)
  const keep: number[] = []
  for (let i = 0; i < rows.length; i++) if (timestamps[i]! >= startMs && timestamps[i]! <= endMs) keep.push(i)
  const pick = (values: Float64Array): Float64Array => Float64Array.from(keep, (i) => values[i]!)
  return {
    symbol,
    timeframe,
    timestamps: pick(timestamps),
    open: pick(open),
    high: pick(high),
    low: pick(low),
    close: pick(close),
    volume: pick(volume),
  }
}

function parseUtc(text: string, where: string): number {
  const m = DATE_PATTERN.exec(text.trim())
  if (!m) throw new Error(`${where}: cannot parse date ${JSON.stringify(text)}`)
  const ms = Date.UTC(
    Number(m[1]),
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4] ?? 0),
    Number(m[5] ?? 0),
    Number(m[6] ?? 0),
    m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0,
  )
  const zone = m[8]
  if (!zone || zone === 'Z') return ms
  const sign = zone.startsWith('-') ? -1 : 1
  const digits = zone.slice(1).replace(':', '')
  return ms - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0)) * 60_000
}

function parseNumber(text: string, where: string): number {
  const trimmed = text.trim()
  if (NA_TOKENS.has(trimmed)) return NaN
  const value = Number(trimmed)
  if (Number.isNaN(value)) throw new Error(`${where}: not a number: ${JSON.stringify(text)}`)
  return value
}
