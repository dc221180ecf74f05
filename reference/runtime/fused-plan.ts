/**
 * Memory plan and kernel module of one fused model: where every float32 buffer lives in the model's
 * WebAssembly memory (byte offsets, fixed for a given spec, optimiser and row capacity), and the WebAssembly
 * functions generated for exactly those offsets and layer shapes (`fused-gemm.ts`, `fused-optimizer.ts`).
 *
 * Layout. The parameters are one flat region (then the gradients, then the optimiser's state, each laid out
 * alike) in the order the kernels want: the embedding table (numSymbols × dim), then per Linear its transposed
 * weight Wᵀ [fanIn × outPad] and its bias [outPad], with outPad = out rounded up to 4 and zeros in the padding
 * (whose gradients are exactly zero, so the update keeps them zero). Per Linear k the activations are: its
 * input x (rows × fanIn for the first Linear, whose row is features then the symbol's embedding row; rows ×
 * outPad of the previous Linear otherwise), for a hidden Linear the activation output f (when the backward
 * cannot read it from the next input: with dropout, or an activation computed in JS), the dropout mask
 * (rows × out, as `drawDropoutMasks` writes it), the output gradient dz (rows × outPad), and a row-major copy W
 * [out × fanInPad] that the input gradient reads (refreshed after each update by the `pack` kernel).
 *
 * Kernels, each `f(a, b, k)` over a range `[a, b)`:
 * - `fwd<k>` / `eval<k>`: rows of x·Wᵀ + b, then (ReLU) the activation and mask, storing f and the next input;
 * - `bwd<k>`: rows of the input gradient dz·W, then (ReLU) the derivative and mask, storing the previous dz;
 *   for the first Linear only the embedding columns (the embedding gradient per row);
 * - `grad<k>`: rows i of the weight gradient Wᵀ(i, ·) = Σ_{m<k} x(m, i) · dz(m, ·) (k = batch rows);
 *   `bsum<k>`: the bias gradient Σ_{m<k} dz(m, ·);
 * - `pack<k>`: rows i of Wᵀ copied into column i of W;
 * - `masks(dst, count, threshold, scale)`: `count` dropout-mask values from the seeded stream (see
 *   {@link maskFunction});
 * - the optimiser's update over elements `[a, b)` of the parameter regions.
 */
import { columnSumFunction, gemmFunction, type Epilogue, type GemmSpec, type Strided } from './fused-gemm.ts'
import { optimizerFunctions, optimizerStateSlots } from './fused-optimizer.ts'
import { linearShapes, type MlpSpec, type OptimizerConfig } from './training-runtime.ts'
import { assembleModule, countedLoop, I32, op, seq, setScaled, V128, type Code, type WasmFunction } from './wasm-asm.ts'

/** `n` rounded up to a multiple of 4. */
export function up4(n: number): number {
  return (n + 3) & ~3
}

/** Buffers of one Linear (byte offsets; `*Row` are row strides in bytes). */
export interface LayerPlan {
  readonly fanIn: number
  readonly out: number
  readonly outPad: number
  readonly fanInPad: number
  readonly wt: number
  readonly bias: number
  readonly gradWt: number
  readonly gradBias: number
  /** Row-major W [out × fanInPad] for the input gradient; null when no input gradient is needed. */
  readonly w: number | null
  readonly x: number
  readonly xRow: number
  /** Hidden Linear: activation output f (or z before a JS activation); null when f is the next input. */
  readonly f: number | null
  readonly mask: number | null
  readonly dz: number
  readonly outRow: number
}

/** The embedding's buffers: its table and gradient, and the per-row gradient of its input columns. */
export interface EmbeddingPlan {
  readonly numSymbols: number
  readonly dim: number
  readonly table: number
  readonly grad: number
  /** Per-row gradient of input columns `[col0, col1)` of the first Linear (rows × (col1 − col0)). */
  readonly rowGrad: number
  readonly col0: number
  readonly col1: number
}

/** The whole memory plan. */
export interface FusedPlan {
  readonly capacity: number
  /** ReLU: activation fused into the kernels; otherwise computed in JS between kernels. */
  readonly fusedActivation: boolean
  readonly layers: readonly LayerPlan[]
  readonly embedding: EmbeddingPlan | null
  /** The flat parameter, gradient and optimiser-state regions (byte offsets), `paramLength` floats each. */
  readonly params: number
  readonly grads: number
  readonly state: readonly number[]
  readonly paramLength: number
  /** Output of the last Linear: rows × 4 floats (3 logits and a zero). */
  readonly logits: number
  /** The four state words of the seeded generator while the mask kernel runs. */
  readonly rngState: number
  readonly bytes: number
}

