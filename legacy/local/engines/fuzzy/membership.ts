/**
 * The old membership functions (docs/legacy-behaviour.md §4.1) as their scalar routines — the path training used —
 * and the fuzzy-set configuration checks of `FuzzyConfigLoader.load_from_dict`.
 */
import { LegacyConfigurationError } from '../errors.ts'

/** A membership function: value → degree (NaN → NaN). */
export type LegacyMembership = (x: number) => number

const EPS = Number.EPSILON

/** Triangular [a, b, c], scalar routine: x == b → 1 first; x ≤ a or x ≥ c → 0; linear ramps with floored divisors. */
export function legacyTriangular(a: number, b: number, c: number): LegacyMembership {
  const ab = Math.max(b - a, EPS)
  const bc = Math.max(c - b, EPS)
  return (x) => {
    if (x !== x) return NaN
    if (x === b) return 1.0
    if (x <= a || x >= c) return 0.0
    if (x > a && x < b) return (x - a) / ab
    if (x > b && x < c) return (c - x) / bc
    return 0.0
  }
}

/** Trapezoidal [a, b, c, d], scalar routine: x ≤ a or x ≥ d → 0 checked first; [b, c] → 1; linear ramps. */
export function legacyTrapezoidal(a: number, b: number, c: number, d: number): LegacyMembership {
  const ab = Math.max(b - a, EPS)
  const dc = Math.max(d - c, EPS)
  return (x) => {
    if (x !== x) return NaN
    if (x <= a || x >= d) return 0.0
    if (x > a && x < b) return (x - a) / ab
    if (x >= b && x <= c) return 1.0
    if (x > c && x < d) return (d - x) / dc
    return 0.0
  }
}

/** Gaussian [μ, σ]: exp(−0.5 · ((x − μ) / σ)²). */
export function legacyGaussian(mu: number, sigma: number): LegacyMembership {
  return (x) => (x !== x ? NaN : Math.exp(-0.5 * ((x - mu) / sigma) ** 2))
}

/** One validated fuzzy set. */
export interface LegacyFuzzySet {
  readonly name: string
  readonly evaluate: LegacyMembership
}

/** Indicator key → its sets in YAML order. */
export type LegacyFuzzyConfig = ReadonlyMap<string, readonly LegacyFuzzySet[]>

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Validates the YAML `fuzzy_sets` mapping as pydantic did (type discriminator required; triangular a ≤ b ≤ c,
 * trapezoidal a ≤ b ≤ c ≤ d, gaussian σ > 0; at least one indicator and one set each).
 *
 * @param where - file name for error messages
 * @throws LegacyConfigurationError naming `fuzzy_sets.<indicator>.<set>`
 */
export function parseLegacyFuzzySets(raw: unknown, where: string): LegacyFuzzyConfig {
  const fail = (path: string, message: string): never => {
    throw new LegacyConfigurationError('CONFIG-FuzzyInvalid', `${where}: fuzzy_sets${path}: ${message}`)
  }
  if (!isRecord(raw) || Object.keys(raw).length === 0) fail('', 'At least one indicator must be defined')
  const config = new Map<string, LegacyFuzzySet[]>()
  for (const [indicator, sets] of Object.entries(raw as Record<string, unknown>)) {
    if (!isRecord(sets) || Object.keys(sets).length === 0)
      fail(`.${indicator}`, 'At least one fuzzy set must be defined')
    const parsed: LegacyFuzzySet[] = []
    for (const [setName, spec] of Object.entries(sets as Record<string, unknown>)) {
      const path = `.${indicator}.${setName}`
      if (!isRecord(spec)) fail(path, 'must be a mapping with type and parameters')
      const { type, parameters } = spec as Record<string, unknown>
      if (!Array.isArray(parameters) || !parameters.every((p) => typeof p === 'number')) {
        fail(`${path}.parameters`, 'must be a list of numbers')
      }
      const p = parameters as number[]
      parsed.push({ name: setName, evaluate: membershipFor(type, p, (m) => fail(path, m)) })
    }
    config.set(indicator, parsed)
  }
  return config
}

function membershipFor(type: unknown, p: number[], fail: (message: string) => never): LegacyMembership {
  switch (type) {
    case 'triangular':
      if (p.length !== 3) fail('Triangular membership function requires exactly 3 parameters [a, b, c]')
      if (!(p[0] <= p[1] && p[1] <= p[2])) fail('Triangular membership function parameters must satisfy: a ≤ b ≤ c')
      return legacyTriangular(p[0], p[1], p[2])
    case 'trapezoidal':
      if (p.length !== 4) fail('Trapezoidal membership function requires exactly 4 parameters [a, b, c, d]')
      if (!(p[0] <= p[1] && p[1] <= p[2] && p[2] <= p[3])) {
        fail('Trapezoidal membership function parameters must satisfy: a ≤ b ≤ c ≤ d')
      }
      return legacyTrapezoidal(p[0], p[1], p[2], p[3])
    case 'gaussian':
      if (p.length !== 2) fail('Gaussian membership function requires exactly 2 parameters [μ, σ]')
      if (p[1] <= 0) fail('Gaussian membership function sigma must be greater than 0')
      return legacyGaussian(p[0], p[1])
    default:
      return fail(`unknown or missing type discriminator '${String(type)}' (triangular, trapezoidal, gaussian)`)
  }
}
