/**
 * The `cpu-fused` training runtime: the MLP forward, cross-entropy, backward, gradient clipping and the
 * optimiser step (docs/legacy-behaviour.md §6.1–§6.2, contract in `training-runtime.ts`) as WebAssembly
 * f32x4 SIMD kernels generated for the model's exact layer shapes and buffer offsets (`fused-plan.ts`), run in
 * the order of `fused-schedule.ts`, on worker threads for large batches (`fused-threads.ts`). Arithmetic is
 * IEEE float32 throughout (as in PyTorch) with every sum in a fixed order, so the same seed gives
 * bitwise-identical weights in any process, on any engine and CPU, and with any number of threads.
 *
 * JS keeps what needs the seeded stream's object or transcendental functions: the stream hand-over for the
 * dropout masks (drawn by a WebAssembly copy of the generator), the cross-entropy and its gradient
 * (`cross-entropy.ts`), and the activations other than ReLU (`fused-kernels.ts`).
 */
import { availableParallelism } from 'node:os'
import { assertBatchInputs, assertLabels } from './batch-checks.ts'
import { crossEntropy } from './cross-entropy.ts'
import { activateLayer, activationCode, backpropActivation } from './fused-kernels.ts'
import { clipGradients, optimizerCall } from './fused-optimizer.ts'
import { memoryPages, planFunctions, planModel, type FusedPlan } from './fused-plan.ts'
import { evaluationSchedule, trainingSchedule, type Stage } from './fused-schedule.ts'
import { kernelPool, runCalls, SplitTuner, type PoolModel } from './fused-threads.ts'
import { assertParameters, parameterLayout } from './model-layout.ts'
import type { SeededRng } from './rng.ts'
import {
  dropoutMaskRule,
  linearShapes,
  type MlpSpec,
  type OptimizerConfig,
  type ParamTensor,
  type RuntimeModel,
  type StepResult,
  type TrainBatch,
  type TrainingRuntime,
} from './training-runtime.ts'
import { assembleModule, instantiate, wasmApi as wasm } from './wasm-asm.ts'

/** Rows the buffers hold before the first batch asks for more. */
const INITIAL_ROWS = 32
/** Evaluation forwards run in chunks of at least this many rows (more when the buffers already hold more). */
const PREDICT_CHUNK_ROWS = 256
/**
 * A step is considered for a split between threads only from this many training FLOP on (about 30 µs of one
 * core): below it a hand-off costs more than the second core can save.
 */
const MIN_FLOP_PER_THREAD_SPLIT = 1e6

/** A compiled kernel module and the names of its functions, in export order. */
interface CompiledKernels {
  readonly module: object
  readonly names: readonly string[]
}

/** Compiled modules by plan, so that models of the same shape share one compilation. */
const moduleCache = new Map<string, CompiledKernels>()
const MODULE_CACHE_SIZE = 32

function compileKernels(key: string, plan: FusedPlan, optimizer: OptimizerConfig, shared: boolean): CompiledKernels {
  let compiled = moduleCache.get(key)
  if (compiled === undefined) {
    const functions = planFunctions(plan, optimizer)
    const bytes = assembleModule({ pages: memoryPages(plan), shared }, functions)
    compiled = { module: new wasm!.Module(bytes), names: functions.map((f) => f.name) }
    if (moduleCache.size >= MODULE_CACHE_SIZE) moduleCache.delete(moduleCache.keys().next().value!)
    moduleCache.set(key, compiled)
  }
  return compiled
}

/**
 * Why the fused runtime cannot run on this engine (no WebAssembly, or no 128-bit SIMD), or null when it can.
 */
export function fusedUnavailableReason(): string | null {
  if (!wasm) return 'this JavaScript engine has no WebAssembly'
  // (module (func (drop (f32x4.splat (f32.const 0)))))
  const probe = new Uint8Array([
    0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0, 10, 12, 1, 10, 0, 0x43, 0, 0, 0, 0, 0xfd, 0x13,
    0x1a, 0x0b,
  ])
  return wasm.validate(probe) ? null : 'this JavaScript engine has no WebAssembly SIMD (f32x4)'
}

