/** Evaluates one configured fuzzy set over a column, element by element with the scalar routines (§4.1). */
import type { FuzzySetSpec } from '../strategy/types.ts'
import { gaussian } from './gaussian.ts'
import { trapezoidal } from './trapezoidal.ts'
import { triangular } from './triangular.ts'

/**
 * The membership of every value of `values` in `set`.
 *
 * @public
 */
export function evaluateMembership(set: FuzzySetSpec, values: Float64Array): Float64Array {
  const p = set.parameters
  switch (set.type) {
    case 'triangular':
      return values.map((x) => triangular(x, p[0]!, p[1]!, p[2]!))
    case 'trapezoidal':
      return values.map((x) => trapezoidal(x, p[0]!, p[1]!, p[2]!, p[3]!))
    case 'gaussian':
      return values.map((x) => gaussian(x, p[0]!, p[1]!))
  }
}
