/**
 * The statistical comparison of training between `ktrdr_py` and a TypeScript path. KTRDR's training draws from
 * torch's generator, which we cannot replay, so single runs are never compared value by value: each side trains
 * over several seeds, and the difference of the mean test accuracies is judged against its standard error
 * (Welch's statistic z = |mean_a − mean_b| / √(s_a²/n_a + s_b²/n_b)).
 */

/** Mean, sample standard deviation and range of one side's values. */
export interface SampleSummary {
  readonly n: number
  readonly mean: number | null
  /** Sample standard deviation (n − 1); null below two values. */
  readonly sd: number | null
  readonly min: number | null
  readonly max: number | null
}

/**
 * A pass needs z ≤ 3. @default 3 — with 3–5 seeds a side, Welch's t above 3 has a 2–5 % chance under equal means,
 * while a real change of the training (a lost embedding, another split) moves test accuracy by several spreads.
 */
export const DEFAULT_Z_THRESHOLD = 3

/** Summarises finite values. */
export function summarize(values: readonly number[]): SampleSummary {
  const n = values.length
  if (n === 0) return { n, mean: null, sd: null, min: null, max: null }
  const mean = values.reduce((s, v) => s + v, 0) / n
  const sd = n < 2 ? null : Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1))
  return { n, mean, sd, min: Math.min(...values), max: Math.max(...values) }
}

/** The judgement of two samples. */
export interface MeanComparison {
  /** mean_a − mean_b. */
  readonly difference: number | null
  /** √(s_a²/n_a + s_b²/n_b). */
  readonly standard_error: number | null
  /** |difference| / standard_error (0 when both are 0; Infinity when only the error is 0). */
  readonly z: number | null
  readonly threshold_z: number
  readonly passed: boolean
  /** One line with the numbers. */
  readonly detail: string
}

const f = (x: number | null): string => (x === null ? '—' : x.toFixed(4))

/**
 * Compares the means of `a` and `b`; fewer than two values on a side cannot be judged (not passed).
 */
export function compareMeans(a: SampleSummary, b: SampleSummary, threshold = DEFAULT_Z_THRESHOLD): MeanComparison {
  if (a.n < 2 || b.n < 2 || a.mean === null || b.mean === null || a.sd === null || b.sd === null) {
    return {
      difference: a.mean !== null && b.mean !== null ? a.mean - b.mean : null,
      standard_error: null,
      z: null,
      threshold_z: threshold,
      passed: false,
      detail: `needs at least 2 successful runs a side (got ${a.n} and ${b.n})`,
    }
  }
  const difference = a.mean - b.mean
  const standardError = Math.sqrt(a.sd ** 2 / a.n + b.sd ** 2 / b.n)
  const z = difference === 0 ? 0 : standardError === 0 ? Number.POSITIVE_INFINITY : Math.abs(difference) / standardError
  const passed = z <= threshold
  return {
    difference,
    standard_error: standardError,
    z,
    threshold_z: threshold,
    passed,
    detail:
      `mean ${f(a.mean)} ± ${f(a.sd)} (n ${a.n}) vs ${f(b.mean)} ± ${f(b.sd)} (n ${b.n}): difference ${f(difference)}, ` +
      `standard error ${f(standardError)}, z ${Number.isFinite(z) ? z.toFixed(2) : 'inf'} (${passed ? '≤' : '>'} ${threshold} allowed)`,
  }
}