/**
 * How the fused kernels compute, for the device info: float32 f32x4 multiply then add, never a fused
 * multiply-add (WebAssembly SIMD has none, and relaxed SIMD's may or may not fuse depending on the engine and
 * CPU), so every engine gives the same bits; whether this engine offers relaxed SIMD is noted, not used.
 */
export function fusedKernelDescription(): string {
  // (module (func (drop (f32x4.relaxed_madd (v128.const 0) (v128.const 0) (v128.const 0)))))
  const zero = [0xfd, 0x0c, ...new Array<number>(16).fill(0)]
  const body = [0, ...zero, ...zero, ...zero, 0xfd, 0x85, 0x02, 0x1a, 0x0b]
  const relaxed = new Uint8Array([
    ...[0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0],
    ...[10, body.length + 2, 1, body.length, ...body],
  ])
  const available = wasm !== null && wasm.validate(relaxed) ? 'available but not used' : 'not available here'
  return `WebAssembly SIMD128, float32 f32x4 multiply then add (no fused multiply-add: the same bits on every engine; relaxed SIMD ${available})`
}

/** The model's memory, its kernels and float32 views of its buffers. */
interface Bound {
  readonly plan: FusedPlan
  readonly heap: Float32Array
  readonly params: Float32Array
  readonly grads: Float32Array
  readonly compiled: CompiledKernels
  readonly memory: object
  readonly functions: ReadonlyArray<(...args: number[]) => void>
  readonly index: (name: string) => number
  /** Registered with the worker pool on the first split step. */
  pool: PoolModel | null
  readonly schedules: Map<string, Stage[]>
}

/** Options of a {@link FusedModel}. */
export interface FusedModelOptions {
  /** Threads a large step may use; any count gives the same bits. @default 1 */
  readonly threads?: number
  /**
   * `auto`: a step of at least 1 MFLOP is split when that measured faster (`SplitTuner`); `always`: every step
   * with more than one thread is split (tests). @default 'auto'
   */
  readonly split?: 'auto' | 'always'
}

/**
 * A model on the fused runtime. Beyond the {@link RuntimeModel} contract it exposes
 * {@link FusedModel.lossAndGradients}, the forward + backward of one batch without an update.
 */
export class FusedModel implements RuntimeModel {
  private readonly layout: Array<{ name: string; shape: number[] }>
  private readonly act: number
  private readonly flopsPerRow: number
  private step = 0
  private learningRate: number
  private disposed = false
  private bound: Bound
  private logits = new Float32Array(0)
  private dlogits = new Float32Array(0)
  /** Rows, symbols and masking of the batch being computed (read by the JS stages). */
  private current = { rows: 0, symbols: null as Int32Array | null, masked: false }
  private lossResult: StepResult = { loss: 0, correct: 0 }
  private labels: Int32Array = new Int32Array(0)

  /** Threads a large step may use (this one and `threads − 1` shared workers). */
  readonly threads: number
  /** Split decisions of training steps and of evaluation forwards (null: always split). */
  private readonly tuners: { readonly train: SplitTuner; readonly eval: SplitTuner } | null

  constructor(
    readonly spec: MlpSpec,
    initial: readonly ParamTensor[],
    private readonly optimizer: OptimizerConfig,
    options: FusedModelOptions = {},
  ) {
    assertParameters('cpu-fused', spec, initial)
    const reason = fusedUnavailableReason()
    if (reason !== null) throw new Error(`cpu-fused: ${reason}`)
    this.threads = options.threads ?? 1
    this.tuners =
      (options.split ?? 'auto') === 'auto'
        ? { train: new SplitTuner(this.threads), eval: new SplitTuner(this.threads) }
        : null
    if (!(Number.isInteger(this.threads) && this.threads >= 1)) {
      throw new RangeError(`cpu-fused: threads must be an integer ≥ 1, got ${this.threads}`)
    }
    this.layout = parameterLayout(spec)
    this.learningRate = optimizer.learningRate
    this.act = activationCode(spec.activation)
    this.flopsPerRow = 6 * linearShapes(spec).reduce((sum, [fanIn, out]) => sum + fanIn * out, 0)
    this.bound = this.bind(INITIAL_ROWS, null)
    this.setParameters(initial)
  }

