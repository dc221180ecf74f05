/**
 * Tolerances of the equivalence gate (docs/architecture.md §6 "Comparisons") and the policy that picks one per stage and
 * pair. Defaults follow the refactoring plan (docs/architecture.md §6.10; docs/legacy-behaviour.md §11.3: "< 0.1 % difference"): rtol 1e-3 on weights,
 * metrics and predictions; bitwise where two runs must replay the same arithmetic.
 */
import { STAGES, type StageName } from './stages.ts'

/** How two values must agree. */
export type Tolerance =
  | { readonly kind: 'bitwise' }
  | { readonly kind: 'close'; readonly rtol: number; readonly atol: number }
  | { readonly kind: 'exact' }

/** Every bit equal (NaN equals NaN, −0 differs from +0). */
export const BITWISE: Tolerance = { kind: 'bitwise' }

/** Equal as values (names, labels, shapes, counts, protocol fields). */
export const EXACT: Tolerance = { kind: 'exact' }

/**
 * |a − b| ≤ atol + rtol·|b| element-wise (numpy `assert_allclose`, b = the reference side).
 * @default rtol 1e-3 — the refactoring plan's (docs/architecture.md §6.10) "< 0.1 %" for weights, metrics and predictions.
 * @default atol 1e-6 — float32 weights near 0 would otherwise need an impossible relative match; 1e-6 is about
 *   eight float32 ulps of a unit-scale weight, far below the 1e-2…1e-1 seed-to-seed noise the report shows.
 */
export const DEFAULT_CLOSE: Tolerance = { kind: 'close', rtol: 1e-3, atol: 1e-6 }

/** How the two runs of a cell relate. */
export type PairKind =
  /** The same path twice with the same seed: must replay bitwise. */
  | 'aa'
  /** Two different paths, same seed. */
  | 'cross'
  /** The same path with two seeds: measures the noise floor, never gated. */
  | 'seed-noise'

/** Stages computed before the model: bit-exact in float64 on every pair (docs/legacy-behaviour.md §12.2). */
export const PRE_MODEL_STAGES: readonly StageName[] = STAGES.slice(0, STAGES.indexOf('initial_weights'))

/** What decides the tolerance of one comparison. @public */
export interface ToleranceContext {
  readonly pairKind: PairKind
  /** True for local_new↔local_old, the pair the design requires to replay bitwise on one runtime. */
  readonly bitwiseWhenSameDevice: boolean
  readonly sameDevice: boolean
}

/**
 * The tolerance for numeric artifacts of `stage`: bitwise for pre-model stages, for A/A pairs, and for
 * local_new↔local_old on one runtime (docs/architecture.md §3.3); {@link DEFAULT_CLOSE} otherwise (cross-runtime pairs differ
 * by ~1e-7 float noise, docs/architecture.md §3.4).
 */
export function toleranceFor(stage: StageName, context: ToleranceContext): Tolerance {
  if (PRE_MODEL_STAGES.includes(stage)) return BITWISE
  if (context.pairKind === 'aa') return BITWISE
  if (context.pairKind === 'cross' && context.bitwiseWhenSameDevice && context.sameDevice) return BITWISE
  return DEFAULT_CLOSE
}

/** Short human form: `bitwise`, `exact`, `rtol 1e-3, atol 1e-6`. */
export function describeTolerance(t: Tolerance): string {
  if (t.kind === 'close') return `rtol ${t.rtol.toExponential(0)}, atol ${t.atol.toExponential(0)}`
  return t.kind
}
