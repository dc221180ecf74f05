/**
 * The seeded synthetic market (docs/architecture.md §3.6): 1h bars from a geometric Brownian motion whose drift and
 * volatility follow a three-state Markov chain of regimes, per-symbol price scales and tick sizes, optional planted
 * anomalies, and 4h / 1d bars derived by OHLCV aggregation. Each symbol draws from its own generator derived from
 * (seed, symbol), so adding a symbol never changes another symbol's bars. Bars are continuous (24/7, no weekend
 * gaps) unless gaps are planted. Prices are rounded to the symbol's tick (2 or 5 decimals), as quoted prices are:
 * so a CSV holds them exactly, read back bit for bit by any reader, pandas' included (docs/legacy-behaviour.md
 * §2.1), and equal closes occur as in real quotes. `make equivalence` uses the embedded dataset below, whose series
 * carry the anomalies real data has (docs/legacy-behaviour.md §3.5), so it needs no download.
 */
import { existsSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SeededRng } from '../runtime/rng.ts'
import { writeFileAtomic } from './atomic-write.ts'
import { formatOhlcvCsv } from './csv.ts'
import { DataError } from './errors.ts'
import { selectRows } from './frame.ts'
import { resampleOhlcv } from './resample.ts'
import { timeframeMs } from './timeframe.ts'
import { parseUtcTimestamp } from './timestamps.ts'
import type { OhlcvFrame } from './types.ts'

const HOUR_MS = 3_600_000
const HOURS_PER_YEAR = 24 * 365

/** Planted data faults, each a count of non-overlapping occurrences. */
export interface SyntheticAnomalies {
  /** Runs of 3–11 consecutive bars removed (timestamp gaps). */
  readonly gaps?: number
  /** Runs of 49–96 consecutive 1h bars removed: a gap of two to four days. */
  readonly multiDayGaps?: number
  /**
   * Runs of 16–24 bars whose open = high = low = close = the previous close: exact ties for longer than an RSI
   * period (14), so the RSI averages, rolling windows of equal values and the zigzag's tie rule are exercised.
   */
  readonly flatStretches?: number
  /** Single bars whose close is NaN (an empty CSV field). */
  readonly missingCloses?: number
  /** Single bars whose close jumps by +12 % or −12 % (high/low widened to stay valid); the next bar resumes. */
  readonly spikes?: number
}

/** Bars [from, to) of a series (in generated-bar indices, before gaps are removed) where anomalies go. */
export type AnomalyWindow = readonly [from: number, to: number]

export interface SyntheticSeriesOptions {
  readonly symbol: string
  /** Number of 1h bars before anomalies (gaps remove bars). */
  readonly bars: number
  readonly seed: number
  /** First bar's open time (ISO-8601). @default '2024-01-01T00:00:00Z' */
  readonly start?: string
  readonly anomalies?: SyntheticAnomalies
  /** Where the anomalies are planted. @default the whole series */
  readonly anomalyWindow?: AnomalyWindow
}

/** What {@link writeSyntheticDataset} generates: symbols, 1h bars per symbol, seed, first bar, timeframes. @public */
export interface SyntheticMarketOptions {
  readonly symbols: readonly string[]
  readonly bars: number
  readonly seed: number
  /** @default '2024-01-01T00:00:00Z' */
  readonly start?: string
  /** Timeframes to produce, each 1h or a whole multiple of it. @default ['1h', '4h', '1d'] */
  readonly timeframes?: readonly string[]
  /** Anomalies planted in every symbol's 1h series (before the coarser timeframes are aggregated from it). */
  readonly anomalies?: SyntheticAnomalies
  /** Where, in 1h bars; the coarser timeframes use the same stretch of time. @default the whole series */
  readonly anomalyWindow?: AnomalyWindow
  /**
   * Missing closes planted in each coarser timeframe after aggregation (aggregation skips a missing 1h close, so
   * the coarser series would otherwise have none). @default 0
   */
  readonly derivedMissingCloses?: number
}

/**
 * The dataset `make equivalence` and the tests use when no data directory is given: six symbols (AUDUSD trades
 * below 1), 3000 1h bars from 2024-01-01, and in every series, inside the quick profile's first ~1450 bars, the
 * anomalies of real data: missing closes (also in the 4h and 1d series), flat stretches of exactly equal closes
 * longer than an RSI period, a short and a multi-day gap, and ±12 % one-bar spikes.
 */
