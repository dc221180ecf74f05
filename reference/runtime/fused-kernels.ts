/**
 * The scalar kernels of the fused runtime: a strided matrix product on Float64Array buffers, register-blocked
 * 2 rows × 4 columns so each loaded value feeds several multiply-adds (it computes the edges the SIMD kernel of
 * `fused-simd.ts` leaves, and everything where WebAssembly SIMD is missing). Every element of C is one
 * sequential float64 sum over p = 0…k−1 whatever block it falls in, so the result does not depend on the
 * blocking and is bitwise reproducible. Plus the element-wise layer epilogues (bias, activation, dropout mask
 * and their derivatives), with a dedicated ReLU loop since ReLU is what every shipped strategy uses.
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
 * Hidden-layer epilogue over rows × out values of `c` (= X·Wᵀ): `activ = fround(act(c + b))`,
 * `next = fround(activ · mask)` (or `activ` without a mask).
 * @internal
 */
export function activateLayer(
  code: number,
  c: Float64Array,
  b: Float32Array,
  rows: number,
  out: number,
  activ: Float64Array,
  mask: Float32Array | null,
  next: Float64Array,
): void {
  for (let r = 0; r < rows; r++) {
    const base = r * out
    if (code === RELU) {
      for (let o = 0; o < out; o++) {
        const z = c[base + o]! + b[o]!
        const f = z < 0 ? 0 : Math.fround(z)
        activ[base + o] = f
        next[base + o] = mask === null ? f : Math.fround(f * mask[base + o]!)
      }
    } else {
      for (let o = 0; o < out; o++) {
        const f = Math.fround(activate(code, c[base + o]! + b[o]!))
        activ[base + o] = f
        next[base + o] = mask === null ? f : Math.fround(f * mask[base + o]!)
      }
    }
  }
}

/**
 * Backward through mask and activation for `size` values: `dz = fround(fround(fround(dh) · mask) · act'(f))`
 * where `dh` is the incoming gradient in `c` and `f` the stored activation output.
 * @internal
 */
export function backpropActivation(
  code: number,
  c: Float64Array,
  size: number,
  activ: Float64Array,
  mask: Float32Array | null,
  dz: Float64Array,
): void {
  if (code === RELU) {
    for (let i = 0; i < size; i++) {
      if (activ[i]! > 0) {
        const dh = Math.fround(c[i]!)
        dz[i] = mask === null ? dh : Math.fround(dh * mask[i]!)
      } else {
        dz[i] = 0
      }
    }
    return
  }
  for (let i = 0; i < size; i++) {
    const dh = Math.fround(c[i]!)
    const df = mask === null ? dh : Math.fround(dh * mask[i]!)
    dz[i] = Math.fround(df * derivative(code, activ[i]!))
  }
}

/**
 * `c[cOff + i·ldc + j] = Σₚ a[aOff + i·aRow + p·aStep] · b[bOff + j·bCol + p·bStep]` for i < m, j < n, p < k.
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
  const bCol2 = 2 * bCol
  const bCol3 = 3 * bCol
  let i = 0
  for (; i + 1 < m; i += 2) {
    const a0 = aOff + i * aRow
    const c0 = cOff + i * ldc
    const c1 = c0 + ldc
    let j = 0
    for (; j + 3 < n; j += 4) {
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
        const x1 = a[pa + aRow]!
        const y0 = b[pb]!
        const y1 = b[pb + bCol]!
        const y2 = b[pb + bCol2]!
        const y3 = b[pb + bCol3]!
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
      c[c0 + j + 1] = s01
      c[c0 + j + 2] = s02
      c[c0 + j + 3] = s03
      c[c1 + j] = s10
      c[c1 + j + 1] = s11
      c[c1 + j + 2] = s12
      c[c1 + j + 3] = s13
    }
    for (; j < n; j++) {
      let s0 = 0
      let s1 = 0
      let pa = a0
      let pb = bOff + j * bCol
      for (let p = 0; p < k; p++) {
        const y = b[pb]!
        s0 += a[pa]! * y
        s1 += a[pa + aRow]! * y
        pa += aStep
        pb += bStep
      }
      c[c0 + j] = s0
      c[c1 + j] = s1
    }
  }
  if (i < m) {
    const a0 = aOff + i * aRow
    const c0 = cOff + i * ldc
    let j = 0
    for (; j + 3 < n; j += 4) {
      let s0 = 0
      let s1 = 0
      let s2 = 0
      let s3 = 0
      let pa = a0
      let pb = bOff + j * bCol
      for (let p = 0; p < k; p++) {
        const x = a[pa]!
        s0 += x * b[pb]!
        s1 += x * b[pb + bCol]!
        s2 += x * b[pb + bCol2]!
        s3 += x * b[pb + bCol3]!
        pa += aStep
        pb += bStep
      }
      c[c0 + j] = s0
      c[c0 + j + 1] = s1
      c[c0 + j + 2] = s2
      c[c0 + j + 3] = s3
    }
    for (; j < n; j++) {
      let s = 0
      let pa = a0
      let pb = bOff + j * bCol
      for (let p = 0; p < k; p++) {
        s += a[pa]! * b[pb]!
        pa += aStep
        pb += bStep
      }
      c[c0 + j] = s
    }
  }
}
