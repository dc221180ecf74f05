/**
 * The element-wise layer epilogues of the fused runtime that run in JS: activation and dropout mask in the
 * forward, and their derivatives in the backward, for the activations the WebAssembly kernels do not fuse
 * (tanh, sigmoid, leaky ReLU: ReLU, which every shipped strategy uses, is fused into the matrix kernels of
 * `fused-gemm.ts`). They work in place on float32 views of the model's memory, computing in float64 and
 * storing float32.
 */
import type { Activation } from './training-runtime.ts'

const RELU = 0
const TANH = 1
const SIGMOID = 2
const LEAKY_RELU = 3
/** Negative slope of leaky ReLU (PyTorch's default). */
const LEAKY_SLOPE = 0.01

/** @internal */
export function activationCode(activation: Activation): number {
  switch (activation) {
    case 'tanh':
      return TANH
    case 'sigmoid':
      return SIGMOID
    case 'leaky_relu':
      return LEAKY_RELU
    default:
      return RELU
  }
}

function activate(code: number, z: number): number {
  switch (code) {
    case RELU:
      return z < 0 ? 0 : z // NaN passes through, as in torch.relu
    case TANH:
      return Math.tanh(z)
    case SIGMOID:
      return 1 / (1 + Math.exp(-z))
    default:
      return z > 0 ? z : LEAKY_SLOPE * z
  }
}

/** d act / d z expressed through the stored activation output `f` (as torch's backward formulas do). */
function derivative(code: number, f: number): number {
  switch (code) {
    case RELU:
      return f > 0 ? 1 : 0
    case TANH:
      return 1 - f * f
    case SIGMOID:
      return f * (1 - f)
    default:
      return f > 0 ? 1 : LEAKY_SLOPE
  }
}

/**
 * Hidden-layer epilogue, in place over rows × out values of `z` (row stride `zRow`) that hold x·Wᵀ + b:
 * `z = fround(act(z))` (the activation output, kept for the backward), and `next = fround(z · mask)` (or `z`
 * without a mask) with row strides `out` for the mask and `nextRow` for `next`.
 * @internal
 */
export function activateLayer(
  code: number,
  rows: number,
  out: number,
  z: Float32Array,
  zRow: number,
  mask: Float32Array | null,
  next: Float32Array,
  nextRow: number,
): void {
  for (let r = 0; r < rows; r++) {
    const zb = r * zRow
    const mb = r * out
    const nb = r * nextRow
    for (let o = 0; o < out; o++) {
      const f = Math.fround(activate(code, z[zb + o]!))
      z[zb + o] = f
      next[nb + o] = mask === null ? f : f * mask[mb + o]!
    }
  }
}

/**
 * Backward through mask and activation, in place over rows × width values of `d` (row stride `row`) holding the
 * incoming gradient `dh`: `d = fround(fround(dh · mask) · act'(f))`, where `f` is the stored activation
 * output (same stride) and the mask has row stride `width`.
 * @internal
 */
export function backpropActivation(
  code: number,
  rows: number,
  width: number,
  d: Float32Array,
  row: number,
  activ: Float32Array,
  mask: Float32Array | null,
): void {
  for (let r = 0; r < rows; r++) {
    const base = r * row
    const mb = r * width
    for (let j = 0; j < width; j++) {
      const i = base + j
      const df = mask === null ? d[i]! : Math.fround(d[i]! * mask[mb + j]!)
      d[i] = df * derivative(code, activ[i]!)
    }
  }
}