export const EMBEDDED_DATASET = {
  symbols: ['AAPL', 'MSFT', 'GOOGL', 'EURUSD', 'GBPUSD', 'AUDUSD'],
  bars: 3000,
  seed: 20251009,
  start: '2024-01-01T00:00:00Z',
  timeframes: ['1h', '4h', '1d'],
  anomalies: { missingCloses: 3, flatStretches: 2, spikes: 2, gaps: 1, multiDayGaps: 1 },
  anomalyWindow: [450, 1450],
  derivedMissingCloses: 1,
} as const satisfies SyntheticMarketOptions

/**
 * Bumped whenever the generator's output for the same options changes, so a cached copy of the embedded dataset
 * (see {@link embeddedDatasetDirName}) is never reused across versions.
 */
const GENERATOR_VERSION = 2

/**
 * The folder name under which the embedded dataset is cached (the CLI and the tests put it in the OS temp folder):
 * it names the seed and the generator version.
 */
export function embeddedDatasetDirName(): string {
  return `ktrdr-embedded-data-${EMBEDDED_DATASET.seed}-v${GENERATOR_VERSION}`
}

const DEFAULT_START = '2024-01-01T00:00:00Z'
const DEFAULT_TIMEFRAMES = ['1h', '4h', '1d'] as const

/** Starting price, annualised volatility, typical hourly volume and quoted decimals of a symbol. */
interface SymbolProfile {
  readonly price: number
  readonly annualVol: number
  readonly volume: number
  readonly decimals: number
}

const PROFILES: Readonly<Record<string, SymbolProfile>> = {
  AAPL: { price: 185, annualVol: 0.25, volume: 2_000_000, decimals: 2 },
  MSFT: { price: 375, annualVol: 0.22, volume: 1_200_000, decimals: 2 },
  GOOGL: { price: 140, annualVol: 0.28, volume: 1_500_000, decimals: 2 },
  EURUSD: { price: 1.1, annualVol: 0.07, volume: 5_000, decimals: 5 },
  GBPUSD: { price: 1.27, annualVol: 0.08, volume: 4_000, decimals: 5 },
  AUDUSD: { price: 0.66, annualVol: 0.09, volume: 3_000, decimals: 5 },
  BTCUSD: { price: 42_000, annualVol: 0.6, volume: 800, decimals: 2 },
  ETHUSD: { price: 2_300, annualVol: 0.7, volume: 5_000, decimals: 2 },
}

/** Regimes: drift in units of the base hourly σ, volatility multiplier. */
const REGIMES = [
  { drift: 0.03, volMultiplier: 0.7 },
  { drift: 0, volMultiplier: 1 },
  { drift: -0.04, volMultiplier: 1.8 },
] as const
/** Probability of staying in the current regime each hour (mean regime length ≈ 143 h). */
const REGIME_PERSISTENCE = 0.993

/**
 * One symbol's 1h bars: open = previous close, close from a regime-switching GBM step, high/low = the body widened
 * by half-normal intrabar noise, volume a positive integer, prices rounded to the symbol's tick. Anomalies, if
 * asked, are planted from a second generator so the clean path is the same with or without them.
 *
 * @throws RangeError when `bars` is not a positive integer or the anomalies do not fit their window (25 bars
 *   each, 100 when a multi-day gap is asked)
 */
export function generateSyntheticSeries(options: SyntheticSeriesOptions): OhlcvFrame {
  const { symbol, bars } = options
  if (!Number.isInteger(bars) || bars <= 0)
    throw new RangeError(`synthetic: bars must be a positive integer, got ${bars}`)
  const startMs = parseStart(options.start ?? DEFAULT_START)
  const profile = profileOf(symbol)
  const rng = new SeededRng(deriveSeed(options.seed, symbol))
  const sigma = profile.annualVol / Math.sqrt(HOURS_PER_YEAR)
  const frame = emptyColumns(symbol, bars)
  let regime = rng.intRange(0, REGIMES.length)
  let previousClose = profile.price
  for (let i = 0; i < bars; i++) {
    if (rng.uniform() >= REGIME_PERSISTENCE) regime = (regime + rng.intRange(1, REGIMES.length)) % REGIMES.length
    const { drift, volMultiplier } = REGIMES[regime]!
    const vol = sigma * volMultiplier
    const open = previousClose
    const close = open * Math.exp(drift * sigma - 0.5 * vol * vol + vol * rng.normal())
    frame.timestamps[i] = startMs + i * HOUR_MS
    frame.open[i] = open
    frame.close[i] = close
    frame.high[i] = Math.max(open, close) * Math.exp(0.5 * vol * Math.abs(rng.normal()))
    frame.low[i] = Math.min(open, close) * Math.exp(-0.5 * vol * Math.abs(rng.normal()))
    frame.volume[i] = Math.max(1, Math.round(profile.volume * volMultiplier * Math.exp(0.35 * rng.normal())))
    previousClose = close
  }
  const rounded = roundPrices(frame, profile.decimals)
  if (!options.anomalies) return rounded
  const window = options.anomalyWindow ?? [0, bars]
  const anomalyRng = new SeededRng(deriveSeed(options.seed, `${symbol}/anomalies`))
  return roundPrices(plantAnomalies(rounded, options.anomalies, window, anomalyRng), profile.decimals)
}

