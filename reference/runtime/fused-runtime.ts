/**
 * The `cpu-fused` training runtime: the MLP forward, cross-entropy, backward, gradient clipping and Adam
 * written as plain loops over preallocated buffers (ktrdr-behaviour.md §6.1–§6.2, contract in
 * `training-runtime.ts`). Sums and products run in float64 JS numbers and every stored value is rounded to
 * float32, in fixed loop orders, so the same seed gives bitwise-identical weights in any process.
 *
 * Layout of the work: weights stay [out, in] row-major (plus a float64 copy and its transpose, refreshed after
 * each update) and activations / deltas rows × width. The forward (X·Wᵀ), the weight gradient (dZᵀ·X) and the
 * input gradient (dZ·W) are one strided matrix product: 2 × 4 blocks in the WebAssembly SIMD kernel of
 * `fused-simd.ts`, edge rows and columns in the scalar kernel of `fused-kernels.ts`, with bitwise-identical sums.
 */
import { assertBatchInputs, assertLabels } from './batch-checks.ts'
import { crossEntropy } from './cross-entropy.ts'
import { activateLayer, activationCode, backpropActivation, gemm } from './fused-kernels.ts'
import { createSimdHeap, type SimdBlockKernel } from './fused-simd.ts'
import { assertParameters, parameterLayout } from './model-layout.ts'
import { adamScalars, clipCoefficient } from './optimizer-math.ts'
import {
  drawDropoutMasks,
  linearShapes,
  type MlpSpec,
  type OptimizerConfig,
  type ParamTensor,
  type RuntimeModel,
  type StepResult,
  type TrainBatch,
  type TrainingRuntime,
} from './training-runtime.ts'
import type { SeededRng } from './rng.ts'

/** Rows the buffers hold before the first batch asks for more. */
const INITIAL_ROWS = 32
/** Evaluation forwards run in chunks of this many rows, so a large evaluation set needs no huge buffers. */
const PREDICT_CHUNK_ROWS = 1024

/** One Linear: views into the flat float32 parameters and gradients. */
interface FusedLayer {
  readonly fanIn: number
  readonly out: number
  readonly w: Float32Array
  readonly b: Float32Array
  readonly gw: Float32Array
  readonly gb: Float32Array
}

/** A float64 buffer in the model's heap: its element offset (for the kernels) and a view (for JS loops). */
interface HeapBuffer {
  readonly off: number
  readonly view: Float64Array
}

/**
 * A model on the fused runtime. Beyond the {@link RuntimeModel} contract it exposes
 * {@link FusedModel.lossAndGradients}, the forward + backward of one batch without an update.
 *
 * Working buffers live in one WebAssembly memory (so the SIMD kernel of `fused-simd.ts` can read them) as
 * float64 holding float32-rounded values (every store goes through `Math.fround`), which is bitwise the same
 * arithmetic as float32 storage without a conversion on every load.
 * @public
 */
export class FusedModel implements RuntimeModel {
  private readonly layers: FusedLayer[]
  private readonly names: Array<{ name: string; shape: number[] }>
  private readonly params: Float32Array
  private readonly grads: Float32Array
  private readonly m: Float32Array
  private readonly v: Float32Array
  private readonly offsets: number[]
  private readonly emb: Float32Array | null
  private readonly embGrad: Float32Array | null
  private readonly embAcc: Float64Array | null
  private readonly act: number
  private step = 0
  private disposed = false
  private capacity = 0
  private heap: Float64Array = new Float64Array(0)
  private simd: SimdBlockKernel | null = null
  /** Each Linear's weight [out, in] and its transpose [in, out] as float64, refreshed after every update. */
  private w64: HeapBuffer[] = []
  private wt64: HeapBuffer[] = []
  /** input[k]: rows × fanIn of Linear k (input[0] = features ‖ embedding; input[k>0] = masked hidden output). */
  private input: HeapBuffer[] = []
  /** Unmasked activation output of each Linear (rows × out; used for the hidden ones). */
  private activ: HeapBuffer[] = []
  private dz: HeapBuffer[] = []
  /** Matrix-product output before its element-wise epilogue. */
  private scratch: HeapBuffer = { off: 0, view: new Float64Array(0) }
  private logits = new Float32Array(0)
  private dlogits = new Float32Array(0)

