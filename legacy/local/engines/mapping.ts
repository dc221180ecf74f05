/**
 * The old trainer's mapping of indicator-engine columns to fuzzy inputs (docs/legacy-behaviour.md §3.2.4–5): price
 * columns first, then per strategy entry the first engine column whose upper-case name starts with the entry's
 * upper-case name; SMA/EMA become close / MA, MACD takes the MACD line; single timeframe then ±inf → NaN → 0.
 */
import type { ColumnSet } from '../../../reference/runtime/probes.ts'
import { LegacyConfigurationError } from './errors.ts'
import { LegacyFrame } from './frame.ts'

/**
 * Builds the mapped frame of one timeframe.
 *
 * @param price - the loaded OHLCV frame (its column order leads)
 * @param engineOutput - the indicator engine's frame (price copy + indicator columns)
 * @param strategyNames - the `name` of every strategy indicator entry, in YAML order
 * @param fillNaN - single-timeframe behaviour: ±inf → NaN, then NaN → 0.0 over the whole mapped frame
 * @returns columns: price columns, then one column per matched entry, named exactly like the entry
 */
export function mapLegacyIndicators(
  price: ColumnSet,
  engineOutput: LegacyFrame,
  strategyNames: readonly string[],
  fillNaN: boolean,
): LegacyFrame {
  const mapped = new LegacyFrame(engineOutput.timestamps)
  for (const name of price.names) {
    const column = engineOutput.get(name)
    if (column) mapped.set(name, column)
  }
  const close = price.columns[price.names.indexOf('close')]
  for (const original of strategyNames) {
    const type = original.toUpperCase()
    for (const col of engineOutput.names) {
      if (!col.toUpperCase().startsWith(type)) continue
      const values = engineOutput.get(col)!
      if (type === 'SMA' || type === 'EMA') {
        mapped.set(
          original,
          values.map((ma, i) => close[i] / ma),
        )
        break
      }
      if (type === 'MACD') {
        if (col.startsWith('MACD_') && !col.includes('_signal_') && !col.includes('_hist_')) {
          mapped.set(original, values)
          break
        }
        continue
      }
      mapped.set(original, values)
      break
    }
  }
  if (!fillNaN) return mapped
  const filled = new LegacyFrame(mapped.timestamps)
  for (const name of mapped.names) {
    filled.set(
      name,
      mapped.get(name)!.map((v) => (v === v && v !== Infinity && v !== -Infinity ? v : 0.0)),
    )
  }
  return filled
}

/**
 * The strategy entry names the mapping loop reads (`config["name"]` of every entry, a KeyError when absent).
 *
 * @param where - file name for the error message
 */
export function legacyStrategyIndicatorNames(entries: readonly unknown[], where: string): string[] {
  return entries.map((entry, i) => {
    const name = (entry as Record<string, unknown>).name
    if (typeof name !== 'string') {
      throw new LegacyConfigurationError('CONFIG-MissingKey', `${where}: indicators[${i}]: KeyError 'name'`)
    }
    return name
  })
}