const ALIGN = 64

/** Lays out the buffers of a model for batches of up to `capacity` rows. */
export function planModel(spec: MlpSpec, optimizer: OptimizerConfig, capacity: number): FusedPlan {
  let next = ALIGN // offset 0 stays unused
  const alloc = (floats: number): number => {
    const at = next
    next += Math.ceil((floats * 4) / ALIGN) * ALIGN
    return at
  }
  const shapes = linearShapes(spec)
  const dropout = spec.dropout > 0
  const fusedActivation = spec.activation === 'relu'
  const last = shapes.length - 1
  // the flat parameter layout (element offsets), then the regions
  let paramLength = 0
  const embFloats = spec.embedding ? up4(spec.embedding.numSymbols * spec.embedding.dim) : 0
  paramLength += embFloats
  const paramAt = shapes.map(([fanIn, out]) => {
    const wt = paramLength
    paramLength += fanIn * up4(out)
    const bias = paramLength
    paramLength += up4(out)
    return { wt, bias }
  })
  const rngState = alloc(4)
  const params = alloc(paramLength)
  const grads = alloc(paramLength)
  const state = Array.from({ length: optimizerStateSlots(optimizer) }, () => alloc(paramLength))
  const x0 = alloc(capacity * shapes[0]![0] + 4)
  const layers: LayerPlan[] = []
  let x = x0
  let xRow = shapes[0]![0] * 4
  shapes.forEach(([fanIn, out], k) => {
    const outPad = up4(out)
    const hidden = k < last
    const needsW = k > 0 || spec.embedding !== null
    const w = needsW ? alloc(out * up4(fanIn)) : null
    const f = hidden && (dropout || !fusedActivation) ? alloc(capacity * outPad) : null
    const mask = hidden && dropout ? alloc(capacity * out + 4) : null
    const dz = alloc(capacity * outPad)
    const output = alloc(capacity * outPad)
    layers.push({
      fanIn,
      out,
      outPad,
      fanInPad: up4(fanIn),
      wt: params + 4 * paramAt[k]!.wt,
      bias: params + 4 * paramAt[k]!.bias,
      gradWt: grads + 4 * paramAt[k]!.wt,
      gradBias: grads + 4 * paramAt[k]!.bias,
      w,
      x,
      xRow,
      f,
      mask,
      dz,
      outRow: outPad * 4,
    })
    x = output
    xRow = outPad * 4
  })
  let embedding: EmbeddingPlan | null = null
  if (spec.embedding) {
    const col0 = spec.inputSize & ~3
    const col1 = up4(shapes[0]![0])
    embedding = {
      numSymbols: spec.embedding.numSymbols,
      dim: spec.embedding.dim,
      table: params,
      grad: grads,
      rowGrad: alloc(capacity * (col1 - col0)),
      col0,
      col1,
    }
  }
  return {
    capacity,
    fusedActivation,
    layers,
    embedding,
    params,
    grads,
    state,
    paramLength,
    logits: x,
    rngState,
    bytes: next,
  }
}

/** Register block of a product with `cols` output columns. */
function blockFor(cols: number): GemmSpec['block'] {
  return cols <= 4 ? { rows: 8, vectors: 1 } : { rows: 4, vectors: 2 }
}

const strided = (base: number, row: number): Strided => ({ base, row })

/** Forward of Linear k (`train`: with dropout masks, storing f for the backward). */
function forwardFunction(plan: FusedPlan, k: number, train: boolean): WasmFunction {
  const l = plan.layers[k]!
  const hidden = k < plan.layers.length - 1
  const nextX = hidden ? plan.layers[k + 1]!.x : plan.logits
  let epilogue: Epilogue
  if (!hidden) {
    epilogue = { kind: 'bias', bias: l.bias }
  } else if (!plan.fusedActivation) {
    epilogue = { kind: 'bias', bias: l.bias }
  } else {
    epilogue = {
      kind: 'bias-relu',
      bias: l.bias,
      activ: train && l.f !== null ? strided(l.f, l.outRow) : null,
      next: strided(nextX, l.outRow),
      mask: train && l.mask !== null ? strided(l.mask, 4 * l.out) : null,
    }
  }
  // a JS activation reads z from f (or, without f, from the next input it then overwrites)
  const c = hidden && !plan.fusedActivation ? strided(l.f!, l.outRow) : strided(nextX, l.outRow)
  const gemm = gemmFunction({
    a: { base: l.x, row: l.xRow, step: 4 },
    b: strided(l.wt, l.outRow),
    c,
    cols: [0, l.outPad],
    k: l.fanIn,
    epilogue,
    block: blockFor(l.outPad),
  })
  return { name: `${train ? 'fwd' : 'eval'}${k}`, ...gemm }
}

