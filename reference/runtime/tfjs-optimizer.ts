/**
 * The optimiser step of the TensorFlow.js runtimes: torch's `clip_grad_norm_` over every gradient together, then
 * one update of Adam, SGD or RMSprop with PyTorch 1.13's formulas (docs/legacy-behaviour.md §6.2; weight decay added to
 * the gradient, Adam's eps added to √v̂), written with tf ops because `tf.train.*` places eps differently and has
 * no weight decay. Same formulas as `fused-optimizer.ts`, in float32 tensor arithmetic.
 */
import type { Tensor, Variable } from '@tensorflow/tfjs'
import type { Tensorflow } from './backend-loader.ts'
import { adamScalars, clipCoefficient } from './optimizer-math.ts'
import type { OptimizerConfig } from './training-runtime.ts'

/**
 * The state of one optimiser over a list of parameter variables: Adam's moments, SGD's momentum buffers or
 * RMSprop's square averages, the step count and the current learning rate.
 * @internal
 */
export class TfjsOptimizer {
  private learningRate: number
  private steps = 0
  /** Adam m, the SGD momentum buffer, or the RMSprop square average, per parameter (empty when unused). */
  private readonly first: Variable[]
  /** Adam v per parameter (empty for the others). */
  private readonly second: Variable[]

  constructor(
    private readonly tf: Tensorflow,
    private readonly config: OptimizerConfig,
    shapes: ReadonlyArray<readonly number[]>,
  ) {
    this.learningRate = config.learningRate
    const zeros = (): Variable[] => shapes.map((shape) => tf.variable(tf.zeros([...shape]), false))
    this.first = config.kind !== 'sgd' || config.momentum !== 0 ? zeros() : []
    this.second = config.kind === 'adam' ? zeros() : []
  }

  /** Sets the learning rate of the following steps. */
  setLearningRate(learningRate: number): void {
    this.learningRate = learningRate
  }

  /** Clips `grads` (when clipping is on) and updates every parameter; call inside the caller's `tf.tidy`. */
  step(params: readonly Variable[], grads: readonly Tensor[]): void {
    const clipped = this.clip(grads)
    this.steps++
    params.forEach((p, i) => this.update(p, i, clipped[i]!))
  }

  dispose(): void {
    for (const t of [...this.first, ...this.second]) t.dispose()
  }

  /** torch `clip_grad_norm_` over all gradients together (see `clipCoefficient`). */
  private clip(grads: readonly Tensor[]): readonly Tensor[] {
    const max = this.config.gradientClip
    if (!(max > 0)) return grads
    const tf = this.tf
    const total = Math.sqrt(tf.addN(grads.map((g) => tf.sum(tf.square(g)))).dataSync()[0]!)
    const coef = clipCoefficient(total, max)
    return coef === 1 ? grads : grads.map((g) => tf.mul(g, coef))
  }

  private update(p: Variable, i: number, gradient: Tensor): void {
    const tf = this.tf
    const config = this.config
    const lr = this.learningRate
    const g = config.weightDecay === 0 ? gradient : tf.add(gradient, tf.mul(p, config.weightDecay))
    switch (config.kind) {
      case 'adam': {
        const { beta1, beta2, eps } = config
        const { stepSize, sqrtBc2 } = adamScalars(config, lr, this.steps)
        const m = tf.add(tf.mul(this.first[i]!, beta1), tf.mul(g, 1 - beta1))
        const v = tf.add(tf.mul(this.second[i]!, beta2), tf.mul(tf.square(g), 1 - beta2))
        const denom = tf.add(tf.div(tf.sqrt(v), sqrtBc2), eps)
        this.first[i]!.assign(m)
        this.second[i]!.assign(v)
        p.assign(tf.sub(p, tf.div(tf.mul(m, stepSize), denom)))
        return
      }
      case 'sgd': {
        let d = g
        if (config.momentum !== 0) {
          d = this.steps === 1 ? g : tf.add(tf.mul(this.first[i]!, config.momentum), g)
          this.first[i]!.assign(d)
        }
        p.assign(tf.sub(p, tf.mul(d, lr)))
        return
      }
      case 'rmsprop': {
        const s = tf.add(tf.mul(this.first[i]!, config.alpha), tf.mul(tf.square(g), 1 - config.alpha))
        this.first[i]!.assign(s)
        p.assign(tf.sub(p, tf.mul(tf.div(g, tf.add(tf.sqrt(s), config.eps)), lr)))
        return
      }
    }
  }
}
