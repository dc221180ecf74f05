/**
 * The feature stage of the old local path (docs/legacy-behaviour.md §4.3, `FuzzyNeuralProcessor`): sorted fuzzy core
 * columns, lagged copies in the original (unsorted) column order, multi-timeframe alignment onto the base
 * timeframe with the old double `<tf>_<tf>_` prefix, NaN → 0, and one float32 cast at the end. No scaling.
 */
import type { ColumnSet } from '../runtime/probes.ts'
import type { StrategyConfig } from '../strategy/types.ts'
import { fillBackForwardZero, forwardFillRows, takeRows } from './align.ts'
import { sortedCoreColumns } from './core-columns.ts'
import { lagColumns } from './lags.ts'
import { orderTimeframes } from './timeframe-order.ts'

/** The model input of one symbol: `rows × cols` float32 values, row-major, columns named in model order. */
export interface FeatureMatrix {
  readonly timestamps: Float64Array
  readonly names: readonly string[]
  readonly values: Float32Array
  readonly rows: number
  readonly cols: number
}

/**
 * Builds the feature matrix from the fuzzy frames. One fuzzy frame: core = kept columns sorted by name, lags of
 * the columns containing `_` in frame order. Several: timeframes in `orderTimeframes` order (those absent from
 * `fuzzy` skipped), each timeframe's core columns sorted, non-base timeframes forward-filled onto the base bars
 * (then bfill / ffill / 0 when anything is missing), every name prefixed `<tf>_` again, remaining NaN → 0, and
 * lags taken over the combined columns.
 *
 * @param timeframes - the run's timeframes; more than one selects the multi-timeframe processor
 */
export function createFeatures(
  fuzzy: Readonly<Record<string, ColumnSet>>,
  strategy: StrategyConfig,
  timeframes: readonly string[],
): FeatureMatrix {
  const lookback = strategy.model.lookbackPeriods
  if (timeframes.length <= 1) {
    const frame = fuzzy[timeframes[0] ?? Object.keys(fuzzy)[0]!]!
    const core = sortedCoreColumns(frame.names)
    const lagged = frame.names.flatMap((name, i) => (name.includes('_') ? [i] : []))
    const lags = lagColumns(
      lagged.map((i) => frame.names[i]!),
      lagged.map((i) => frame.columns[i]!),
      lookback,
    )
    return packFloat32(
      frame.timestamps,
      [...core.map((i) => frame.names[i]!), ...lags.names],
      [...core.map((i) => frame.columns[i]!), ...lags.columns],
    )
  }
  const ordered = orderTimeframes(timeframes).filter((tf) => fuzzy[tf] !== undefined)
  const base = fuzzy[ordered[0]!]!
  const names: string[] = []
  const columns: Float64Array[] = []
  for (const tf of ordered) {
    const frame = fuzzy[tf]!
    const isBase = tf === ordered[0]
    const rows = isBase ? null : forwardFillRows(frame.timestamps, base.timestamps, `${tf} fuzzy frame`)
    for (const i of sortedCoreColumns(frame.names)) {
      names.push(`${tf}_${frame.names[i]!}`)
      columns.push(rows === null ? frame.columns[i]! : fillBackForwardZero(takeRows(frame.columns[i]!, rows)))
    }
  }
  const combined = columns.map(nanToZero)
  const lags = lagColumns(names, combined, lookback)
  return packFloat32(base.timestamps, [...names, ...lags.names], [...combined, ...lags.columns])
}

function nanToZero(column: Float64Array): Float64Array {
  return column.map((v) => (Number.isNaN(v) ? 0 : v))
}

function packFloat32(timestamps: Float64Array, names: string[], columns: Float64Array[]): FeatureMatrix {
  const rows = timestamps.length
  const cols = columns.length
  const values = new Float32Array(rows * cols)
  for (let c = 0; c < cols; c++) {
    const column = columns[c]!
    for (let r = 0; r < rows; r++) {
      const v = column[r]!
      values[r * cols + c] = Number.isNaN(v) ? 0 : v
    }
  }
  return { timestamps, names, values, rows, cols }
}
