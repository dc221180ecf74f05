/**
 * The scalar kernels of the fused runtime: a strided matrix product on Float64Array buffers, register-blocked
 * 2 rows × 4 columns so each loaded value feeds several multiply-adds (it computes the edges the SIMD kernel of
 * `fused-simd.ts` leaves, and everything where WebAssembly SIMD is missing). Every element of C is one
 * sequential float64 sum over p = 0…k−1 whatever block it falls in, so the result does not depend on the
 * blocking and is bitwise reproducible. Plus the element-wise layer epilogues (activation and dropout mask, and
 * their derivatives; the bias is folded into the product), with a dedicated ReLU loop since ReLU is what every
 * shipped strategy uses.
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
 * Hidden-layer epilogue, in place over rows × out values of `z` (row stride `zRow`) that hold X·Wᵀ + b:
 * `z = fround(act(z))` (the activation output, kept for the backward), and `next = fround(z · mask)` (or `z`
 * without a mask) with row strides `out` for the mask and `nextRow` for `next`.
 * @internal
 */
export function activateLayer(
  code: number,
  rows: number,
  out: number,
  z: Float64Array,
  zRow: number,
  mask: Float32Array | null,
  next: Float64Array,
  nextRow: number,
): void {
  for (let r = 0; r < rows; r++) {
    const zb = r * zRow
    const mb = r * out
    const nb = r * nextRow
    if (code === RELU) {
      for (let o = 0; o < out; o++) {
        const v = z[zb + o]!
        const f = v < 0 ? 0 : Math.fround(v)
        z[zb + o] = f
        next[nb + o] = mask === null ? f : Math.fround(f * mask[mb + o]!)
      }
    } else {
      for (let o = 0; o < out; o++) {
        const f = Math.fround(activate(code, z[zb + o]!))
        z[zb + o] = f
        next[nb + o] = mask === null ? f : Math.fround(f * mask[mb + o]!)
      }
    }
  }
}

/**
 * Backward through mask and activation, in place over rows × width values of `d` (row stride `row`) holding the
 * incoming gradient `dh`: `d = fround(fround(fround(dh) · mask) · act'(f))`, where `f` is the stored activation
 * output (same stride) and the mask has row stride `width`.
 * @internal
 */
export function backpropActivation(
  code: number,
  rows: number,
  width: number,
  d: Float64Array,
  row: number,
  activ: Float64Array,
  mask: Float32Array | null,
): void {
  for (let r = 0; r < rows; r++) {
    const base = r * row
    const mb = r * width
    if (code === RELU) {
      for (let j = 0; j < width; j++) {
        const i = base + j
        if (activ[i]! > 0) {
          const dh = Math.fround(d[i]!)
          d[i] = mask === null ? dh : Math.fround(dh * mask[mb + j]!)
        } else {
          d[i] = 0
        }
      }
    } else {
      for (let j = 0; j < width; j++) {
        const i = base + j
        const dh = Math.fround(d[i]!)
        const df = mask === null ? dh : Math.fround(dh * mask[mb + j]!)
        d[i] = Math.fround(df * derivative(code, activ[i]!))
      }
    }
  }
}

/**
 * `c[cOff + i·ldc + j] = Σₚ a[aOff + i·aRow + p·aStep] · b[bOff + j·bCol + p·bStep]` for i < m, j < n, p < k.
 * Blocks of 2 rows × 4 columns; a block that overhangs the last row or column repeats it (the repeated sums
 * are computed again and stored again at the same place, with the same value).
 * @internal
 */
export function gemm(
  a: Float64Array,
  aOff: number,
  aRow: number,
  aStep: number,
  b: Float64Array,
  bOff: number,
  bCol: number,
  bStep: number,
  c: Float64Array,
  cOff: number,
  ldc: number,
  m: number,
  n: number,
  k: number,
): void {
  for (let i = 0; i < m; i += 2) {
    const a0 = aOff + i * aRow
    const a1 = i + 1 < m ? aRow : 0
    const c0 = cOff + i * ldc
    const c1 = c0 + (i + 1 < m ? ldc : 0)
    for (let j = 0; j < n; j += 4) {
      // column offsets of the block, the overhang clamped to the last column
      const j1 = Math.min(j + 1, n - 1)
      const j2 = Math.min(j + 2, n - 1)
      const j3 = Math.min(j + 3, n - 1)
      const b1 = (j1 - j) * bCol
      const b2 = (j2 - j) * bCol
      const b3 = (j3 - j) * bCol
      let s00 = 0
      let s01 = 0
      let s02 = 0
      let s03 = 0
      let s10 = 0
      let s11 = 0
      let s12 = 0
      let s13 = 0
      let pa = a0
      let pb = bOff + j * bCol
      for (let p = 0; p < k; p++) {
        const x0 = a[pa]!
        const x1 = a[pa + a1]!
        const y0 = b[pb]!
        const y1 = b[pb + b1]!
        const y2 = b[pb + b2]!
        const y3 = b[pb + b3]!
        s00 += x0 * y0
        s01 += x0 * y1
        s02 += x0 * y2
        s03 += x0 * y3
        s10 += x1 * y0
        s11 += x1 * y1
        s12 += x1 * y2
        s13 += x1 * y3
        pa += aStep
        pb += bStep
      }
      c[c0 + j] = s00
      c[c0 + j1] = s01
      c[c0 + j2] = s02
      c[c0 + j3] = s03
      c[c1 + j] = s10
      c[c1 + j1] = s11
      c[c1 + j2] = s12
      c[c1 + j3] = s13
    }
  }
}