  getParameters(): ParamTensor[] {
    this.assertLive()
    return this.copyOut(this.bound.params)
  }

  trainStep(batch: TrainBatch, rng: SeededRng): StepResult {
    this.assertLive()
    this.checkTrainBatch(batch)
    const b = this.ensureCapacity(batch.rows)
    const masked = this.drawMasks(b, batch.rows, rng)
    this.loadInputs(b, batch.x, batch.rows, batch.symbols)
    this.current = { rows: batch.rows, symbols: batch.symbols, masked }
    this.labels = batch.y
    const update = optimizerCall(this.optimizer, this.learningRate, ++this.step)
    const parts = this.partsFor('train', batch.rows)
    const clip = this.optimizer.gradientClip > 0
    const stages = this.schedule(b, `train:${batch.rows}:${parts}`, () =>
      trainingSchedule(b.plan, b.index, batch.rows, parts, { clip, update: update.name }),
    )
    const started = performance.now()
    this.runStages(b, stages, update.args)
    this.tuners?.train.record(batch.rows, parts, performance.now() - started)
    return this.lossResult
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
    const dropout = this.spec.dropout > 0
    if (
      masks.length !== 0 &&
      (!dropout || masks.length !== widths.length || masks.some((m, k) => m.length < batch.rows * widths[k]!))
    ) {
      throw new RangeError(`cpu-fused: expected no masks, or (with dropout) one rows × width mask per hidden layer`)
    }
    const b = this.ensureCapacity(batch.rows)
    if (dropout) {
      b.plan.layers.slice(0, -1).forEach((l, k) => {
        const view = b.heap.subarray(l.mask! / 4, l.mask! / 4 + batch.rows * l.out)
        if (masks.length > 0) view.set(masks[k]!.subarray(0, view.length))
        else view.fill(1)
      })
    }
    this.loadInputs(b, batch.x, batch.rows, batch.symbols)
    this.current = { rows: batch.rows, symbols: batch.symbols, masked: dropout }
    this.labels = batch.y
    // the training schedule up to (not including) the parameter update
    const stages = trainingSchedule(b.plan, b.index, batch.rows, 1, {
      clip: true,
      update: optimizerCall(this.optimizer, this.learningRate, 1).name,
    })
    this.runStages(
      b,
      stages.slice(
        0,
        stages.findIndex((s) => s.kind === 'clip'),
      ),
      [],
    )
    return { ...this.lossResult, grads: this.copyOut(b.grads) }
  }

  setLearningRate(learningRate: number): void {
    this.assertLive()
    this.learningRate = learningRate
  }

  predictLogits(x: Float32Array, rows: number, symbols: Int32Array | null): Float32Array {
    this.assertLive()
    assertBatchInputs('cpu-fused', this.spec, x, rows, symbols)
    const out = this.spec.outputSize
    const width = this.spec.inputSize
    const logits = new Float32Array(rows * out)
    const b = this.ensureCapacity(Math.min(rows, Math.max(this.bound.plan.capacity, PREDICT_CHUNK_ROWS)))
    const chunk = b.plan.capacity
    // rows are independent, so chunking changes no bit of the result and bounds the buffers' memory
    for (let start = 0; start < rows; start += chunk) {
      const n = Math.min(chunk, rows - start)
      this.loadInputs(b, x.subarray(start * width), n, symbols ? symbols.subarray(start) : null)
      this.current = { rows: n, symbols: null, masked: false }
      const parts = this.partsFor('eval', n)
      const started = performance.now()
      this.runStages(
        b,
        this.schedule(b, `eval:${n}:${parts}`, () => evaluationSchedule(b.plan, b.index, n, parts)),
        [],
      )
      this.tuners?.eval.record(n, parts, performance.now() - started)
      this.readLogits(b, n, logits.subarray(start * out))
    }
    return logits
  }

  dispose(): void {
    this.disposed = true
    this.logits = new Float32Array(0)
    this.dlogits = new Float32Array(0)
    this.labels = new Int32Array(0)
  }

