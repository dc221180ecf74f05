/**
 * The training-runtime contract shared by every path (legacy and reference): the MLP specification, the
 * parameter layout, PyTorch-style initialisation, dropout-mask drawing and the weights digest.
 *
 * A runtime (fused Float32Array kernels, tfjs-wasm, tfjs-cpu, tfjs-node…) only supplies the arithmetic of
 * `trainStep` / `predictLogits`. Everything that consumes randomness lives here, outside the runtimes, so that
 * all runtimes consume the seeded stream in the same order and differ only by floating-point rounding.
 *
 * Parameter layout (the "layer order" of `weights_sha256`):
 *   1. `embedding.weight` [numSymbols, dim] — only when `spec.embedding` is set;
 *   2. for each Linear k (hidden layers, then the output layer): `linear<k>.weight` [out, in] (PyTorch layout,
 *      row-major), then `linear<k>.bias` [out].
 * The first Linear takes `inputSize + embedding.dim` inputs: features first, then the symbol embedding.
 */
import { createHash } from 'node:crypto'
import type { SeededRng } from './rng.ts'

/** Hidden-layer activation; an unknown name in a strategy means ReLU (docs/legacy-behaviour.md §6.1). */
export type Activation = 'relu' | 'tanh' | 'sigmoid' | 'leaky_relu'

/** Shape of a Linear → activation → Dropout stack ending in Linear(·, outputSize) with raw logits. */
export interface MlpSpec {
  /** Feature width F, not counting the symbol embedding. */
  readonly inputSize: number
  readonly hiddenLayers: readonly number[]
  /** Always 3 (BUY, HOLD, SELL) in this project. */
  readonly outputSize: number
  readonly activation: Activation
  /** Dropout probability after every hidden activation; 0 disables it (and draws nothing). */
  readonly dropout: number
  /** Symbol embedding (MultiSymbolMLP); null for a plain MLP. */
  readonly embedding: { readonly numSymbols: number; readonly dim: number } | null
}

/** One named parameter tensor. */
export interface ParamTensor {
  readonly name: string
  readonly shape: readonly number[]
  readonly values: Float32Array
}

/**
 * What every optimiser shares. PyTorch semantics throughout: weight decay is L2 added to the gradient (not
 * decoupled, not AdamW), and clipping is `clip_grad_norm_` over all gradients before the update.
 */
interface OptimizerBase {
  /** Learning rate of the first step; `RuntimeModel.setLearningRate` changes it between steps. */
  readonly learningRate: number
  /** @default 0 */
  readonly weightDecay: number
  /** Max global gradient norm (torch clip_grad_norm_); 0 = off. */
  readonly gradientClip: number
}

/** torch.optim.Adam (amsgrad off). */
export interface AdamConfig extends OptimizerBase {
  readonly kind: 'adam'
  /** @default 0.9 */
  readonly beta1: number
  /** @default 0.999 */
  readonly beta2: number
  /** @default 1e-8 */
  readonly eps: number
}

/** torch.optim.SGD with dampening 0 and Nesterov off; momentum 0 means plain SGD (no buffer). */
export interface SgdConfig extends OptimizerBase {
  readonly kind: 'sgd'
  readonly momentum: number
}

/** torch.optim.RMSprop with momentum 0 and `centered` off. */
export interface RmspropConfig extends OptimizerBase {
  readonly kind: 'rmsprop'
  /** Smoothing constant of the squared-gradient average. @default 0.99 */
  readonly alpha: number
  /** @default 1e-8 */
  readonly eps: number
}

/** The optimisers a runtime implements (docs/legacy-behaviour.md §6.2). */
export type OptimizerConfig = AdamConfig | SgdConfig | RmspropConfig

/** Builds an Adam configuration with PyTorch's defaults for everything not given. */
export function adamConfig(learningRate: number, weightDecay = 0, gradientClip = 0): AdamConfig {
  return { kind: 'adam', learningRate, weightDecay, beta1: 0.9, beta2: 0.999, eps: 1e-8, gradientClip }
}

/** Builds an SGD configuration (dampening 0, no Nesterov, as torch's defaults). */
export function sgdConfig(learningRate: number, momentum: number, weightDecay = 0, gradientClip = 0): SgdConfig {
  return { kind: 'sgd', learningRate, momentum, weightDecay, gradientClip }
}

/** Builds an RMSprop configuration with PyTorch's defaults (alpha 0.99, eps 1e-8, no momentum, not centred). */
export function rmspropConfig(learningRate: number, weightDecay = 0, gradientClip = 0): RmspropConfig {
  return { kind: 'rmsprop', learningRate, weightDecay, alpha: 0.99, eps: 1e-8, gradientClip }
}

/** A mini-batch: `x` is rows × inputSize row-major; `y` holds class ids 0…2. */
export interface TrainBatch {
  readonly x: Float32Array
  readonly y: Int32Array
  /** Symbol index per row; null means index 0 for every row (only meaningful with an embedding). */
  readonly symbols: Int32Array | null
  readonly rows: number
}

/** Outcome of one optimiser step: mean cross-entropy of the batch (before the update) and correct argmax count. */
export interface StepResult {
  readonly loss: number
  readonly correct: number
}