/** Input gradient of Linear k: the previous dz (k > 0) or the embedding columns' row gradient (k = 0). */
function backwardFunction(plan: FusedPlan, k: number): WasmFunction {
  const l = plan.layers[k]!
  let c: Strided
  let cols: [number, number]
  let epilogue: Epilogue = { kind: 'store' }
  if (k === 0) {
    const e = plan.embedding!
    const width = 4 * (e.col1 - e.col0)
    c = strided(e.rowGrad - 4 * e.col0, width)
    cols = [e.col0, e.col1]
  } else {
    const prev = plan.layers[k - 1]!
    c = strided(prev.dz, prev.outRow)
    cols = [0, l.fanInPad]
    if (plan.fusedActivation) {
      const activ = prev.f === null ? strided(l.x, l.xRow) : strided(prev.f, prev.outRow)
      epilogue = { kind: 'relu-back', activ, mask: prev.mask === null ? null : strided(prev.mask, 4 * prev.out) }
    }
  }
  const gemm = gemmFunction({
    a: { base: l.dz, row: l.outRow, step: 4 },
    b: strided(l.w!, 4 * l.fanInPad),
    c,
    cols,
    k: l.out,
    epilogue,
    block: blockFor(cols[1] - cols[0]),
  })
  return { name: `bwd${k}`, ...gemm }
}

/** Weight gradient rows `[a, b)` of Linear k over the first `k` batch rows. */
function gradientFunction(plan: FusedPlan, k: number): WasmFunction {
  const l = plan.layers[k]!
  const gemm = gemmFunction({
    a: { base: l.x, row: 4, step: l.xRow },
    b: strided(l.dz, l.outRow),
    c: strided(l.gradWt, l.outRow),
    cols: [0, l.outPad],
    k: 'param',
    epilogue: { kind: 'store' },
    block: blockFor(l.outPad),
  })
  return { name: `grad${k}`, ...gemm }
}

/**
 * `pack<k>(a, b, ·)`: W(o, i) = Wᵀ(i, o) for a ≤ i < b and every o < out: blocks of 4 rows i by 4 × 4
 * transposes (shuffles), the remaining rows by lane stores; W's padding is never written.
 */
function packFunction(plan: FusedPlan, k: number): WasmFunction {
  const l = plan.layers[k]!
  const [I0, I1] = [0, 1]
  const [SRC, DST, N] = [3, 4, 5]
  const R = 6 // four rows, then four half-transposed vectors
  const T = R + 4
  const column = 4 * l.fanInPad
  const advance = (rows: number): Code =>
    seq(
      op.get(SRC),
      op.i32(rows * l.outRow),
      op.i32Add,
      op.set(SRC),
      op.get(DST),
      op.i32(4 * rows),
      op.i32Add,
      op.set(DST),
      op.get(N),
      op.i32(rows),
      op.i32Sub,
      op.set(N),
    )
  const blockOfFour: Code = []
  const single: Code = []
  for (let v = 0; v < l.outPad / 4; v++) {
    const lanes = Math.min(4, l.out - 4 * v)
    for (let r = 0; r < 4; r++)
      blockOfFour.push(...op.get(SRC), ...op.v128Load(16 * v + r * l.outRow), ...op.set(R + r))
    const pair = (x: number, y: number, lanesOf: readonly [number, number, number, number], into: number): Code =>
      seq(op.get(x), op.get(y), op.shuffle32(lanesOf), op.set(into))
    blockOfFour.push(
      ...pair(R, R + 1, [0, 4, 1, 5], T),
      ...pair(R, R + 1, [2, 6, 3, 7], T + 1),
      ...pair(R + 2, R + 3, [0, 4, 1, 5], T + 2),
      ...pair(R + 2, R + 3, [2, 6, 3, 7], T + 3),
    )
    const columns: Array<[number, number, readonly [number, number, number, number]]> = [
      [T, T + 2, [0, 1, 4, 5]],
      [T, T + 2, [2, 3, 6, 7]],
      [T + 1, T + 3, [0, 1, 4, 5]],
      [T + 1, T + 3, [2, 3, 6, 7]],
    ]
    for (let lane = 0; lane < lanes; lane++) {
      const [x, y, pick] = columns[lane]!
      blockOfFour.push(...op.get(DST), ...op.get(x), ...op.get(y), ...op.shuffle32(pick))
      blockOfFour.push(...op.v128Store((4 * v + lane) * column))
    }
    single.push(...op.get(SRC), ...op.v128Load(16 * v), ...op.set(R))
    for (let lane = 0; lane < lanes; lane++) {
      single.push(...op.get(DST), ...op.get(R), ...op.store32Lane((4 * v + lane) * column, lane))
    }
  }
  const whileAtLeast = (rows: number, body: Code): Code =>
    seq(
      op.block,
      op.loop,
      op.get(N),
      op.i32(rows),
      op.i32LtS,
      op.brIf(1),
      body,
      advance(rows),
      op.br(0),
      op.end,
      op.end,
    )
  const body = seq(
    // SRC = wt + a·outRow; DST = w + 4a; N = b − a
    setScaled(SRC, I0, l.outRow, l.wt),
    setScaled(DST, I0, 4, l.w!),
    op.get(I1),
    op.get(I0),
    op.i32Sub,
    op.set(N),
    whileAtLeast(4, blockOfFour),
    whileAtLeast(1, single),
  )
  return {
    name: `pack${k}`,
    params: [I32, I32, I32],
    locals: [I32, I32, I32, ...new Array<number>(8).fill(V128)],
    body,
  }
}

