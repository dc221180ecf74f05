/**
 * The optimiser step of the fused runtime, behind one interface: the model keeps its parameters, gradients and
 * the optimiser's state as equal-length float32 regions of its WebAssembly memory (element i of each region
 * belongs to the same parameter), and an optimiser contributes (1) how many state regions it needs, (2) the
 * WebAssembly function of its update, which runs over any element range `[from, to)` so that worker threads
 * can split the parameters, and (3) the per-step scalars of that function (learning rate included, so a
 * scheduler changes it between steps). Global-norm gradient clipping (torch `clip_grad_norm_`) runs before the
 * update and is shared by every optimiser.
 *
 * The updates follow PyTorch 1.13's formulas and operation order (docs/legacy-behaviour.md §6.2; weight decay
 * added to the gradient as g ← g + wd·p, only when it is not 0), each operation an IEEE-rounded float32 f32x4
 * operation, so a step is bitwise the same on every engine and CPU:
 * - Adam: m ← m·β₁ + g·(1−β₁); v ← v·β₂ + (g·(1−β₂))·g; p ← p + (−lr/bc₁)·(m / (√v / √bc₂ + ε));
 * - SGD (dampening 0, no Nesterov): with momentum μ, buf ← g on the first step, else buf·μ + g, and g ← buf;
 *   p ← p + (−lr)·g;
 * - RMSprop (no momentum, not centred): s ← s·α + (g·(1−α))·g; p ← p + (−lr)·(g / (√s + ε)).
 */
import { adamScalars, clipCoefficient } from './optimizer-math.ts'
import type { OptimizerConfig } from './training-runtime.ts'
import { countedLoop, F32, I32, op, seq, setScaled, V128, type Code, type WasmFunction } from './wasm-asm.ts'

/** Where the flat float32 regions live in the model's memory (byte offsets; lengths in elements). */
export interface OptimizerRegions {
  readonly params: number
  readonly grads: number
  /** One region per state slot (see {@link optimizerStateSlots}). */
  readonly state: readonly number[]
  readonly length: number
}

/** One call of the update function: its export name and the arguments after `(from, to)`. */
export interface OptimizerCall {
  readonly name: string
  readonly args: readonly number[]
}

/** The update function's export name. */
const UPDATE = 'update'

/** Number of parameter-sized state regions the optimiser keeps (Adam: m and v; SGD: the momentum buffer). */
export function optimizerStateSlots(config: OptimizerConfig): number {
  switch (config.kind) {
    case 'adam':
      return 2
    case 'sgd':
      return config.momentum !== 0 ? 1 : 0
    case 'rmsprop':
      return 1
  }
}

/** The WebAssembly function of the update, to be assembled into the model's module. */
export function optimizerFunctions(config: OptimizerConfig, regions: OptimizerRegions): WasmFunction[] {
  return [updateFunction(config, regions)]
}

/** The update call of step `t` (1-based) at `learningRate`. */
export function optimizerCall(config: OptimizerConfig, learningRate: number, t: number): OptimizerCall {
  const { weightDecay } = config
  switch (config.kind) {
    case 'adam': {
      const { stepSize, sqrtBc2 } = adamScalars(config, learningRate, t)
      const { beta1, beta2, eps } = config
      return { name: UPDATE, args: [weightDecay, beta1, 1 - beta1, beta2, 1 - beta2, -stepSize, sqrtBc2, eps] }
    }
    case 'sgd':
      // the momentum of the first step is 0: buf·0 + g would not be g for an infinite buf, so it is a flag
      return { name: UPDATE, args: [weightDecay, -learningRate, config.momentum, t === 1 ? 1 : 0] }
    case 'rmsprop':
      return { name: UPDATE, args: [weightDecay, -learningRate, config.alpha, 1 - config.alpha, config.eps] }
  }
}

/**
 * Global-norm clipping in place: √Σg² in float64 over the region in element order, then every gradient
 * g ← fl(g · coef) with torch's coefficient (`clipCoefficient`); nothing when clipping is off.
 */
export function clipGradients(grads: Float32Array, maxNorm: number): void {
  if (!(maxNorm > 0)) return
  let sq = 0
  for (let i = 0; i < grads.length; i++) sq += grads[i]! * grads[i]!
  const coef = clipCoefficient(Math.sqrt(sq), maxNorm)
  if (coef === 1) return
  for (let i = 0; i < grads.length; i++) grads[i] = grads[i]! * coef
}

// locals of the update function after its parameters: byte address, vector count, counter, then vectors
const FROM = 0
const TO = 1

/**
 * `update(from, to, wd, …scalars)`: the optimiser's update over elements `[from, to)` (multiples of 4). The
 * scalars are f32 parameters (an SGD first-step flag is i32), splatted once into vector locals.
 */