/**
 * Several symbols at several timeframes: 1h from {@link generateSyntheticSeries}, coarser timeframes by
 * `resampleOhlcv` of the 1h bars.
 *
 * @returns `{ [symbol]: { [timeframe]: frame } }`, keys in request order
 * @throws DataError for a timeframe finer than 1h or not a whole multiple of it
 */
export function generateSyntheticMarket(options: SyntheticMarketOptions): Record<string, Record<string, OhlcvFrame>> {
  const timeframes = options.timeframes ?? DEFAULT_TIMEFRAMES
  const market: Record<string, Record<string, OhlcvFrame>> = {}
  for (const symbol of options.symbols) {
    const base = generateSyntheticSeries({
      symbol,
      bars: options.bars,
      seed: options.seed,
      start: options.start,
      anomalies: options.anomalies,
      anomalyWindow: options.anomalyWindow,
    })
    const byTimeframe: Record<string, OhlcvFrame> = {}
    for (const tf of timeframes) {
      if (tf === '1h') byTimeframe[tf] = base
      else if (!/^\d+[hdw]$/.test(tf) || (tf.endsWith('h') && Number(tf.slice(0, -1)) < 1)) {
        throw new DataError(`synthetic: cannot derive timeframe ${JSON.stringify(tf)} from 1h bars`)
      } else byTimeframe[tf] = derivedFrame(base, tf, symbol, options)
    }
    market[symbol] = byTimeframe
  }
  return market
}

/** A coarser timeframe aggregated from the 1h bars, with `derivedMissingCloses` planted in the anomaly window. */
function derivedFrame(base: OhlcvFrame, tf: string, symbol: string, options: SyntheticMarketOptions): OhlcvFrame {
  const frame = resampleOhlcv(base, tf)
  const missing = options.derivedMissingCloses ?? 0
  if (missing === 0) return frame
  const [from, to] = options.anomalyWindow ?? [0, options.bars]
  const startMs = parseStart(options.start ?? DEFAULT_START)
  const within = (i: number): boolean => frame.timestamps[i]! >= startMs + from * HOUR_MS
  const before = (i: number): boolean => frame.timestamps[i]! + timeframeMs(tf)! <= startMs + to * HOUR_MS
  const indices = Array.from(frame.timestamps, (_, i) => i).filter((i) => within(i) && before(i))
  const window: AnomalyWindow = indices.length === 0 ? [0, 0] : [indices[0]!, indices[indices.length - 1]! + 1]
  const rng = new SeededRng(deriveSeed(options.seed, `${symbol}/${tf}/anomalies`))
  return plantAnomalies(frame, { missingCloses: missing }, window, rng)
}

/**
 * Generates the market and writes `<dir>/<SYMBOL>_<TF>.csv` for every symbol and timeframe, each atomically
 * (temporary file + rename).
 *
 * @returns the paths written, symbol-major, in request order
 * @public
 */
export function writeSyntheticDataset(dir: string, options: SyntheticMarketOptions): string[] {
  const written: string[] = []
  for (const [symbol, byTimeframe] of Object.entries(generateSyntheticMarket(options))) {
    for (const [tf, frame] of Object.entries(byTimeframe)) {
      const path = join(dir, `${symbol}_${tf}.csv`)
      writeFileAtomic(path, formatOhlcvCsv(frame))
      written.push(path)
    }
  }
  return written
}

/**
 * Makes sure `dir` holds the {@link EMBEDDED_DATASET} files, writing them if any is missing.
 *
 * @param dir - @default `<os temp dir>/`{@link embeddedDatasetDirName}, written once per machine (the CLI's place)
 * @returns `dir`
 * @public
 */
export function materializeEmbeddedDataset(dir: string = join(tmpdir(), embeddedDatasetDirName())): string {
  mkdirSync(dir, { recursive: true })
  const { symbols, timeframes } = EMBEDDED_DATASET
  const complete = symbols.every((s) => timeframes.every((tf) => existsSync(join(dir, `${s}_${tf}.csv`))))
  if (!complete) writeSyntheticDataset(dir, EMBEDDED_DATASET)
  return dir
}

