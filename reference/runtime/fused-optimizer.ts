/**
 * The optimiser step of the `cpu-fused` runtime over flat Float32Array parameters and gradients: torch's
 * `clip_grad_norm_` over every gradient together, then one update of Adam, SGD or RMSprop with PyTorch 1.13's
 * formulas (docs/legacy-behaviour.md §6.2; weight decay added to the gradient). Sums and products run in float64 and
 * every stored value is rounded to float32, in one fixed loop order, so a step is bitwise reproducible.
 */
import { adamScalars, clipCoefficient } from './optimizer-math.ts'
import type { AdamConfig, OptimizerConfig, RmspropConfig, SgdConfig } from './training-runtime.ts'

/**
 * The state of one optimiser over `size` parameters: Adam's first and second moments, SGD's momentum buffer or
 * RMSprop's squared-gradient average, the step count and the current learning rate.
 * @internal
 */
export class FusedOptimizer {
  private learningRate: number
  private steps = 0
  /** Adam m, the SGD momentum buffer, or the RMSprop square average (empty when unused). */
  private readonly first: Float32Array
  /** Adam v (empty for the others). */
  private readonly second: Float32Array

  constructor(
    private readonly config: OptimizerConfig,
    size: number,
  ) {
    this.learningRate = config.learningRate
    const buffered = config.kind !== 'sgd' || config.momentum !== 0
    this.first = new Float32Array(buffered ? size : 0)
    this.second = new Float32Array(config.kind === 'adam' ? size : 0)
  }

  /** Sets the learning rate of the following steps. */
  setLearningRate(learningRate: number): void {
    this.learningRate = learningRate
  }

  /** Clips `grads` in place (when clipping is on), then updates `params` in place. */
  step(params: Float32Array, grads: Float32Array): void {
    this.clip(grads)
    this.steps++
    const config = this.config
    switch (config.kind) {
      case 'adam':
        return this.adam(config, params, grads)
      case 'sgd':
        return this.sgd(config, params, grads)
      case 'rmsprop':
        return this.rmsprop(config, params, grads)
    }
  }

  private clip(g: Float32Array): void {
    const max = this.config.gradientClip
    if (!(max > 0)) return
    let sq = 0
    for (let i = 0; i < g.length; i++) sq += g[i]! * g[i]!
    const coef = clipCoefficient(Math.sqrt(sq), max)
    if (coef === 1) return
    for (let i = 0; i < g.length; i++) g[i] = g[i]! * coef
  }

  /** m = β₁m + (1−β₁)g, v = β₂v + (1−β₂)g², p −= (lr / bc₁) · m / (√v / √bc₂ + eps). */
  private adam(config: AdamConfig, p: Float32Array, g: Float32Array): void {
    const { beta1, beta2, eps, weightDecay } = config
    const { stepSize, sqrtBc2 } = adamScalars(config, this.learningRate, this.steps)
    const c1 = 1 - beta1
    const c2 = 1 - beta2
    const m = this.first
    const v = this.second
    for (let i = 0; i < p.length; i++) {
      const pi = p[i]!
      const gi = weightDecay === 0 ? g[i]! : Math.fround(g[i]! + weightDecay * pi)
      const mi = Math.fround(beta1 * m[i]! + c1 * gi)
      const vi = Math.fround(beta2 * v[i]! + c2 * gi * gi)
      m[i] = mi
      v[i] = vi
      p[i] = pi - (stepSize * mi) / (Math.sqrt(vi) / sqrtBc2 + eps)
    }
  }

  /** buf = g on the first step, else μ·buf + g (dampening 0); p −= lr · buf (lr · g without momentum). */
  private sgd(config: SgdConfig, p: Float32Array, g: Float32Array): void {
    const { momentum, weightDecay } = config
    const lr = this.learningRate
    const buf = this.first
    const first = this.steps === 1
    for (let i = 0; i < p.length; i++) {
      const pi = p[i]!
      const gi = weightDecay === 0 ? g[i]! : Math.fround(g[i]! + weightDecay * pi)
      let d = gi
      if (momentum !== 0) {
        d = first ? gi : Math.fround(momentum * buf[i]! + gi)
        buf[i] = d
      }
      p[i] = pi - lr * d
    }
  }

  /** s = αs + (1−α)g², p −= lr · g / (√s + eps). */
  private rmsprop(config: RmspropConfig, p: Float32Array, g: Float32Array): void {
    const { alpha, eps, weightDecay } = config
    const lr = this.learningRate
    const c = 1 - alpha
    const s = this.first
    for (let i = 0; i < p.length; i++) {
      const pi = p[i]!
      const gi = weightDecay === 0 ? g[i]! : Math.fround(g[i]! + weightDecay * pi)
      const si = Math.fround(alpha * s[i]! + c * gi * gi)
      s[i] = si
      p[i] = pi - lr * (gi / (Math.sqrt(si) + eps))
    }
  }
}
