/**
 * The old FuzzyNeuralProcessor (docs/legacy-behaviour.md §4.3): core fuzzy columns (keyword filter, sorted), lag columns
 * in the frame's original order (`<col>_lag_<k>`, lag 1 block first), `nan_to_num`, float32. Several timeframes:
 * frequency order, per-timeframe sorted core, ffill reindex onto the base index with bfill → ffill → 0 when NaN
 * appears, double `<tf>_` prefix, lags on the combined matrix.
 */
import { LegacyValueError } from './errors.ts'
import type { LegacyFrame } from './frame.ts'
import { legacySortTimeframes } from './timeframes.ts'

/** The feature matrix of one symbol: rows = base bars, row-major float32. */
export interface LegacyFeatureMatrix {
  readonly timestamps: Float64Array
  readonly names: readonly string[]
  readonly values: Float32Array
}

const KEYWORDS = [
  'oversold',
  'overbought',
  'above',
  'below',
  'strong',
  'weak',
  'buying',
  'selling',
  'up',
  'down',
  'high',
  'low',
  'neutral',
]

/** `_extract_fuzzy_features`: columns with `_`, "membership" or a keyword, sorted (code-point order). */
export function legacyCoreFeatureNames(columns: readonly string[]): string[] {
  const kept = columns.filter((column) => {
    const lower = column.toLowerCase()
    return column.includes('_') || lower.includes('membership') || KEYWORDS.some((k) => lower.includes(k))
  })
  if (kept.length === 0) throw new LegacyValueError('No fuzzy membership columns found in input data')
  return kept.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
}

/** `np.nan_to_num(x, nan=0.0)`: NaN → 0, ±inf → ±largest float64. */
function nanToNum(v: number): number {
  if (v !== v) return 0
  if (v === Infinity) return Number.MAX_VALUE
  if (v === -Infinity) return -Number.MAX_VALUE
  return v
}

interface Block {
  names: string[]
  columns: Float64Array[]
}

/** `_extract_temporal_features`: for lag 1…L, every column containing `_` in the given order, shifted by lag. */
function lagBlock(block: Block, lookback: number, rows: number): Block {
  const out: Block = { names: [], columns: [] }
  const source = block.names.map((name, i) => ({ name, column: block.columns[i] })).filter((c) => c.name.includes('_'))
  for (let lag = 1; lag <= lookback; lag++) {
    for (const { name, column } of source) {
      const shifted = new Float64Array(rows).fill(NaN)
      for (let i = lag; i < rows; i++) shifted[i] = column[i - lag]
      out.names.push(`${name}_lag_${lag}`)
      out.columns.push(shifted)
    }
  }
  return out
}

function toMatrix(timestamps: Float64Array, block: Block): LegacyFeatureMatrix {
  const rows = timestamps.length
  const width = block.columns.length
  const values = new Float32Array(rows * width)
  for (let c = 0; c < width; c++) {
    const column = block.columns[c]
    for (let r = 0; r < rows; r++) values[r * width + c] = column[r]
  }
  return { timestamps, names: block.names, values }
}

/**
 * `prepare_input` (one timeframe): sorted core columns, then lags of the original-order `_` columns, NaN → 0.
 *
 * @param lookback - `model.features.lookback_periods` (0 = no lags)
 */
export function prepareLegacyFeaturesSingle(fuzzy: LegacyFrame, lookback: number): LegacyFeatureMatrix {
  const core = legacyCoreFeatureNames(fuzzy.names)
  const block: Block = { names: [...core], columns: core.map((name) => fuzzy.get(name)!) }
  if (lookback > 0) {
    const original: Block = { names: [...fuzzy.names], columns: fuzzy.names.map((name) => fuzzy.get(name)!) }
    const lags = lagBlock(original, lookback, fuzzy.rows)
    block.names.push(...lags.names)
    block.columns.push(...lags.columns)
  }
  return toMatrix(fuzzy.timestamps, { names: block.names, columns: block.columns.map((c) => c.map(nanToNum)) })
}

/**
 * `reindex(base_index, method="ffill")`: per base timestamp the last row at or before it (NaN when none).
 * The source index must be unique and increasing, as pandas required.
 */
function reindexFfill(frame: LegacyFrame, names: readonly string[], base: Float64Array, timeframe: string): Block {
  const ts = frame.timestamps
  for (let i = 1; i < ts.length; i++) {
    if (ts[i] === ts[i - 1]) throw new LegacyValueError(`${timeframe}: cannot reindex on an axis with duplicate labels`)
    if (ts[i] < ts[i - 1]) throw new LegacyValueError(`${timeframe}: index must be monotonic increasing or decreasing`)
  }
  const positions = new Int32Array(base.length)
  let j = -1
  for (let r = 0; r < base.length; r++) {
    if (r > 0 && base[r] < base[r - 1]) j = -1
    while (j + 1 < ts.length && ts[j + 1] <= base[r]) j++
    positions[r] = j
  }
  return {
    names: [...names],
    columns: names.map((name) => {
      const source = frame.get(name)!
      return Float64Array.from(positions, (p) => (p >= 0 ? source[p] : NaN))
    }),
  }
}

/** bfill, then ffill, then 0 — column by column. */
function fillAligned(column: Float64Array): Float64Array {
  const out = Float64Array.from(column)
  let next = NaN
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i] === out[i]) next = out[i]
    else out[i] = next
  }
  let prev = NaN
  for (let i = 0; i < out.length; i++) {
    if (out[i] === out[i]) prev = out[i]
    else out[i] = prev
  }
  return out.map((v) => (v === v ? v : 0.0))
}

/**
 * `prepare_multi_timeframe_input` (docs/legacy-behaviour.md §4.3). With one timeframe it is `prepare_input`.
 *
 * @param fuzzy - timeframe → fuzzy frame (prefixed columns), in the order the fuzzy step produced them
 * @param lookback - `model.features.lookback_periods`
 */
export function prepareLegacyFeatures(
  fuzzy: Readonly<Record<string, LegacyFrame>>,
  lookback: number,
): LegacyFeatureMatrix {
  const timeframes = Object.keys(fuzzy)
  if (timeframes.length === 0) throw new LegacyValueError('No timeframe data provided for multi-timeframe processing')
  if (timeframes.length === 1) return prepareLegacyFeaturesSingle(fuzzy[timeframes[0]], lookback)
  const order = legacySortTimeframes(timeframes)
  const baseFrame = fuzzy[order[0]]
  const base = baseFrame.timestamps
  const combined: Block = { names: [], columns: [] }
  order.forEach((timeframe, k) => {
    const frame = fuzzy[timeframe]
    const core = legacyCoreFeatureNames(frame.names)
    let block: Block
    if (k === 0) block = { names: core, columns: core.map((name) => frame.get(name)!) }
    else {
      block = reindexFfill(frame, core, base, timeframe)
      if (block.columns.some((column) => column.some((v) => v !== v))) block.columns = block.columns.map(fillAligned)
    }
    combined.names.push(...block.names.map((name) => `${timeframe}_${name}`))
    combined.columns.push(...block.columns)
  })
  if (combined.columns.some((column) => column.some((v) => v !== v))) {
    combined.columns = combined.columns.map((column) => column.map(nanToNum))
  }
  if (lookback > 0) {
    const lags = lagBlock(combined, lookback, base.length)
    combined.names.push(...lags.names)
    combined.columns.push(...lags.columns.map((column) => column.map(nanToNum)))
  }
  return toMatrix(base, combined)
}