function parseStart(start: string): number {
  const ms = parseUtcTimestamp(start)
  if (Number.isNaN(ms)) throw new DataError(`synthetic: cannot parse start ${JSON.stringify(start)}`, 'INVALID_DATE')
  return ms
}

/** Known symbols get their own profile; others a stock-like one priced 50–300 by a hash of the name. */
function profileOf(symbol: string): SymbolProfile {
  return (
    PROFILES[symbol.toUpperCase()] ?? {
      price: 50 + (fnv1a(symbol) % 250),
      annualVol: 0.3,
      volume: 1_000_000,
      decimals: 2,
    }
  )
}

/** A 32-bit seed from (seed, label): FNV-1a of the label mixed with the seed. */
function deriveSeed(seed: number, label: string): number {
  return (fnv1a(label) ^ Math.imul(seed >>> 0, 0x9e3779b1)) >>> 0
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return h >>> 0
}

/** Prices rounded to `decimals` (integer division by a power of ten, so the shortest text of each is exact). */
function roundPrices(frame: OhlcvFrame, decimals: number): OhlcvFrame {
  const scale = 10 ** decimals
  const round = (column: Float64Array): Float64Array => column.map((v) => Math.round(v * scale) / scale)
  return {
    ...frame,
    open: round(frame.open),
    high: round(frame.high),
    low: round(frame.low),
    close: round(frame.close),
  }
}

function emptyColumns(symbol: string, n: number): OhlcvFrame {
  return {
    symbol,
    timeframe: '1h',
    timestamps: new Float64Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
    extra: { names: [], columns: [] },
  }
}

type AnomalyKind = 'spikes' | 'missingCloses' | 'flatStretches' | 'gaps' | 'multiDayGaps'
const ANOMALY_KINDS: readonly AnomalyKind[] = ['spikes', 'missingCloses', 'flatStretches', 'gaps', 'multiDayGaps']
const MIN_SEGMENT = 25
/** A segment must hold the longest multi-day gap (96 bars) with a bar on each side. */
const MIN_SEGMENT_MULTI_DAY = 100
const SPIKE = 0.12

/**
 * Plants the anomalies in non-overlapping segments of `window` (one segment each, assigned in random order) and
 * removes the gap runs last.
 */
function plantAnomalies(
  frame: OhlcvFrame,
  anomalies: SyntheticAnomalies,
  window: AnomalyWindow,
  rng: SeededRng,
): OhlcvFrame {
  const kinds = ANOMALY_KINDS.flatMap((kind) => Array<AnomalyKind>(anomalies[kind] ?? 0).fill(kind))
  if (kinds.length === 0) return frame
  const n = frame.timestamps.length
  const [from, to] = [Math.max(0, window[0]), Math.min(n, window[1])]
  const minSegment = kinds.includes('multiDayGaps') ? MIN_SEGMENT_MULTI_DAY : MIN_SEGMENT
  const segment = Math.floor((to - from) / kinds.length)
  if (segment < minSegment) {
    throw new RangeError(
      `synthetic: ${kinds.length} anomalies need at least ${kinds.length * minSegment} bars, got ${Math.max(0, to - from)}`,
    )
  }
  const order = rng.randperm(kinds.length)
  const removed = new Uint8Array(n)
  const { open, high, low, close } = frame
  const run = (lo: number, min: number, max: number): { first: number; length: number } => {
    const length = rng.intRange(min, max + 1)
    return { first: rng.intRange(lo, lo + segment - length - 1), length }
  }
  kinds.forEach((kind, k) => {
    const lo = from + order[k]! * segment + 1
    switch (kind) {
      case 'spikes': {
        const i = rng.intRange(lo, lo + segment - 2)
        close[i] = close[i]! * (rng.uniform() < 0.5 ? 1 + SPIKE : 1 - SPIKE)
        high[i] = Math.max(high[i]!, close[i]!)
        low[i] = Math.min(low[i]!, close[i]!)
        break
      }
      case 'missingCloses':
        close[rng.intRange(lo, lo + segment - 2)] = NaN
        break
      case 'flatStretches': {
        const { first, length } = run(lo, 16, 24)
        const level = close[first - 1]!
        for (let i = first; i < first + length; i++) open[i] = high[i] = low[i] = close[i] = level
        break
      }
      case 'gaps':
      case 'multiDayGaps': {
        const { first, length } = kind === 'gaps' ? run(lo, 3, 11) : run(lo, 49, 96)
        removed.fill(1, first, first + length)
        break
      }
    }
  })
  return selectRows(frame, (i) => removed[i] === 0)
}
