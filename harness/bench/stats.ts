/**
 * Statistics for the paired performance gate: medians, quantiles and a seeded percentile-bootstrap confidence
 * interval of the median (the gate's statistic is the median of per-pair new/old ratios).
 */
import { SeededRng } from '../../reference/runtime/rng.ts'

/** The q-quantile (0…1) by linear interpolation between order statistics; NaN for an empty sample. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  const pos = (sorted.length - 1) * q
  const lo = Math.floor(pos)
  const hi = Math.ceil(pos)
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo)
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5)
}

/**
 * Percentile-bootstrap confidence interval of the median.
 * @param level - coverage of the interval. @default 0.95
 * @param resamples - bootstrap resamples; 2,000 keeps the interval's own Monte-Carlo error well below the 5 %
 *   decision margin. @default 2000
 * @param seed - the resampling is seeded so that the same samples always give the same interval.
 */
export function bootstrapMedianCi(
  values: readonly number[],
  options: { level?: number; resamples?: number; seed?: number } = {},
): [number, number] {
  const { level = 0.95, resamples = 2000, seed = 7 } = options
  if (values.length === 0) return [NaN, NaN]
  const rng = new SeededRng(seed)
  const medians: number[] = []
  const draw = new Array<number>(values.length)
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < values.length; i++) draw[i] = values[rng.intRange(0, values.length)]!
    medians.push(median(draw))
  }
  const alpha = (1 - level) / 2
  return [quantile(medians, alpha), quantile(medians, 1 - alpha)]
}
