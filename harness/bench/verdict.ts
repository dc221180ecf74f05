/**
 * The three-valued performance verdict of a paired comparison (issue 8): decided on the bootstrap interval of
 * the median new/old ratio against the allowed slowdown, never on a point estimate.
 */

export type PerfVerdict = 'pass' | 'fail' | 'inconclusive'

/**
 * @param ci - confidence interval [lo, hi] of the median ratio new/old.
 * @param threshold - the largest acceptable ratio; the plan allows "< 5 %" regression. @default 1.05
 * @returns `pass` when the whole interval is at or below the threshold, `fail` when it lies entirely above it,
 *   `inconclusive` otherwise (and for a non-finite interval, which the caller treats as fail-closed upstream).
 */
export function decideVerdict(ci: readonly [number, number], threshold = 1.05): PerfVerdict {
  const [lo, hi] = ci
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return 'inconclusive'
  if (hi <= threshold) return 'pass'
  if (lo > threshold) return 'fail'
  return 'inconclusive'
}
