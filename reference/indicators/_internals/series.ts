/**
 * Row-aligned series operations with pandas' missing-value rules (docs/legacy-behaviour.md §3.5): `shift`,
 * `diff`, `pct_change` (which forward-fills first), `fillna` and the row-wise max of several columns.
 */

/**
 * pandas `shift(periods)`: row i holds x[i − periods] (NaN where that row does not exist); negative periods
 * shift upwards.
 *
 * @internal
 */
export function shift(x: Float64Array, periods: number): Float64Array {
  const out = new Float64Array(x.length)
  for (let i = 0; i < x.length; i++) {
    const from = i - periods
    out[i] = from >= 0 && from < x.length ? x[from]! : NaN
  }
  return out
}

/**
 * pandas `diff(periods)`: x[i] − x[i − periods]; NaN where either is NaN or missing.
 *
 * @internal
 */
export function diff(x: Float64Array, periods = 1): Float64Array {
  const before = shift(x, periods)
  return x.map((v, i) => v - before[i]!)
}

/**
 * pandas `pct_change(periods)` with its default `fill_method="pad"`: NaN values are first replaced by the last
 * valid value before them (leading NaN stay), then p[i] / p[i − periods] − 1. So a missing value does not give
 * NaN but the change of the filled series.
 *
 * @internal
 */
export function pctChange(x: Float64Array, periods = 1): Float64Array {
  const padded = Float64Array.from(x)
  for (let i = 1; i < padded.length; i++) if (Number.isNaN(padded[i]!)) padded[i] = padded[i - 1]!
  const before = shift(padded, periods)
  return padded.map((v, i) => v / before[i]! - 1)
}

/**
 * pandas `fillna(value)`: NaN → `value` (±∞ stay).
 *
 * @internal
 */
export function fillNaN(x: Float64Array, value: number): Float64Array {
  return x.map((v) => (Number.isNaN(v) ? value : v))
}

/**
 * pandas `concat(columns, axis=1).max(axis=1)`: per row the largest non-NaN value (of equal values the first),
 * NaN when every column is NaN.
 *
 * @internal
 */
export function rowMax(columns: readonly Float64Array[]): Float64Array {
  const out = new Float64Array(columns[0]?.length ?? 0)
  for (let i = 0; i < out.length; i++) {
    let best = NaN
    for (const column of columns) {
      const v = column[i]!
      if (!Number.isNaN(v) && (Number.isNaN(best) || v > best)) best = v
    }
    out[i] = best
  }
  return out
}