function updateFunction(config: OptimizerConfig, regions: OptimizerRegions): WasmFunction {
  const scalarTypes = config.kind === 'adam' ? 8 : config.kind === 'sgd' ? 3 : 5
  const params = [I32, I32, ...new Array<number>(scalarTypes).fill(F32), ...(config.kind === 'sgd' ? [I32] : [])]
  const at = params.length
  const [ADDR, COUNT, C] = [at, at + 1, at + 2]
  const vectorBase = at + 3
  /** Vector local holding scalar parameter `i` (0 = wd) splatted. */
  const S = (i: number): number => vectorBase + i
  const [G, P, X, Y] = [
    vectorBase + scalarTypes,
    vectorBase + scalarTypes + 1,
    vectorBase + scalarTypes + 2,
    vectorBase + scalarTypes + 3,
  ]
  const splats = seq(...Array.from({ length: scalarTypes }, (_, i) => seq(op.get(2 + i), op.f32x4Splat, op.set(S(i)))))
  const load = (base: number, into: number): Code => seq(op.get(ADDR), op.v128Load(base), op.set(into))
  const store = (base: number, from: number): Code => seq(op.get(ADDR), op.get(from), op.v128Store(base))
  const mul = (a: number, b: number): Code => seq(op.get(a), op.get(b), op.f32x4Mul)
  /** x = x·decay + (g·complement)·g: the running average of squared gradients (Adam's v, RMSprop's s). */
  const squareAverage = (x: number, decay: number, complement: number): Code =>
    seq(mul(x, decay), mul(G, complement), op.get(G), op.f32x4Mul, op.f32x4Add, op.set(x))
  /** Stores p + scale·(numerator / denominator), the denominator computed by `denominator`. */
  const descend = (scale: number, numerator: number, denominator: Code): Code =>
    seq(
      op.get(ADDR),
      op.get(P),
      op.get(scale),
      op.get(numerator),
      denominator,
      op.f32x4Div,
      op.f32x4Mul,
      op.f32x4Add,
      op.v128Store(regions.params),
    )
  // g = grad, p = param, then g = g + wd·p when the optimiser has weight decay
  const prologue = seq(
    load(regions.grads, G),
    load(regions.params, P),
    config.weightDecay !== 0 ? seq(op.get(G), mul(S(0), P), op.f32x4Add, op.set(G)) : [],
  )
  let body: Code
  switch (config.kind) {
    case 'adam': {
      const [m, v] = regions.state as [number, number]
      const [B1, C1, B2, C2, NEG_STEP, SQRT_BC2, EPS] = [1, 2, 3, 4, 5, 6, 7].map(S) as number[]
      body = seq(
        load(m, X),
        load(v, Y),
        // m = m·β₁ + g·(1−β₁); v = v·β₂ + (g·(1−β₂))·g
        mul(X, B1!),
        mul(G, C1!),
        op.f32x4Add,
        op.set(X),
        squareAverage(Y, B2!, C2!),
        store(m, X),
        store(v, Y),
        // p = p + (−step)·(m / (√v / √bc₂ + ε))
        descend(NEG_STEP!, X, seq(op.get(Y), op.f32x4Sqrt, op.get(SQRT_BC2!), op.f32x4Div, op.get(EPS!), op.f32x4Add)),
      )
      break
    }
    case 'sgd': {
      const [NEG_LR, MOMENTUM] = [S(1), S(2)]
      const step = (momentum: Code): Code =>
        seq(momentum, op.get(ADDR), op.get(P), mul(NEG_LR, G), op.f32x4Add, op.v128Store(regions.params))
      if (config.momentum === 0) {
        body = step([])
      } else {
        const buf = regions.state[0]!
        const FIRST = at - 1
        // buf = first ? g : buf·μ + g; g = buf
        body = seq(
          op.get(FIRST),
          op.if,
          store(buf, G),
          op.else,
          load(buf, X),
          mul(X, MOMENTUM),
          op.get(G),
          op.f32x4Add,
          op.set(G),
          store(buf, G),
          op.end,
          step([]),
        )
      }
      break
    }
    case 'rmsprop': {
      const [NEG_LR, ALPHA, C_ALPHA, EPS] = [1, 2, 3, 4].map(S) as number[]
      const square = regions.state[0]!
      body = seq(
        // s = s·α + (g·(1−α))·g
        load(square, X),
        squareAverage(X, ALPHA!, C_ALPHA!),
        store(square, X),
        // p = p + (−lr)·(g / (√s + ε))
        descend(NEG_LR!, G, seq(op.get(X), op.f32x4Sqrt, op.get(EPS!), op.f32x4Add)),
      )
      break
    }
  }
  const code = seq(
    splats,
    // ADDR walks the bytes from 4·from; COUNT = (to − from) / 4 vectors
    setScaled(ADDR, FROM, 4, 0),
    op.get(TO),
    op.get(FROM),
    op.i32Sub,
    op.i32(2),
    op.i32ShrS,
    op.set(COUNT),
    countedLoop(C, COUNT, seq(prologue, body, op.get(ADDR), op.i32(16), op.i32Add, op.set(ADDR))),
  )
  return {
    name: UPDATE,
    params,
    locals: [I32, I32, I32, ...new Array<number>(scalarTypes + 4).fill(V128)],
    body: code,
  }
}