  /** Threads for a step of `rows` rows: this one for a small step, else as the tuner (or `split: 'always'`) says. */
  private partsFor(kind: 'train' | 'eval', rows: number): number {
    if (this.threads === 1) return 1
    if (this.tuners === null) return this.threads
    return rows * this.flopsPerRow >= MIN_FLOP_PER_THREAD_SPLIT ? this.tuners[kind].parts(rows) : 1
  }

  private schedule(b: Bound, key: string, build: () => Stage[]): Stage[] {
    let stages = b.schedules.get(key)
    if (stages === undefined) {
      stages = build()
      b.schedules.set(key, stages)
    }
    return stages
  }

  private runStages(b: Bound, stages: readonly Stage[], updateArgs: readonly number[]): void {
    for (const stage of stages) {
      switch (stage.kind) {
        case 'kernels':
          if (stage.parts.length === 1) runCalls(b.functions, stage.parts[0]!, updateArgs)
          else {
            b.pool ??= kernelPool(this.threads).register(b.compiled.module, b.memory, b.compiled.names, b.functions)
            kernelPool(this.threads).run(b.pool, stage.parts, updateArgs)
          }
          break
        case 'activate':
          this.activate(b, stage.layer)
          break
        case 'backprop':
          this.backprop(b, stage.layer)
          break
        case 'loss':
          this.loss(b)
          break
        case 'embedding':
          this.embeddingGradient(b)
          break
        case 'clip':
          clipGradients(b.grads, this.optimizer.gradientClip)
          break
      }
    }
  }

  /**
   * Lays the model out for `capacity` rows in a fresh memory with its kernels; copies the parameters and the
   * optimiser state over from `previous` (they sit at the same offsets in every plan of this model).
   */
  private bind(capacity: number, previous: Bound | null): Bound {
    const plan = planModel(this.spec, this.optimizer, capacity)
    const shared = this.threads > 1
    const key = JSON.stringify([this.spec, this.optimizer.kind, this.optimizer.weightDecay !== 0, capacity, shared])
    const compiled = compileKernels(key, plan, this.optimizer, shared)
    const pages = memoryPages(plan)
    const memory = new wasm!.Memory(shared ? { initial: pages, maximum: pages, shared } : { initial: pages })
    const exports = instantiate(compiled.module, memory)
    const functions = compiled.names.map((name) => exports[name]!)
    const heap = new Float32Array(memory.buffer)
    const floats = plan.paramLength
    const bound: Bound = {
      plan,
      heap,
      params: heap.subarray(plan.params / 4, plan.params / 4 + floats),
      grads: heap.subarray(plan.grads / 4, plan.grads / 4 + floats),
      compiled,
      memory,
      functions,
      index: (name) => compiled.names.indexOf(name),
      pool: null,
      schedules: new Map(),
    }
    if (previous !== null) {
      const end = Math.max(plan.params, ...plan.state) / 4 + floats
      heap.set(previous.heap.subarray(plan.params / 4, end), plan.params / 4)
      this.packWeights(bound)
    }
    this.logits = new Float32Array(capacity * this.spec.outputSize)
    this.dlogits = new Float32Array(capacity * this.spec.outputSize)
    return bound
  }

  /** The bound memory, regrown (never shrunk) to hold `rows` rows. */
  private ensureCapacity(rows: number): Bound {
    if (rows > this.bound.plan.capacity)
      this.bound = this.bind(Math.max(rows, 2 * this.bound.plan.capacity), this.bound)
    return this.bound
  }

  /** Writes PyTorch-layout tensors into the parameter region (and refreshes the W copies). */
  private setParameters(tensors: readonly ParamTensor[]): void {
    const b = this.bound
    const heap = b.heap
    let t = 0
    if (b.plan.embedding) heap.set(tensors[t++]!.values, b.plan.embedding.table / 4)
    for (const l of b.plan.layers) {
      const w = tensors[t++]!.values
      const bias = tensors[t++]!.values
      const wt = l.wt / 4
      for (let o = 0; o < l.out; o++) {
        for (let i = 0; i < l.fanIn; i++) heap[wt + i * l.outPad + o] = w[o * l.fanIn + i]!
      }
      heap.set(bias, l.bias / 4)
    }
    this.packWeights(b)
  }

