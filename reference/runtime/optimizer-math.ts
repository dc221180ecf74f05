/**
 * The scalar parts of one optimiser step that every runtime shares: the clip coefficient of torch's
 * `clip_grad_norm_` and Adam's bias corrections (PyTorch semantics, docs/legacy-behaviour.md §6.2).
 */
import type { OptimizerConfig } from './training-runtime.ts'

/**
 * Factor to scale every gradient by after measuring the global norm `totalNorm` (√Σg² over all parameters):
 * `max / (total + 1e-6)` when clipping is on and `total > max`, otherwise 1.
 */
export function clipCoefficient(totalNorm: number, maxNorm: number): number {
  return maxNorm > 0 && totalNorm > maxNorm ? maxNorm / (totalNorm + 1e-6) : 1
}

/** Adam's per-step scalars for step `t` (1-based): `p −= stepSize · m / (√v / sqrtBc2 + eps)`. */
export function adamScalars(config: OptimizerConfig, t: number): { stepSize: number; sqrtBc2: number } {
  const bc1 = 1 - Math.pow(config.beta1, t)
  const bc2 = 1 - Math.pow(config.beta2, t)
  return { stepSize: config.learningRate / bc1, sqrtBc2: Math.sqrt(bc2) }
}