  constructor(
    readonly spec: MlpSpec,
    initial: readonly ParamTensor[],
    private readonly optimizer: OptimizerConfig,
  ) {
    assertParameters('cpu-fused', spec, initial)
    this.names = parameterLayout(spec)
    this.offsets = []
    let total = 0
    for (const p of initial) {
      this.offsets.push(total)
      total += p.values.length
    }
    this.params = new Float32Array(total)
    initial.forEach((p, i) => this.params.set(p.values, this.offsets[i]))
    this.grads = new Float32Array(total)
    this.m = new Float32Array(total)
    this.v = new Float32Array(total)
    this.act = activationCode(spec.activation)
    let slot = 0
    const view = (arr: Float32Array, i: number): Float32Array =>
      arr.subarray(this.offsets[i], this.offsets[i]! + initial[i]!.values.length)
    if (spec.embedding) {
      this.emb = view(this.params, 0)
      this.embGrad = view(this.grads, 0)
      this.embAcc = new Float64Array(this.emb.length)
      slot = 1
    } else {
      this.emb = null
      this.embGrad = null
      this.embAcc = null
    }
    this.layers = linearShapes(spec).map(([fanIn, out], k) => {
      const wi = slot + 2 * k
      return {
        fanIn,
        out,
        w: view(this.params, wi),
        b: view(this.params, wi + 1),
        gw: view(this.grads, wi),
        gb: view(this.grads, wi + 1),
      }
    })
    this.ensureCapacity(INITIAL_ROWS)
  }

  getParameters(): ParamTensor[] {
    this.assertLive()
    return this.copyOut(this.params)
  }

  trainStep(batch: TrainBatch, rng: SeededRng): StepResult {
    this.assertLive()
    this.checkTrainBatch(batch)
    const masks = drawDropoutMasks(this.spec, batch.rows, rng)
    const result = this.computeGradients(batch, masks)
    this.clipGradients()
    this.adamUpdate()
    this.refreshWeightCopies()
    return result
  }

  /**
   * Training-mode forward with the given dropout masks (one rows × width array per hidden layer, or none),
   * mean cross-entropy and backward; returns the loss, the correct count and a copy of every parameter's
   * gradient in layout order. Parameters and optimiser state are left untouched.
   */
  lossAndGradients(batch: TrainBatch, masks: readonly Float32Array[]): StepResult & { grads: ParamTensor[] } {
    this.assertLive()
    this.checkTrainBatch(batch)
    const widths = this.spec.hiddenLayers
    if (
      masks.length !== 0 &&
      (masks.length !== widths.length || masks.some((m, k) => m.length < batch.rows * widths[k]!))
    ) {
      throw new RangeError(`cpu-fused: expected no masks or one rows × width mask per hidden layer`)
    }
    const result = this.computeGradients(batch, masks)
    return { ...result, grads: this.copyOut(this.grads) }
  }

  predictLogits(x: Float32Array, rows: number, symbols: Int32Array | null): Float32Array {
    this.assertLive()
    assertBatchInputs('cpu-fused', this.spec, x, rows, symbols)
    const out = this.spec.outputSize
    const width = this.spec.inputSize
    const logits = new Float32Array(rows * out)
    this.ensureCapacity(Math.min(rows, PREDICT_CHUNK_ROWS))
    // rows are independent, so chunking changes no bit of the result and bounds the buffers' memory
    for (let start = 0; start < rows; start += PREDICT_CHUNK_ROWS) {
      const n = Math.min(PREDICT_CHUNK_ROWS, rows - start)
      this.forward(x.subarray(start * width), n, symbols ? symbols.subarray(start) : null, [], false)
      logits.set(this.logits.subarray(0, n * out), start * out)
    }
    return logits
  }

  dispose(): void {
    this.disposed = true
    this.heap = new Float64Array(0)
    this.simd = null
    this.w64 = []
    this.wt64 = []
    this.input = []
    this.activ = []
    this.dz = []
    this.scratch = { off: 0, view: new Float64Array(0) }
    this.logits = new Float32Array(0)
    this.dlogits = new Float32Array(0)
    this.capacity = 0
  }

  private copyOut(flat: Float32Array): ParamTensor[] {
    return this.names.map(({ name, shape }, i) => {
      const start = this.offsets[i]!
      const size = shape.reduce((a, b) => a * b, 1)
      return { name, shape, values: flat.slice(start, start + size) }
    })
  }

  private checkTrainBatch(batch: TrainBatch): void {
    assertBatchInputs('cpu-fused', this.spec, batch.x, batch.rows, batch.symbols)
    assertLabels('cpu-fused', this.spec, batch.y, batch.rows)
  }

