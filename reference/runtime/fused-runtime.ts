/**
 * The `cpu-fused` training runtime: the MLP forward, cross-entropy, backward and optimiser step (fused-optimizer.ts)
 * written as plain loops over preallocated buffers (docs/legacy-behaviour.md §6.1–§6.2, contract in
 * `training-runtime.ts`). Sums and products run in float64 JS numbers and every stored value is rounded to
 * float32, in fixed loop orders, so the same seed gives bitwise-identical weights in any process.
 *
 * Layout of the work: weights stay [out, in] row-major (plus a float64 copy and a transposed float64 copy with
 * the bias as an extra row, both refreshed after each update) and activations / deltas rows × width. The
 * forward (X·Wᵀ + b), the weight and bias gradient (dZᵀ·[X 1]) and the input gradient (dZ·W) are one strided
 * matrix product: 2 × 4 blocks in the WebAssembly SIMD kernel of `fused-simd.ts`, anything left over in the
 * scalar kernel of `fused-kernels.ts`, with bitwise-identical sums. Every buffer is padded so that the products
 * of a step are whole blocks: row strides are multiples of 4 (zero padding), rows are computed in pairs (a
 * spare row's results are never read), and each Linear's input carries a column of ones after its features,
 * which folds the bias into the forward sum (added last, as `(Σ x·w) + b`) and makes the bias gradient the
 * sum `Σ dz · 1` in row order.
 */
import { assertBatchInputs, assertLabels } from './batch-checks.ts'
import { crossEntropy } from './cross-entropy.ts'
import { activateLayer, activationCode, backpropActivation, gemm } from './fused-kernels.ts'
import { FusedOptimizer } from './fused-optimizer.ts'
import { createSimdHeap, type SimdBlockKernel } from './fused-simd.ts'
import { assertParameters, parameterLayout } from './model-layout.ts'
import type { SeededRng } from './rng.ts'
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

/** Rows the buffers hold before the first batch asks for more. */
const INITIAL_ROWS = 32
/** Evaluation forwards run in chunks of this many rows, so a large evaluation set needs no huge buffers. */
const PREDICT_CHUNK_ROWS = 1024

/** `n` rounded up to a multiple of 4 (the SIMD kernel's column block). */
function up4(n: number): number {
  return (n + 3) & ~3
}

/** `n` rounded up to an even number (the SIMD kernel's row block). */
function up2(n: number): number {
  return (n + 1) & ~1
}

/** One Linear: its widths, padded row strides, and views into the flat float32 parameters and gradients. */
interface FusedLayer {
  readonly fanIn: number
  readonly out: number
  /** Row stride of the input: `fanIn` values, a 1 at column `fanIn`, zeros up to a multiple of 4. */
  readonly inRow: number
  /** Row stride of the output, activation and delta: `out` rounded up to a multiple of 4. */
  readonly outRow: number
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

const EMPTY: HeapBuffer = { off: 0, view: new Float64Array(0) }

/**
 * A model on the fused runtime. Beyond the {@link RuntimeModel} contract it exposes
 * {@link FusedModel.lossAndGradients}, the forward + backward of one batch without an update.
 *
 * Working buffers live in one WebAssembly memory (so the SIMD kernel of `fused-simd.ts` can read them) as
 * float64 holding float32-rounded values (every store goes through `Math.fround`), which is bitwise the same
 * arithmetic as float32 storage without a conversion on every load.
 */
export class FusedModel implements RuntimeModel {
  private readonly layers: FusedLayer[]
  private readonly names: Array<{ name: string; shape: number[] }>
  private readonly params: Float32Array
  private readonly grads: Float32Array
  private readonly optimizerState: FusedOptimizer
  private readonly offsets: number[]
  private readonly emb: Float32Array | null
  private readonly embGrad: Float32Array | null
  private readonly embAcc: Float64Array | null
  private readonly act: number
  private disposed = false
  private capacity = 0
  private heap: Float64Array = new Float64Array(0)
  private simd: SimdBlockKernel | null = null
  /** Each Linear's weight [out, inRow] as float64 (zero padding), refreshed after every update. */
  private w64: HeapBuffer[] = []
  /** Each Linear's [Wᵀ; b]: (fanIn + 1) × outRow as float64 (zero padding), refreshed after every update. */
  private wt64: HeapBuffer[] = []
  /** input[k]: rows × inRow of Linear k (input[0] = features ‖ embedding; input[k>0] = masked hidden output). */
  private input: HeapBuffer[] = []
  /** Output of each Linear (rows × outRow): X·Wᵀ + b, then, for a hidden one, its unmasked activation. */
  private activ: HeapBuffer[] = []
  private dz: HeapBuffer[] = []
  /** Output of the products that are copied out at once (weight gradients, embedding gradient). */
  private scratch: HeapBuffer = EMPTY
  private logits = new Float32Array(0)
  private dlogits = new Float32Array(0)
  /** The last step's dropout masks, refilled in place while the batch size stays the same. */
  private masks: Float32Array[] = []

