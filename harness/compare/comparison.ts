/**
 * The record every comparator returns for one artifact of one stage: the statistic, the observed figure, the
 * tolerance, how much of it was used, and an `assert_allclose`-style detail line. Field names are the report's
 * (snake_case), since this record is written to `reports/equivalence.json` as it is.
 */
import type { StageName } from './stages.ts'
import type { Tolerance } from './tolerance.ts'

/** What `observed` measures. */
export type Statistic =
  /** max |a−b| / (atol + rtol·|b|) ≤ 1 element-wise; `observed` = greatest relative difference. */
  | 'allclose'
  /** every bit equal; `observed` = number of differing elements. */
  | 'bitwise'
  /** equal values (names, shapes, labels, counts); `observed` = number of differing items. */
  | 'exact'
  /** top-N feature-importance names as a set; `observed` = names not shared. */
  | 'top_n'
  /** the artifact exists on both sides; `observed` = 1 when missing on a side. */
  | 'presence'
  /** host protocol invariants; `observed` = number of violated invariants. */
  | 'protocol'

/** One artifact of one stage compared between two runs: the statistic observed, its tolerance and the verdict. @public */
export interface Comparison {
  readonly stage: StageName
  /** What was compared, e.g. `AAPL/1h`, `linear0.weight`, `metrics.test_accuracy`. */
  readonly artifact: string
  readonly statistic: Statistic
  readonly observed: number
  readonly tolerance: Tolerance
  /** observed as a fraction of what the tolerance allows (1 = at the limit); null when not a ratio. */
  readonly budget_used: number | null
  /** The same statistic between two seeds of the reference path; null until the seed-noise run is known. */
  readonly noise_floor: number | null
  readonly passed: boolean
  /** Elements compared and elements out of tolerance. */
  readonly total: number
  readonly mismatched: number
  /** Greatest absolute difference (numeric artifacts), else null. */
  readonly max_abs: number | null
  /** Where the worst element sits (column/row/epoch/layer index), else null. */
  readonly location: string | null
  /** `a` or `b` when the artifact exists on one side only. */
  readonly missing_on: 'a' | 'b' | null
  /** Both sides' values for exact comparisons of small things (names, counts, states, status codes). */
  readonly values: { readonly a: unknown; readonly b: unknown } | null
  /** One line in the manner of numpy's assert_allclose. */
  readonly detail: string
}
