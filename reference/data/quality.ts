/**
 * Data-quality validation of one OHLCV frame: the checks of the old `DataQualityValidator(auto_correct=False)`
 * (docs/legacy-behaviour.md §2.1). It reports and never repairs or throws; the pipeline logs the report and goes on.
 */
import { OHLCV_COLUMNS, frameLength } from './frame.ts'
import { timeframeMs } from './timeframe.ts'
import { formatUtcTimestamp } from './timestamps.ts'
import type { OhlcvFrame } from './types.ts'

export type QualitySeverity = 'critical' | 'high' | 'medium' | 'low'

/** One failed check, aggregated over the frame. */
export interface QualityIssue {
  readonly check: string
  readonly severity: QualitySeverity
  /** Rows (or columns, for `missing_columns`) affected. */
  readonly count: number
  /** First affected row, or -1 when the issue concerns no row. */
  readonly firstIndex: number
  readonly message: string
}

/** The data-quality checks of one symbol and timeframe: every issue found, with its severity. */
export interface QualityReport {
  readonly symbol: string
  readonly timeframe: string
  readonly rows: number
  /** No critical issue and at most {@link MAX_HIGH_ISSUES_WHEN_HEALTHY} high-severity issues (§2.1). */
  readonly healthy: boolean
  /** In check order: empty, missing_columns, duplicates, unsorted_index, non_positive_prices, negative_volume,
   * zero_volume, high_below_low, high_below_body, low_above_body, missing_values, timestamp_gaps, outliers,
   * extreme_moves. */
  readonly issues: readonly QualityIssue[]
}

export const MAX_HIGH_ISSUES_WHEN_HEALTHY = 5
/** A gap is a step longer than this many bar lengths. */
export const GAP_FACTOR = 1.5
/** An outlier's log return is this many robust standard deviations (1.4826·MAD) from the median. */
export const OUTLIER_SIGMAS = 8
/** An extreme move is a close-to-close change larger than this fraction. */
export const EXTREME_MOVE = 0.2
/** Missing values above this fraction of cells are high severity, else medium. */
export const MISSING_HIGH_FRACTION = 0.05

const PRICES = ['open', 'high', 'low', 'close'] as const

/**
 * Checks a frame and returns every issue found (nothing is modified).
 */
export function validateDataQuality(frame: OhlcvFrame): QualityReport {
  const n = frameLength(frame)
  const issues: QualityIssue[] = []
  const add = (check: string, severity: QualitySeverity, rows: readonly number[], message: string): void => {
    if (rows.length === 0) return
    const first = rows[0]!
    const where = `first at row ${first} (${formatUtcTimestamp(frame.timestamps[first]!)})`
    issues.push({
      check,
      severity,
      count: rows.length,
      firstIndex: first,
      message: `${rows.length} row(s): ${message}; ${where}`,
    })
  }
  if (n === 0) {
    issues.push({ check: 'empty', severity: 'critical', count: 0, firstIndex: -1, message: 'no bars' })
    return report(frame, n, issues)
  }
  const short = OHLCV_COLUMNS.filter((c) => frame[c].length !== n)
  if (short.length > 0) {
    const message = `columns ${short.join(', ')} do not have one value per bar`
    issues.push({ check: 'missing_columns', severity: 'critical', count: short.length, firstIndex: -1, message })
    return report(frame, n, issues)
  }
  const { timestamps: t, open, high, low, close, volume } = frame
  const rows = (test: (i: number) => boolean, from = 0): number[] => {
    const out: number[] = []
    for (let i = from; i < n; i++) if (test(i)) out.push(i)
    return out
  }
  const seen = new Set<number>()
  add(
    'duplicates',
    'high',
    rows((i) => seen.size === seen.add(t[i]!).size),
    'duplicate timestamps',
  )
  add(
    'unsorted_index',
    'high',
    rows((i) => t[i]! < t[i - 1]!, 1),
    'timestamps go backwards',
  )
  add(
    'non_positive_prices',
    'critical',
    rows((i) => PRICES.some((c) => frame[c][i]! <= 0)),
    'price ≤ 0',
  )
  add(
    'negative_volume',
    'high',
    rows((i) => volume[i]! < 0),
    'volume < 0',
  )
  add(
    'zero_volume',
    'low',
    rows((i) => volume[i] === 0),
    'volume = 0',
  )
  add(
    'high_below_low',
    'high',
    rows((i) => high[i]! < low[i]!),
    'high < low',
  )
  add(
    'high_below_body',
    'medium',
    rows((i) => high[i]! < Math.max(open[i]!, close[i]!)),
    'high < max(open, close)',
  )
  add(
    'low_above_body',
    'medium',
    rows((i) => low[i]! > Math.min(open[i]!, close[i]!)),
    'low > min(open, close)',
  )
  const missing = rows((i) => OHLCV_COLUMNS.some((c) => Number.isNaN(frame[c][i]!)))
  const missingCells = OHLCV_COLUMNS.reduce((sum, c) => sum + frame[c].filter(Number.isNaN).length, 0)
  const fraction = missingCells / (n * OHLCV_COLUMNS.length)
  add(
    'missing_values',
    fraction > MISSING_HIGH_FRACTION ? 'high' : 'medium',
    missing,
    `missing values (${missingCells} cells, ${(100 * fraction).toFixed(2)} %)`,
  )
  const step = safeTimeframeMs(frame.timeframe)
  if (step !== null) {
    add(
      'timestamp_gaps',
      'low',
      rows((i) => t[i]! - t[i - 1]! > GAP_FACTOR * step, 1),
      `steps longer than ${GAP_FACTOR} × ${frame.timeframe}`,
    )
  }
  const returns = Array.from(close, (c, i) => (i === 0 ? NaN : Math.log(c / close[i - 1]!)))
  const finite = returns.filter(Number.isFinite)
  if (finite.length > 0) {
    const center = median(finite)
    const spread = 1.4826 * median(finite.map((r) => Math.abs(r - center)))
    if (spread > 0) {
      add(
        'outliers',
        'low',
        rows((i) => Math.abs(returns[i]! - center) > OUTLIER_SIGMAS * spread, 1),
        `close returns beyond ${OUTLIER_SIGMAS} robust σ (σ = ${spread.toPrecision(3)})`,
      )
    }
  }
  add(
    'extreme_moves',
    'medium',
    rows((i) => Math.abs(close[i]! / close[i - 1]! - 1) > EXTREME_MOVE, 1),
    `close-to-close moves beyond ${100 * EXTREME_MOVE} %`,
  )
  return report(frame, n, issues)
}

function report(frame: OhlcvFrame, rows: number, issues: QualityIssue[]): QualityReport {
  const critical = issues.some((i) => i.severity === 'critical')
  const high = issues.filter((i) => i.severity === 'high').length
  return {
    symbol: frame.symbol,
    timeframe: frame.timeframe,
    rows,
    healthy: !critical && high <= MAX_HIGH_ISSUES_WHEN_HEALTHY,
    issues,
  }
}

function safeTimeframeMs(timeframe: string): number | null {
  try {
    return timeframeMs(timeframe)
  } catch {
    return null
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}
