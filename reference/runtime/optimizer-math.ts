/**
 * The scalar parts of one optimiser step that every runtime shares: the clip coefficient of torch's
 * `clip_grad_norm_` and Adam's bias corrections (PyTorch 1.13 semantics, docs/legacy-behaviour.md §6.2).
 */
import type { AdamConfig } from './training-runtime.ts'

/**
 * Factor to scale every gradient by after measuring the global norm `totalNorm` (√Σg² over all parameters), as
 * `clip_grad_norm_`: `max / (total + 1e-6)` clamped to at most 1, so a norm just below `max` is still scaled a
 * hair and a NaN norm makes every gradient NaN (torch.clamp keeps NaN). 1 when clipping is off (`maxNorm` ≤ 0).
 */
export function clipCoefficient(totalNorm: number, maxNorm: number): number {
  if (!(maxNorm > 0)) return 1
  const coefficient = maxNorm / (totalNorm + 1e-6)
  return coefficient > 1 ? 1 : coefficient
}

/** Adam's per-step scalars for step `t` (1-based) at `learningRate`: `p −= stepSize · m / (√v / sqrtBc2 + eps)`. */
export function adamScalars(
  config: AdamConfig,
  learningRate: number,
  t: number,
): { stepSize: number; sqrtBc2: number } {
  const bc1 = 1 - Math.pow(config.beta1, t)
  const bc2 = 1 - Math.pow(config.beta2, t)
  return { stepSize: learningRate / bc1, sqrtBc2: Math.sqrt(bc2) }
}