  constructor(
    readonly spec: MlpSpec,
    initial: readonly ParamTensor[],
    optimizer: OptimizerConfig,
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
    this.optimizerState = new FusedOptimizer(optimizer, total)
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
        inRow: up4(fanIn + 1),
        outRow: up4(out),
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
    this.masks = drawDropoutMasks(this.spec, batch.rows, rng, this.masks)
    const result = this.computeGradients(batch, this.masks)
    this.optimizerState.step(this.params, this.grads)
    this.refreshWeightCopies()
    return result
  }

  setLearningRate(learningRate: number): void {
    this.assertLive()
    this.optimizerState.setLearningRate(learningRate)
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
      this.forward(x.subarray(start * width), n, symbols ? symbols.subarray(start) : null, [])
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
    this.scratch = EMPTY
    this.logits = new Float32Array(0)
    this.dlogits = new Float32Array(0)
    this.masks = []
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
    const out = this.spec.outputSize
    this.ensureCapacity(rows)
    this.forward(batch.x, rows, batch.symbols, masks)
    const dlogits = this.dlogits
    const result = crossEntropy(this.logits, batch.y, rows, out, dlogits)
    const outRow = this.layers[this.layers.length - 1]!.outRow
    const dz = this.dz[this.layers.length - 1]!.view
    for (let r = 0; r < rows; r++) {
      for (let o = 0; o < out; o++) dz[r * outRow + o] = dlogits[r * out + o]!
    }
    this.backward(rows, batch.symbols, masks)
    return result
  }

  private assertLive(): void {
    if (this.disposed) throw new Error('cpu-fused: model used after dispose()')
  }

  /**
   * Grows the per-row buffers to hold `rows` rows, rounded up to even (never shrinks, so steady-state steps
   * allocate nothing): lays every buffer out in a fresh WebAssembly memory, binds the SIMD kernel to it, sets
   * the inputs' columns of ones and refills the weight copies.
   */
  private ensureCapacity(rows: number): void {
    if (rows <= this.capacity) return
    const cap = up2(rows)
    const sizes: number[] = []
    let scratch = this.spec.embedding ? cap * this.spec.embedding.dim : 0
    for (const l of this.layers) {
      sizes.push(l.out * l.inRow, (l.fanIn + 1) * l.outRow, cap * l.inRow, cap * l.outRow, cap * l.outRow)
      scratch = Math.max(scratch, up2(l.out) * l.inRow)
    }
    sizes.push(scratch)
    // every buffer starts on a 16-byte boundary
    const total = sizes.reduce((sum, n) => sum + up2(n), 0)
    const { heap, kernel } = createSimdHeap(total)
    let next = 0
    const take = (n: number): HeapBuffer => {
      const buffer = { off: next, view: heap.subarray(next, next + n) }
      next += up2(n)
      return buffer
    }
    this.w64 = []
    this.wt64 = []
    this.input = []
    this.activ = []
    this.dz = []
    for (const l of this.layers) {
      this.w64.push(take(l.out * l.inRow))
      this.wt64.push(take((l.fanIn + 1) * l.outRow))
      const input = take(cap * l.inRow)
      for (let r = 0; r < cap; r++) input.view[r * l.inRow + l.fanIn] = 1
      this.input.push(input)
      this.activ.push(take(cap * l.outRow))
      this.dz.push(take(cap * l.outRow))
    }
    this.scratch = take(scratch)
    this.heap = heap
    this.simd = kernel
    this.logits = new Float32Array(cap * this.spec.outputSize)
    this.dlogits = new Float32Array(cap * this.spec.outputSize)
    this.capacity = cap
    this.refreshWeightCopies()
  }