  private computeGradients(batch: TrainBatch, masks: readonly Float32Array[]): StepResult {
    const { rows } = batch
    const outSize = this.spec.outputSize
    this.ensureCapacity(rows)
    this.forward(batch.x, rows, batch.symbols, masks, true)
    const last = this.layers.length - 1
    const dlogits = this.dlogits
    const result = crossEntropy(this.logits, batch.y, rows, outSize, dlogits)
    const dz = this.dz[last]!.view
    for (let i = 0; i < rows * outSize; i++) dz[i] = dlogits[i]!
    this.backward(rows, batch.symbols, masks)
    return result
  }

  private assertLive(): void {
    if (this.disposed) throw new Error('cpu-fused: model used after dispose()')
  }

  /**
   * Grows the per-row buffers to hold `rows` rows (never shrinks, so steady-state steps allocate nothing):
   * lays every buffer out in a fresh WebAssembly memory, binds the SIMD kernel to it and refills the weights.
   */
  private ensureCapacity(rows: number): void {
    if (rows <= this.capacity) return
    const sizes: number[] = []
    for (const l of this.layers)
      sizes.push(l.fanIn * l.out, l.fanIn * l.out, rows * l.fanIn, rows * l.out, rows * l.out)
    const widest = Math.max(...this.layers.map((l) => Math.max(rows * Math.max(l.fanIn, l.out), l.fanIn * l.out)))
    sizes.push(widest)
    // every buffer starts on a 16-byte boundary
    const total = sizes.reduce((sum, n) => sum + n + (n & 1), 0)
    const { heap, kernel } = createSimdHeap(total)
    let next = 0
    const take = (n: number): HeapBuffer => {
      const buffer = { off: next, view: heap.subarray(next, next + n) }
      next += n + (n & 1)
      return buffer
    }
    this.w64 = []
    this.wt64 = []
    this.input = []
    this.activ = []
    this.dz = []
    for (const l of this.layers) {
      this.w64.push(take(l.fanIn * l.out))
      this.wt64.push(take(l.fanIn * l.out))
      this.input.push(take(rows * l.fanIn))
      this.activ.push(take(rows * l.out))
      this.dz.push(take(rows * l.out))
    }
    this.scratch = take(widest)
    this.heap = heap
    this.simd = kernel
    this.logits = new Float32Array(rows * this.spec.outputSize)
    this.dlogits = new Float32Array(rows * this.spec.outputSize)
    this.capacity = rows
    this.refreshWeightCopies()
  }

  /**
   * `scratch[i·n + j] = Σₚ heap[aOff + i·aRow + p·aStep] · heap[bOff + j + p·bStep]` (element offsets): the
   * SIMD kernel takes the 2 × 4 blocks, the scalar kernel the edge rows and columns (bitwise the same sums).
   */
  private product(
    aOff: number,
    aRow: number,
    aStep: number,
    bOff: number,
    bStep: number,
    m: number,
    n: number,
    k: number,
  ): void {
    const heap = this.heap
    const cOff = this.scratch.off
    const blockRows = this.simd !== null && n >= 4 ? m & ~1 : 0
    const blockCols = blockRows > 0 ? n & ~3 : 0
    if (blockRows > 0)
      this.simd!(aOff * 8, aRow * 8, aStep * 8, bOff * 8, bStep * 8, cOff * 8, n * 8, blockRows, blockCols, k)
    if (blockCols < n && blockRows > 0) {
      gemm(
        heap,
        aOff,
        aRow,
        aStep,
        heap,
        bOff + blockCols,
        1,
        bStep,
        heap,
        cOff + blockCols,
        n,
        blockRows,
        n - blockCols,
        k,
      )
    }
    if (blockRows < m) {
      gemm(
        heap,
        aOff + blockRows * aRow,
        aRow,
        aStep,
        heap,
        bOff,
        1,
        bStep,
        heap,
        cOff + blockRows * n,
        n,
        m - blockRows,
        n,
        k,
      )
    }
  }