/**
 * `masks(dst, count, threshold, scale)`: draws `count` words with xoshiro128** from the state at `rngState`
 * (the algorithm of `SeededRng.fillUint32`, leaving the advanced state there) and stores, for each, the f32
 * `scale` (passed as its bit pattern) when the word is below `threshold` (unsigned) and 0 otherwise:
 * `drawDropoutMasks`'s rule.
 */
function maskFunction(plan: FusedPlan): WasmFunction {
  const [DST, COUNT, THRESHOLD, SCALE] = [0, 1, 2, 3]
  const [S0, S1, S2, S3, T, C] = [4, 5, 6, 7, 8, 9]
  const xor = (a: number, b: number): Code => seq(op.get(a), op.get(b), op.i32Xor, op.set(a))
  const state = plan.rngState
  const body = seq(
    ...[S0, S1, S2, S3].map((s, i) => seq(op.i32(0), op.i32Load(state + 4 * i), op.set(s))),
    countedLoop(
      C,
      COUNT,
      seq(
        // store the bits of scale & −(rotl(s1·5, 7)·9 <u threshold): no branch on the random word
        op.get(DST),
        op.i32(0),
        op.get(S1),
        op.i32(5),
        op.i32Mul,
        op.i32(7),
        op.i32Rotl,
        op.i32(9),
        op.i32Mul,
        op.get(THRESHOLD),
        op.i32LtU,
        op.i32Sub,
        op.get(SCALE),
        op.i32And,
        op.i32Store(0),
        op.get(S1),
        op.i32(9),
        op.i32Shl,
        op.set(T),
        xor(S2, S0),
        xor(S3, S1),
        xor(S1, S2),
        xor(S0, S3),
        xor(S2, T),
        op.get(S3),
        op.i32(11),
        op.i32Rotl,
        op.set(S3),
        op.get(DST),
        op.i32(4),
        op.i32Add,
        op.set(DST),
      ),
    ),
    ...[S0, S1, S2, S3].map((s, i) => seq(op.i32(0), op.get(s), op.i32Store(state + 4 * i))),
  )
  return { name: 'masks', params: [I32, I32, I32, I32], locals: new Array<number>(6).fill(I32), body }
}

/** Every kernel of the model, in a fixed order. */
export function planFunctions(plan: FusedPlan, optimizer: OptimizerConfig): WasmFunction[] {
  const fns: WasmFunction[] = []
  const last = plan.layers.length - 1
  plan.layers.forEach((l, k) => {
    fns.push(forwardFunction(plan, k, true))
    if (k < last && plan.fusedActivation && l.mask !== null) fns.push(forwardFunction(plan, k, false))
    if (l.w !== null) fns.push(backwardFunction(plan, k), packFunction(plan, k))
    fns.push(gradientFunction(plan, k))
    fns.push({ name: `bsum${k}`, ...columnSumFunction(strided(l.dz, l.outRow), l.gradBias, [0, l.outPad]) })
  })
  if (plan.layers.some((l) => l.mask !== null)) fns.push(maskFunction(plan))
  fns.push(
    ...optimizerFunctions(optimizer, {
      params: plan.params,
      grads: plan.grads,
      state: plan.state,
      length: plan.paramLength,
    }),
  )
  return fns
}

/** The module bytes of a plan, importing a memory of at least `plan.bytes` bytes. */
export function planModule(plan: FusedPlan, optimizer: OptimizerConfig, shared: boolean): Uint8Array {
  return assembleModule({ pages: memoryPages(plan), shared }, planFunctions(plan, optimizer))
}

/** 64 KiB pages the plan needs. */
export function memoryPages(plan: FusedPlan): number {
  return Math.ceil(plan.bytes / 65536)
}