  /** PyTorch-layout copies of a parameter-shaped region (`region` is the parameters or the gradients). */
  private copyOut(region: Float32Array): ParamTensor[] {
    const plan = this.bound.plan
    const base = region.byteOffset - plan.params
    const heap = this.bound.heap
    const values: Float32Array[] = []
    if (plan.embedding) {
      const at = (base + plan.embedding.table) / 4
      values.push(heap.slice(at, at + plan.embedding.numSymbols * plan.embedding.dim))
    }
    for (const l of plan.layers) {
      const wt = (base + l.wt) / 4
      const w = new Float32Array(l.out * l.fanIn)
      for (let o = 0; o < l.out; o++) {
        for (let i = 0; i < l.fanIn; i++) w[o * l.fanIn + i] = heap[wt + i * l.outPad + o]!
      }
      const bias = (base + l.bias) / 4
      values.push(w, heap.slice(bias, bias + l.out))
    }
    return this.layout.map(({ name, shape }, i) => ({ name, shape, values: values[i]! }))
  }

  /**
   * Draws the dropout masks of `rows` rows into the mask buffers with the WebAssembly copy of the generator:
   * the words and values `drawDropoutMasks` would give, layer after layer. Returns whether there are masks.
   */
  private drawMasks(b: Bound, rows: number, rng: SeededRng): boolean {
    if (!(this.spec.dropout > 0)) return false
    const { threshold, scale } = dropoutMaskRule(this.spec.dropout)
    const hidden = b.plan.layers.slice(0, -1)
    const count = rows * this.spec.hiddenLayers.reduce((sum, width) => sum + width, 0)
    const words = new Uint32Array(b.heap.buffer, b.plan.rngState, 4)
    const masks = b.functions[b.index('masks')]!
    const scaleBits = new Int32Array(Float32Array.of(scale).buffer)[0]!
    rng.drawExternally(count, (state) => {
      words.set(state)
      for (const l of hidden) masks(l.mask!, rows * l.out, threshold, scaleBits)
      state.set(words)
    })
    return true
  }

  private checkTrainBatch(batch: TrainBatch): void {
    assertBatchInputs('cpu-fused', this.spec, batch.x, batch.rows, batch.symbols)
    assertLabels('cpu-fused', this.spec, batch.y, batch.rows)
  }

  private assertLive(): void {
    if (this.disposed) throw new Error('cpu-fused: model used after dispose()')
  }

  /** JS stage: cross-entropy of the logits, its gradient into the last Linear's dz. */
  private loss(b: Bound): void {
    const { rows } = this.current
    const out = this.spec.outputSize
    this.readLogits(b, rows, this.logits)
    this.lossResult = crossEntropy(this.logits, this.labels, rows, out, this.dlogits)
    const last = b.plan.layers[b.plan.layers.length - 1]!
    const dz = last.dz / 4
    for (let r = 0; r < rows; r++) {
      for (let o = 0; o < out; o++) b.heap[dz + r * last.outPad + o] = this.dlogits[r * out + o]!
    }
  }

  /** Copies the first `rows` logits (row stride 4 in memory) into `into` (row stride 3). */
  private readLogits(b: Bound, rows: number, into: Float32Array): void {
    const out = this.spec.outputSize
    const at = b.plan.logits / 4
    const stride = b.plan.layers[b.plan.layers.length - 1]!.outPad
    for (let r = 0; r < rows; r++) {
      for (let o = 0; o < out; o++) into[r * out + o] = b.heap[at + r * stride + o]!
    }
  }

  /** Writes the first Linear's input rows: the features, then (with an embedding) the symbol's row. */
  private loadInputs(b: Bound, x: Float32Array, rows: number, symbols: Int32Array | null): void {
    const heap = b.heap
    const features = this.spec.inputSize
    const x0 = b.plan.layers[0]!.x / 4
    const e = b.plan.embedding
    if (e === null) {
      heap.set(x.subarray(0, rows * features), x0)
      return
    }
    const width = features + e.dim
    const table = e.table / 4
    for (let r = 0; r < rows; r++) {
      const dst = x0 + r * width
      for (let i = 0; i < features; i++) heap[dst + i] = x[r * features + i]!
      const row = table + (symbols ? symbols[r]! : 0) * e.dim
      heap.copyWithin(dst + features, row, row + e.dim)
    }
  }

