/** The guarded division of the old ratio indicators (BollingerBandWidth, VolumeRatio; docs/legacy-behaviour.md §3.3). */

/**
 * `np.where(|d| > 1e-10, n / d, fallback)` per row: a NaN denominator fails the comparison and gives `fallback`.
 *
 * @internal
 */
export function guardedRatio(
  numerator: (i: number) => number,
  denominator: Float64Array,
  fallback: number,
): Float64Array {
  return denominator.map((d, i) => (Math.abs(d) > 1e-10 ? numerator(i) / d : fallback))
}