  private forward(
    x: Float32Array,
    rows: number,
    symbols: Int32Array | null,
    masks: readonly Float32Array[],
    training: boolean,
  ): void {
    const features = this.spec.inputSize
    const width0 = this.layers[0]!.fanIn
    const in0 = this.input[0]!.view
    const emb = this.emb
    const dim = this.spec.embedding ? this.spec.embedding.dim : 0
    for (let r = 0; r < rows; r++) {
      const dst = r * width0
      const src = r * features
      for (let i = 0; i < features; i++) in0[dst + i] = x[src + i]!
      if (emb !== null) {
        const e = (symbols ? symbols[r]! : 0) * dim
        for (let j = 0; j < dim; j++) in0[dst + features + j] = emb[e + j]!
      }
    }
    const last = this.layers.length - 1
    const code = this.act
    const c = this.scratch.view
    for (let k = 0; k <= last; k++) {
      const { fanIn, out, b } = this.layers[k]!
      this.product(this.input[k]!.off, fanIn, 1, this.wt64[k]!.off, out, rows, out, fanIn)
      if (k === last) {
        const logits = this.logits
        for (let r = 0; r < rows; r++) {
          for (let o = 0; o < out; o++) logits[r * out + o] = c[r * out + o]! + b[o]!
        }
        continue
      }
      const mask = training && masks.length > 0 ? masks[k]! : null
      activateLayer(code, c, b, rows, out, this.activ[k]!.view, mask, this.input[k + 1]!.view)
    }
  }

  private backward(rows: number, symbols: Int32Array | null, masks: readonly Float32Array[]): void {
    const code = this.act
    const c = this.scratch.view
    for (let k = this.layers.length - 1; k >= 0; k--) {
      const { fanIn, out, gw, gb } = this.layers[k]!
      const dzOff = this.dz[k]!.off
      const dz = this.dz[k]!.view
      const w64 = this.w64[k]!.off
      this.product(dzOff, 1, out, this.input[k]!.off, fanIn, out, fanIn, rows)
      for (let i = 0; i < out * fanIn; i++) gw[i] = c[i]!
      for (let o = 0; o < out; o++) {
        let s = 0
        for (let r = 0; r < rows; r++) s += dz[r * out + o]!
        gb[o] = s
      }
      if (k > 0) {
        this.product(dzOff, out, 1, w64, fanIn, rows, fanIn, out)
        const mask = masks.length > 0 ? masks[k - 1]! : null
        backpropActivation(code, c, rows * fanIn, this.activ[k - 1]!.view, mask, this.dz[k - 1]!.view)
      } else if (this.embAcc && this.embGrad && this.spec.embedding) {
        const acc = this.embAcc
        const dim = this.spec.embedding.dim
        this.product(dzOff, out, 1, w64 + this.spec.inputSize, fanIn, rows, dim, out)
        acc.fill(0)
        for (let r = 0; r < rows; r++) {
          const base = (symbols ? symbols[r]! : 0) * dim
          for (let j = 0; j < dim; j++) acc[base + j] += Math.fround(c[r * dim + j]!)
        }
        this.embGrad.set(acc)
      }
    }
  }

  private clipGradients(): void {
    const max = this.optimizer.gradientClip
    if (!(max > 0)) return
    const g = this.grads
    let sq = 0
    for (let i = 0; i < g.length; i++) sq += g[i]! * g[i]!
    const coef = clipCoefficient(Math.sqrt(sq), max)
    if (coef === 1) return
    for (let i = 0; i < g.length; i++) g[i] = g[i]! * coef
  }

  private adamUpdate(): void {
    const { beta1, beta2, eps, weightDecay } = this.optimizer
    const { stepSize, sqrtBc2 } = adamScalars(this.optimizer, ++this.step)
    const c1 = 1 - beta1
    const c2 = 1 - beta2
    const p = this.params
    const g = this.grads
    const m = this.m
    const v = this.v
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

  private refreshWeightCopies(): void {
    this.layers.forEach(({ fanIn, out, w }, k) => {
      const w64 = this.w64[k]!.view
      const wt64 = this.wt64[k]!.view
      for (let o = 0; o < out; o++) {
        for (let i = 0; i < fanIn; i++) {
          const value = w[o * fanIn + i]!
          w64[o * fanIn + i] = value
          wt64[i * out + o] = value
        }
      }
    })
  }
}

/**
 * The fastest exact CPU runtime here: fused float64-accumulating loops on Float32Array buffers
 * (name `cpu-fused`). Same contract and stream consumption as the tfjs runtimes; weights agree with them to
 * float-rounding noise and are bitwise reproducible on their own.
 * @public
 */
export const fusedRuntime: TrainingRuntime = {
  name: 'cpu-fused',
  createModel(spec: MlpSpec, params: readonly ParamTensor[], optimizer: OptimizerConfig): FusedModel {
    return new FusedModel(spec, params, optimizer)
  },
}
