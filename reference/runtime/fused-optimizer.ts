/**
 * The optimiser step of the fused runtime, behind one interface: the model keeps its parameters, gradients and
 * the optimiser's state as equal-length float32 regions of its WebAssembly memory (element i of each region
 * belongs to the same parameter), and an optimiser contributes (1) how many state regions it needs, (2) the
 * WebAssembly functions of its update, which run over any element range `[from, to)` so that worker threads
 * can split the parameters, and (3) the per-step scalars of those functions. Global-norm gradient clipping
 * (torch `clip_grad_norm_`) runs before the update and is shared by every optimiser.
 *
 * Adam (PyTorch semantics, docs/legacy-behaviour.md §6.2) runs in float32 f32x4 SIMD with torch's operation
 * order: g ← g + wd·p (only with weight decay), m ← m·β₁ + g·(1−β₁), v ← v·β₂ + (g·(1−β₂))·g,
 * p ← p + (−lr/bc₁)·(m / (√v / √bc₂ + ε)). Every operation is an IEEE-rounded float32 operation, so the
 * update is bitwise the same on every engine and CPU.
 */
import { adamScalars, clipCoefficient } from './optimizer-math.ts'
import type { OptimizerConfig } from './training-runtime.ts'
import { countedLoop, F32, I32, op, seq, V128, type WasmFunction } from './wasm-asm.ts'

/** Where the flat float32 regions live in the model's memory (byte offsets; lengths in elements, × 4). */
export interface OptimizerRegions {
  readonly params: number
  readonly grads: number
  /** One region per state slot (see {@link optimizerStateSlots}). */
  readonly state: readonly number[]
  readonly length: number
}

/** One call of an update function: its export name and the arguments after `(from, to)`. */
export interface OptimizerCall {
  readonly name: string
  readonly args: readonly number[]
}

/** Number of parameter-sized state regions the optimiser keeps (Adam: the two moments). */
export function optimizerStateSlots(config: OptimizerConfig): number {
  switch (config.kind) {
    case 'adam':
      return 2
  }
}

/** The WebAssembly functions of the update, to be assembled into the model's module. */
export function optimizerFunctions(config: OptimizerConfig, regions: OptimizerRegions): WasmFunction[] {
  switch (config.kind) {
    case 'adam':
      return [adamFunction(regions, config.weightDecay !== 0)]
  }
}

/** The update call of step `t` (1-based). */
export function optimizerCall(config: OptimizerConfig, t: number): OptimizerCall {
  switch (config.kind) {
    case 'adam': {
      const { stepSize, sqrtBc2 } = adamScalars(config, t)
      const { beta1, beta2, weightDecay, eps } = config
      return { name: 'adam', args: [beta1, 1 - beta1, beta2, 1 - beta2, weightDecay, -stepSize, sqrtBc2, eps] }
    }
  }
}

/**
 * Global-norm clipping in place: √Σg² in float64 over the region in element order, then every gradient
 * g ← fl(g · coef) when the norm exceeds `maxNorm` (a no-op when clipping is off or the norm is within it).
 */
export function clipGradients(grads: Float32Array, maxNorm: number): void {
  if (!(maxNorm > 0)) return
  let sq = 0
  for (let i = 0; i < grads.length; i++) sq += grads[i]! * grads[i]!
  const coef = clipCoefficient(Math.sqrt(sq), maxNorm)
  if (coef === 1) return
  for (let i = 0; i < grads.length; i++) grads[i] = grads[i]! * coef
}

/**
 * `adam(from, to, β₁, 1−β₁, β₂, 1−β₂, wd, −lr/bc₁, √bc₂, ε)` over elements `[from, to)` (multiples of 4).
 */
function adamFunction(regions: OptimizerRegions, weightDecay: boolean): WasmFunction {
  const [FROM, TO, B1, C1, B2, C2, WD, NEG_STEP, SQRT_BC2, EPS] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
  const I = 10
  const N = 11
  const COUNT = 12
  const [G, M, V, P] = [13, 14, 15, 16]
  const [sB1, sC1, sB2, sC2, sWD, sStep, sBc2, sEps] = [17, 18, 19, 20, 21, 22, 23, 24]
  const [m0, v0] = regions.state as [number, number]
  const splat = (from: number, to: number): number[] => seq(op.get(from), op.f32x4Splat, op.set(to))
  // the byte address of element i is 4·i; I walks bytes from 4·from, N counts the vectors
  const body = seq(
    splat(B1, sB1),
    splat(C1, sC1),
    splat(B2, sB2),
    splat(C2, sC2),
    splat(WD, sWD),
    splat(NEG_STEP, sStep),
    splat(SQRT_BC2, sBc2),
    splat(EPS, sEps),
    op.get(TO),
    op.get(FROM),
    op.i32Sub,
    op.i32(2),
    op.i32ShrS, // vectors = (to − from) / 4
    op.set(N),
    op.get(FROM),
    op.i32(4),
    op.i32Mul,
    op.set(I),
    countedLoop(
      COUNT,
      N,
      seq(
        op.get(I),
        op.v128Load(regions.grads),
        op.set(G),
        op.get(I),
        op.v128Load(regions.params),
        op.set(P),
        weightDecay ? seq(op.get(G), op.get(sWD), op.get(P), op.f32x4Mul, op.f32x4Add, op.set(G)) : [],
        // m = m·β₁ + g·(1−β₁)
        op.get(I),
        op.v128Load(m0),
        op.get(sB1),
        op.f32x4Mul,
        op.get(G),
        op.get(sC1),
        op.f32x4Mul,
        op.f32x4Add,
        op.set(M),
        // v = v·β₂ + (g·(1−β₂))·g
        op.get(I),
        op.v128Load(v0),
        op.get(sB2),
        op.f32x4Mul,
        op.get(G),
        op.get(sC2),
        op.f32x4Mul,
        op.get(G),
        op.f32x4Mul,
        op.f32x4Add,
        op.set(V),
        op.get(I),
        op.get(M),
        op.v128Store(m0),
        op.get(I),
        op.get(V),
        op.v128Store(v0),
        // p = p + (−step)·(m / (√v / √bc₂ + ε))
        op.get(I),
        op.get(P),
        op.get(sStep),
        op.get(M),
        op.get(V),
        op.f32x4Sqrt,
        op.get(sBc2),
        op.f32x4Div,
        op.get(sEps),
        op.f32x4Add,
        op.f32x4Div,
        op.f32x4Mul,
        op.f32x4Add,
        op.v128Store(regions.params),
        op.get(I),
        op.i32(16),
        op.i32Add,
        op.set(I),
      ),
    ),
  )
  return {
    name: 'adam',
    params: [I32, I32, F32, F32, F32, F32, F32, F32, F32, F32],
    locals: [I32, I32, I32, ...new Array<number>(12).fill(V128)],
    body,
  }
}