/** A model instantiated on one runtime. */
export interface RuntimeModel {
  readonly spec: MlpSpec
  /** Copies of the current parameters in layout order. */
  getParameters(): ParamTensor[]
  /**
   * One training step: forward in training mode (dropout masks from `drawDropoutMasks`), mean cross-entropy on
   * logits, backward, optional clipping, one optimiser update.
   */
  trainStep(batch: TrainBatch, rng: SeededRng): StepResult
  /**
   * Sets the learning rate of the following steps (what a learning-rate scheduler changes between epochs); the
   * optimiser's state (moments, momentum buffers, step count) is kept.
   */
  setLearningRate(learningRate: number): void
  /** Eval-mode forward (no dropout): rows × outputSize logits. */
  predictLogits(x: Float32Array, rows: number, symbols: Int32Array | null): Float32Array
  dispose(): void
}

/** A training runtime: where the arithmetic runs. @public */
export interface TrainingRuntime {
  /** Device / runtime name as reported in results, e.g. `cpu-fused`, `wasm`, `cpu`, `cpu-native`, `cuda`. */
  readonly name: string
  createModel(spec: MlpSpec, params: readonly ParamTensor[], optimizer: OptimizerConfig): RuntimeModel
}

/** Widths of every Linear as [in, out] pairs, first to last. */
export function linearShapes(spec: MlpSpec): Array<[number, number]> {
  const shapes: Array<[number, number]> = []
  let prev = spec.inputSize + (spec.embedding ? spec.embedding.dim : 0)
  for (const h of spec.hiddenLayers) {
    shapes.push([prev, h])
    prev = h
  }
  shapes.push([prev, spec.outputSize])
  return shapes
}

/**
 * PyTorch default initialisation, drawn from `rng` in this order: the embedding (N(0,1), row-major), then per
 * Linear the weight then the bias, each U(−1/√fan_in, 1/√fan_in) row-major (docs/legacy-behaviour.md §6.1, §12.2.3).
 */
export function initParameters(spec: MlpSpec, rng: SeededRng): ParamTensor[] {
  const params: ParamTensor[] = []
  if (spec.embedding) {
    const { numSymbols, dim } = spec.embedding
    const values = new Float32Array(numSymbols * dim)
    for (let i = 0; i < values.length; i++) values[i] = rng.normal()
    params.push({ name: 'embedding.weight', shape: [numSymbols, dim], values })
  }
  linearShapes(spec).forEach(([fanIn, out], k) => {
    const bound = 1 / Math.sqrt(fanIn)
    const weight = new Float32Array(out * fanIn)
    for (let i = 0; i < weight.length; i++) weight[i] = rng.uniformRange(-bound, bound)
    const bias = new Float32Array(out)
    for (let i = 0; i < out; i++) bias[i] = rng.uniformRange(-bound, bound)
    params.push({ name: `linear${k}.weight`, shape: [out, fanIn], values: weight })
    params.push({ name: `linear${k}.bias`, shape: [out], values: bias })
  })
  return params
}

/**
 * How a dropout mask turns one 32-bit word into a value: kept (`scale` = fround(1/(1−p))) when the word is
 * below `threshold` = ⌊(1−p) · 2³²⌋, dropped (0) otherwise.
 */
export function dropoutMaskRule(p: number): { threshold: number; scale: number } {
  const keep = 1 - p
  return { threshold: Math.floor(keep * 4294967296), scale: Math.fround(1 / keep) }
}

/**
 * Draws the inverted-dropout masks of one training forward: for each hidden layer in order, `rows × width`
 * values row-major, one 32-bit draw each (`rng.fillUint32`, so `rows · Σwidth` draws in all): `1/(1−p)` (as
 * float32) when the word is below `⌊(1−p) · 2³²⌋` (kept, probability 1−p to within 2⁻³²) and 0 otherwise.
 * Returns an empty list (and draws nothing) when `spec.dropout` is 0.
 *
 * @param into - optional arrays to fill instead of allocating (one of exactly `rows × width` values per hidden
 *   layer, e.g. the previous step's masks); otherwise fresh arrays are returned. The values are the same.
 */
export function drawDropoutMasks(
  spec: MlpSpec,
  rows: number,
  rng: SeededRng,
  into?: readonly Float32Array[],
): Float32Array[] {
  if (!(spec.dropout > 0)) return []
  const { threshold, scale } = dropoutMaskRule(spec.dropout)
  const widths = spec.hiddenLayers
  const reuse =
    into !== undefined && into.length === widths.length && into.every((m, k) => m.length === rows * widths[k]!)
  return widths.map((width, k) => {
    const mask = reuse ? into[k]! : new Float32Array(rows * width)
    // the words land in the mask's own bytes, then each is replaced by its float in place
    const words = new Uint32Array(mask.buffer, mask.byteOffset, mask.length)
    rng.fillUint32(words)
    for (let i = 0; i < words.length; i++) mask[i] = words[i]! < threshold ? scale : 0
    return mask
  })
}

/** SHA-256 (hex) over all parameter values as little-endian float32, in layout order. */
export function weightsSha256(params: readonly ParamTensor[]): string {
  const hash = createHash('sha256')
  for (const p of params) {
    const bytes = new Uint8Array(p.values.buffer, p.values.byteOffset, p.values.byteLength)
    hash.update(bytes)
  }
  return hash.digest('hex')
}

/** Row-wise softmax of rows × cols logits (float64 arithmetic, float32 result). */
export function softmaxRows(logits: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols)
  for (let r = 0; r < rows; r++) {
    let max = -Infinity
    for (let c = 0; c < cols; c++) max = Math.max(max, logits[r * cols + c]!)
    let sum = 0
    for (let c = 0; c < cols; c++) sum += Math.exp(logits[r * cols + c]! - max)
    for (let c = 0; c < cols; c++) out[r * cols + c] = Math.exp(logits[r * cols + c]! - max) / sum
  }
  return out
}
