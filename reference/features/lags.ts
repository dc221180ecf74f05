/** Lagged copies of feature columns (docs/legacy-behaviour.md §4.3): all columns at lag 1, then all at lag 2, … */

/**
 * For lag = 1…lookback and each column in the given order, the column shifted down by `lag` rows (NaN on
 * top), named `<name>_lag_<lag>`.
 */
export function lagColumns(
  names: readonly string[],
  columns: readonly Float64Array[],
  lookback: number,
): { names: string[]; columns: Float64Array[] } {
  const out = { names: [] as string[], columns: [] as Float64Array[] }
  for (let lag = 1; lag <= lookback; lag++) {
    names.forEach((name, c) => {
      const source = columns[c]!
      out.names.push(`${name}_lag_${lag}`)
      out.columns.push(source.map((_, r) => (r < lag ? NaN : source[r - lag]!)))
    })
  }
  return out
}
