/**
 * Exponentially weighted means as pandas computes `Series.ewm(…).mean()` (min_periods 0, ignore_na False), shared
 * by MACD and EMA (span-based) and ADX's Wilder smoothing (alpha = 1 / period); docs/legacy-behaviour.md §3.3,
 * §3.5. The decay is given the way the pandas call gave it, because pandas turns every form into a centre of mass
 * first (α = 1 / (1 + com)) and that round trip can move α by one bit (alpha = 1/20 does).
 */

/** How a pandas `ewm` call named its decay: `span`, `alpha` or `com` (centre of mass). @internal */
export type EwmDecay = { readonly span: number } | { readonly alpha: number } | { readonly com: number }

/**
 * The smoothing factor pandas uses for `decay`: com = (span − 1) / 2, or (1 − alpha) / alpha, or com as given;
 * α = 1 / (1 + com).
 *
 * @throws RangeError for span < 1, alpha outside (0, 1] or com < 0 (pandas' ValueError)
 * @internal
 */
export function ewmAlpha(decay: EwmDecay): number {
  let com: number
  if ('span' in decay) {
    if (!(decay.span >= 1)) throw new RangeError(`ewm span must be ≥ 1, got ${decay.span}`)
    com = (decay.span - 1) / 2
  } else if ('alpha' in decay) {
    if (!(decay.alpha > 0 && decay.alpha <= 1)) throw new RangeError(`ewm alpha must be in (0, 1], got ${decay.alpha}`)
    com = (1 - decay.alpha) / decay.alpha
  } else {
    if (!(decay.com >= 0)) throw new RangeError(`ewm com must be ≥ 0, got ${decay.com}`)
    com = decay.com
  }
  return 1 / (1 + com)
}

/**
 * pandas' ewm kernel. The running average y starts at the first non-NaN value (rows before it are NaN) with
 * weight w = 1. Every later row multiplies w by (1 − α), NaN rows included, so the old average keeps decaying
 * through a gap; an observed x then gives y ← (w · y + v · x) / (w + v) (skipped when y == x), with v = 1 and
 * w ← w + 1 when `adjust`, v = α and w ← 1 otherwise. A NaN row repeats y.
 */
function ewmMean(x: Float64Array, decay: EwmDecay, adjust: boolean): Float64Array {
  const alpha = ewmAlpha(decay)
  const oldWeightFactor = 1 - alpha
  const newWeight = adjust ? 1 : alpha
  const out = new Float64Array(x.length)
  if (x.length === 0) return out
  let average = x[0]!
  let oldWeight = 1
  out[0] = average
  for (let i = 1; i < x.length; i++) {
    const v = x[i]!
    const observed = !Number.isNaN(v)
    if (!Number.isNaN(average)) {
      oldWeight *= oldWeightFactor
      if (observed) {
        if (average !== v) average = (oldWeight * average + newWeight * v) / (oldWeight + newWeight)
        oldWeight = adjust ? oldWeight + newWeight : 1
      }
    } else if (observed) average = v
    out[i] = average
  }
  return out
}

/**
 * pandas `ewm(<decay>, adjust=False).mean()`: the recursive EMA seeded with the first valid value, decaying
 * through NaN rows (after a gap of g NaN rows the old average weighs (1 − α)^(g+1) against α, normalised).
 *
 * @internal
 */
export function ewmAdjustFalse(x: Float64Array, decay: EwmDecay): Float64Array {
  return ewmMean(x, decay, false)
}

/**
 * pandas `ewm(<decay>, adjust=True).mean()`: the normalised-weight EMA (no warm-up NaN after the first valid
 * value), the weights decaying through NaN rows.
 *
 * @internal
 */
export function ewmAdjustTrue(x: Float64Array, decay: EwmDecay): Float64Array {
  return ewmMean(x, decay, true)
}