  /** JS stage: the activation (and mask) of hidden Linear `k`, for activations the kernels do not fuse. */
  private activate(b: Bound, k: number): void {
    const l = b.plan.layers[k]!
    const next = b.plan.layers[k + 1]!
    const { rows, masked } = this.current
    activateLayer(
      this.act,
      rows,
      l.out,
      b.heap.subarray(l.f! / 4),
      l.outPad,
      masked && l.mask !== null ? b.heap.subarray(l.mask / 4) : null,
      b.heap.subarray(next.x / 4),
      next.xRow / 4,
    )
  }

  /** JS stage: the activation derivative (and mask) into the output gradient of hidden Linear `k`. */
  private backprop(b: Bound, k: number): void {
    const l = b.plan.layers[k]!
    const { rows, masked } = this.current
    backpropActivation(
      this.act,
      rows,
      l.out,
      b.heap.subarray(l.dz / 4),
      l.outPad,
      b.heap.subarray(l.f! / 4),
      masked && l.mask !== null ? b.heap.subarray(l.mask / 4) : null,
    )
  }

  /** JS stage: the embedding gradient, each row's input gradient added to its symbol's row in row order. */
  private embeddingGradient(b: Bound): void {
    const e = b.plan.embedding!
    const { rows, symbols } = this.current
    const heap = b.heap
    const grad = e.grad / 4
    heap.fill(0, grad, grad + e.numSymbols * e.dim)
    const width = e.col1 - e.col0
    const first = e.rowGrad / 4 + this.spec.inputSize - e.col0
    for (let r = 0; r < rows; r++) {
      const dst = grad + (symbols ? symbols[r]! : 0) * e.dim
      const src = first + r * width
      for (let j = 0; j < e.dim; j++) heap[dst + j] = heap[dst + j]! + heap[src + j]!
    }
  }

  /** Refreshes the row-major W copies from Wᵀ (after a new memory or new parameters). */
  private packWeights(b: Bound): void {
    b.plan.layers.forEach((l, k) => {
      if (l.w !== null) b.functions[b.index(`pack${k}`)]!(k === 0 ? b.plan.embedding!.col0 : 0, l.fanIn, 0)
    })
  }
}

/** Options of {@link createFusedRuntime}. @public */
export interface FusedRuntimeOptions {
  /** Threads a large step may use; any count gives the same bits. @default KTRDR_THREADS, else min(2, cores) */
  readonly threads?: number
}

/** Threads from `KTRDR_THREADS` when set, else the cores available (at most 2: past that, hand-offs cost more). */
export function defaultFusedThreads(env: Record<string, string | undefined> = process.env): number {
  const configured = env.KTRDR_THREADS?.trim()
  if (configured) {
    const threads = Number(configured)
    if (!(Number.isInteger(threads) && threads >= 1))
      throw new RangeError(`KTRDR_THREADS=${configured} is not a thread count ≥ 1`)
    return threads
  }
  return Math.max(1, Math.min(2, availableParallelism()))
}

/**
 * A `cpu-fused` runtime with its own thread count.
 * @public
 */
export function createFusedRuntime(options: FusedRuntimeOptions = {}): TrainingRuntime & { readonly threads: number } {
  let threads = options.threads
  return {
    name: 'cpu-fused',
    /** Resolved on first use, so that a bad `KTRDR_THREADS` fails the training, not the import. */
    get threads(): number {
      threads ??= defaultFusedThreads()
      return threads
    },
    createModel(spec: MlpSpec, params: readonly ParamTensor[], optimizer: OptimizerConfig): FusedModel {
      return new FusedModel(spec, params, optimizer, { threads: this.threads })
    },
  }
}

/**
 * The fastest exact CPU runtime here (name `cpu-fused`): generated WebAssembly SIMD kernels in float32, on up to
 * {@link defaultFusedThreads} threads. Same contract and stream consumption as the tfjs runtimes; weights agree
 * with them to float-rounding noise and are bitwise reproducible on their own.
 */
export const fusedRuntime = createFusedRuntime()