  /**
   * `heap[cOff + i·cRow + j] = Σₚ heap[aOff + i·aRow + p·aStep] · heap[bOff + j + p·bStep]` (element offsets):
   * the SIMD kernel takes the 2 × 4 blocks, the scalar kernel any edge rows and columns (bitwise the same sums).
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
    cOff: number,
    cRow: number,
  ): void {
    const heap = this.heap
    const blockRows = this.simd !== null && n >= 4 ? m & ~1 : 0
    const blockCols = blockRows > 0 ? n & ~3 : 0
    if (blockRows > 0)
      this.simd!(aOff * 8, aRow * 8, aStep * 8, bOff * 8, bStep * 8, cOff * 8, cRow * 8, blockRows, blockCols, k)
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
        cRow,
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
        cOff + blockRows * cRow,
        cRow,
        m - blockRows,
        n,
        k,
      )
    }
  }

  /** Forward of `rows` rows (training mode when `masks` is not empty) into `activ` and `logits`. */
  private forward(x: Float32Array, rows: number, symbols: Int32Array | null, masks: readonly Float32Array[]): void {
    const features = this.spec.inputSize
    const row0 = this.layers[0]!.inRow
    const in0 = this.input[0]!.view
    const emb = this.emb
    const dim = this.spec.embedding ? this.spec.embedding.dim : 0
    for (let r = 0; r < rows; r++) {
      const dst = r * row0
      const src = r * features
      for (let i = 0; i < features; i++) in0[dst + i] = x[src + i]!
      if (emb !== null) {
        const e = (symbols ? symbols[r]! : 0) * dim
        for (let j = 0; j < dim; j++) in0[dst + features + j] = emb[e + j]!
      }
    }
    const last = this.layers.length - 1
    const pairs = up2(rows)
    for (let k = 0; k <= last; k++) {
      const { fanIn, out, inRow, outRow } = this.layers[k]!
      const z = this.activ[k]!
      this.product(this.input[k]!.off, inRow, 1, this.wt64[k]!.off, outRow, pairs, outRow, fanIn + 1, z.off, outRow)
      if (k < last) {
        const mask = masks.length > 0 ? masks[k]! : null
        activateLayer(this.act, rows, out, z.view, outRow, mask, this.input[k + 1]!.view, this.layers[k + 1]!.inRow)
      } else {
        const logits = this.logits
        const c = z.view
        for (let r = 0; r < rows; r++) {
          for (let o = 0; o < out; o++) logits[r * out + o] = c[r * outRow + o]!
        }
      }
    }
  }

  private backward(rows: number, symbols: Int32Array | null, masks: readonly Float32Array[]): void {
    const s = this.scratch
    const pairs = up2(rows)
    for (let k = this.layers.length - 1; k >= 0; k--) {
      const { fanIn, out, inRow, outRow, gw, gb } = this.layers[k]!
      const dz = this.dz[k]!.off
      // [gW gb] = dZᵀ · [X 1]
      this.product(dz, 1, outRow, this.input[k]!.off, inRow, up2(out), inRow, rows, s.off, inRow)
      const g = s.view
      for (let o = 0; o < out; o++) {
        for (let i = 0; i < fanIn; i++) gw[o * fanIn + i] = g[o * inRow + i]!
        gb[o] = g[o * inRow + fanIn]!
      }
      if (k > 0) {
        const prev = this.layers[k - 1]!
        const dPrev = this.dz[k - 1]!
        this.product(dz, outRow, 1, this.w64[k]!.off, inRow, pairs, prev.outRow, out, dPrev.off, prev.outRow)
        const mask = masks.length > 0 ? masks[k - 1]! : null
        backpropActivation(this.act, rows, prev.out, dPrev.view, prev.outRow, this.activ[k - 1]!.view, mask)
      } else if (this.embAcc && this.embGrad && this.spec.embedding) {
        const acc = this.embAcc
        const dim = this.spec.embedding.dim
        this.product(dz, outRow, 1, this.w64[k]!.off + this.spec.inputSize, inRow, rows, dim, out, s.off, dim)
        acc.fill(0)
        for (let r = 0; r < rows; r++) {
          const base = (symbols ? symbols[r]! : 0) * dim
          for (let j = 0; j < dim; j++) acc[base + j] += Math.fround(g[r * dim + j]!)
        }
        this.embGrad.set(acc)
      }
    }
  }

  /** Fills the float64 weight copies from the parameters (after each update and each new buffer layout). */
  private refreshWeightCopies(): void {
    this.layers.forEach(({ fanIn, out, inRow, outRow, w, b }, k) => {
      const w64 = this.w64[k]!.view
      const wt64 = this.wt64[k]!.view
      for (let o = 0; o < out; o++) {
        for (let i = 0; i < fanIn; i++) {
          const value = w[o * fanIn + i]!
          w64[o * inRow + i] = value
          wt64[i * outRow + o] = value
        }
        wt64[fanIn * outRow + o] = b[o]!
      }
    })
  }
}

/**
 * The fastest exact CPU runtime here: fused float64-accumulating loops on Float32Array buffers
 * (name `cpu-fused`). Same contract and stream consumption as the tfjs runtimes; weights agree with them to
 * float-rounding noise and are bitwise reproducible on their own.
 */
export const fusedRuntime: TrainingRuntime = {
  name: 'cpu-fused',
  createModel(spec: MlpSpec, params: readonly ParamTensor[], optimizer: OptimizerConfig): FusedModel {
    return new FusedModel(spec, params, optimizer)
  },
}
