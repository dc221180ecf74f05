/**
 * Generator of the fused runtime's matrix kernels: WebAssembly functions that compute
 * `C(i, j) = Σₚ A(i, p) · B(p, j)` for a runtime range of rows i, with every address stride, the column range
 * and (usually) the sum length baked in as constants, and the layer's element-wise work fused into the store
 * (bias, ReLU with the dropout mask, the ReLU derivative).
 *
 * Register blocking: a block of `rows` rows × `vectors`·4 columns keeps its sums in `rows · vectors` f32x4
 * accumulators; each step p loads `vectors` vectors of B's row p and broadcasts `rows` scalars of A, then does
 * one multiply and one add per accumulator. A remainder of fewer rows than the block runs one row at a time.
 *
 * Arithmetic: every element of C is `s = 0; for p = 0…k−1: s = fl(s + fl(a·b))` in IEEE float32 (f32x4.mul then
 * f32x4.add: no fused multiply-add, which WebAssembly SIMD leaves out and relaxed SIMD would make
 * engine-dependent), then the epilogue. The blocking therefore never changes a bit of the result, whatever the
 * row range or block shape.
 */
import { countedLoop, op, seq, setScaled, V128, I32, type Code } from './wasm-asm.ts'

/** A strided 2-D operand in bytes: element (i, j) at `base + i·row + j·4`. */
export interface Strided {
  readonly base: number
  readonly row: number
}

/** A(i, p) at `base + i·row + p·step` (bytes): covers a row-major matrix and a transposed one. */
export interface Operand {
  readonly base: number
  readonly row: number
  readonly step: number
}

/** What happens to the sums of a block before they are stored. */
export type Epilogue =
  /** C = s */
  | { readonly kind: 'store' }
  /** C = s + bias(j) */
  | { readonly kind: 'bias'; readonly bias: number }
  /**
   * f = relu(s + bias(j)) (`f < 0 ? 0 : f`, NaN and −0 kept); `activ` (i, j) = f when given; `next` (i, j) =
   * fl(f · mask(i, j)), or f without a mask. C is not written.
   */
  | {
      readonly kind: 'bias-relu'
      readonly bias: number
      readonly activ: Strided | null
      readonly next: Strided
      readonly mask: Strided | null
    }
  /** C = activ(i, j) > 0 ? fl(s · mask(i, j)) (or s without a mask) : 0 */
  | { readonly kind: 'relu-back'; readonly activ: Strided; readonly mask: Strided | null }

/** One generated matrix product. */
export interface GemmSpec {
  readonly a: Operand
  /** B(p, j) at `base + p·row + j·4`: a row of B is contiguous. */
  readonly b: Strided
  readonly c: Strided
  /** Columns j computed: `[from, to)`, both multiples of 4. */
  readonly cols: readonly [number, number]
  /** Sum length: a constant, or `'param'` for a third i32 parameter of the function. */
  readonly k: number | 'param'
  readonly epilogue: Epilogue
  /** Register block: rows × (vectors · 4) columns. */
  readonly block: { readonly rows: number; readonly vectors: number }
}

// parameters and fixed locals of a generated product: (r0, r1[, k])
const R0 = 0
const R1 = 1
const KP = 2
/** Index of the first non-parameter local. */
const FIRST_LOCAL = 3

/**
 * Body and locals of `f(r0, r1, k)`: computes rows `r0 ≤ i < r1` of C (k is ignored when the spec fixes it).
 * @internal
 */
export function gemmFunction(spec: GemmSpec): { params: number[]; locals: number[]; body: Code } {
  const { rows: mr, vectors: nv } = spec.block
  // locals
  const R = FIRST_LOCAL
  const PA = R + 1
  const PB = R + 2
  const ROW_A = R + 3
  const ROW_C = R + 4
  const ROW_X = R + 5 // activ row (forward) or activ row (backward)
  const ROW_Y = R + 6 // next row (forward)
  const ROW_M = R + 7 // mask row
  const P = R + 8
  const KL = R + 9
  const I32_LOCALS = 10
  const ZERO = FIRST_LOCAL + I32_LOCALS
  const AV = ZERO + 1
  const BV = ZERO + 2
  const ACC = BV + nv
  const V128_LOCALS = 2 + nv + mr * nv
  const locals = [...new Array<number>(I32_LOCALS).fill(I32), ...new Array<number>(V128_LOCALS).fill(V128)]

  const { a, b, c, epilogue } = spec
  const [from, to] = spec.cols
  if (from % 4 !== 0 || to % 4 !== 0 || to <= from) throw new RangeError(`gemm: bad column range ${from}…${to}`)

  /**
   * One step p of a `rows`-row block over `vecs` vectors of columns starting `jb` bytes into B's row. (Unrolling
   * the p loop measured slower: V8 then spills accumulators.)
   */
  const step = (rows: number, vecs: number, jb: number): Code => {
    const code: Code = []
    for (let v = 0; v < vecs; v++) code.push(...op.get(PB), ...op.v128Load(jb + 16 * v), ...op.set(BV + v))
    for (let i = 0; i < rows; i++) {
      code.push(...op.get(PA), ...op.loadSplat(i * a.row), ...op.set(AV))
      for (let v = 0; v < vecs; v++) {
        const acc = ACC + i * nv + v
        code.push(...op.get(acc), ...op.get(AV), ...op.get(BV + v), ...op.f32x4Mul, ...op.f32x4Add, ...op.set(acc))
      }
    }
    return code
  }

  /** The p loop of one block: pa = A's row, pb = B's first row; k steps (constant or the parameter). */
  const sumLoop = (rows: number, vecs: number, jb: number): Code => {
    const advance = seq(
      op.get(PA),
      op.i32(a.step),
      op.i32Add,
      op.set(PA),
      op.get(PB),
      op.i32(b.row),
      op.i32Add,
      op.set(PB),
    )
    return seq(
      op.get(ROW_A),
      op.set(PA),
      op.i32(b.base),
      op.set(PB),
      typeof spec.k === 'number' ? seq(op.i32(spec.k), op.set(KL)) : seq(op.get(KP), op.set(KL)),
      countedLoop(P, KL, seq(step(rows, vecs, jb), advance)),
    )
  }

  /** Stores (after the epilogue) the sums of a block whose first column is `j0`. */
  const store = (rows: number, vecs: number, j0: number): Code => {
    const code: Code = []
    for (let i = 0; i < rows; i++) {
      for (let v = 0; v < vecs; v++) {
        const acc = ACC + i * nv + v
        const j = 4 * (j0 + 4 * v)
        switch (epilogue.kind) {
          case 'store':
            code.push(...op.get(ROW_C), ...op.get(acc), ...op.v128Store(i * c.row + j))
            break
          case 'bias':
            code.push(...op.get(ROW_C), ...op.get(acc), ...op.i32(0), ...op.v128Load(epilogue.bias + j), ...op.f32x4Add)
            code.push(...op.v128Store(i * c.row + j))
            break
          case 'bias-relu': {
            // acc = relu(acc + bias)
            code.push(...op.get(acc), ...op.i32(0), ...op.v128Load(epilogue.bias + j), ...op.f32x4Add, ...op.tee(acc))
            code.push(...op.get(acc), ...op.get(ZERO), ...op.f32x4Lt, ...op.v128AndNot, ...op.set(acc))
            if (epilogue.activ) code.push(...op.get(ROW_X), ...op.get(acc), ...op.v128Store(i * epilogue.activ.row + j))
            code.push(...op.get(ROW_Y), ...op.get(acc))
            if (epilogue.mask) code.push(...op.get(ROW_M), ...op.v128Load(i * epilogue.mask.row + j), ...op.f32x4Mul)
            code.push(...op.v128Store(i * epilogue.next.row + j))
            break
          }
          case 'relu-back':
            code.push(...op.get(ROW_C), ...op.get(acc))
            if (epilogue.mask) code.push(...op.get(ROW_M), ...op.v128Load(i * epilogue.mask.row + j), ...op.f32x4Mul)
            code.push(...op.get(ROW_X), ...op.v128Load(i * epilogue.activ.row + j), ...op.get(ZERO), ...op.f32x4Gt)
            code.push(...op.v128And, ...op.v128Store(i * c.row + j))
            break
        }
      }
    }
    return code
  }

  /** All column blocks of a `rows`-row block starting at row R. */
  const rowBlock = (rows: number): Code => {
    const rowPtr = (local: number, s: Strided): Code => setScaled(local, R, s.row, s.base)
    const code: Code = seq(setScaled(ROW_A, R, a.row, a.base), rowPtr(ROW_C, c))
    if (epilogue.kind === 'bias-relu') {
      if (epilogue.activ) code.push(...rowPtr(ROW_X, epilogue.activ))
      code.push(...rowPtr(ROW_Y, epilogue.next))
      if (epilogue.mask) code.push(...rowPtr(ROW_M, epilogue.mask))
    } else if (epilogue.kind === 'relu-back') {
      code.push(...rowPtr(ROW_X, epilogue.activ))
      if (epilogue.mask) code.push(...rowPtr(ROW_M, epilogue.mask))
    }
    for (let j0 = from; j0 < to; ) {
      const vecs = Math.min(nv, (to - j0) / 4)
      for (let i = 0; i < rows; i++)
        for (let v = 0; v < vecs; v++) code.push(...op.v128Zero, ...op.set(ACC + i * nv + v))
      code.push(...sumLoop(rows, vecs, 4 * j0), ...store(rows, vecs, j0))
      j0 += 4 * vecs
    }
    return code
  }

  const blockLoop = (rows: number): Code =>
    seq(
      op.block,
      op.loop,
      op.get(R),
      op.i32(rows),
      op.i32Add,
      op.get(R1),
      op.i32GtS,
      op.brIf(1),
      rowBlock(rows),
      op.get(R),
      op.i32(rows),
      op.i32Add,
      op.set(R),
      op.br(0),
      op.end,
      op.end,
    )

  const body = seq(op.v128Zero, op.set(ZERO), op.get(R0), op.set(R), blockLoop(mr), mr > 1 ? blockLoop(1) : [])
  return { params: [I32, I32, I32], locals, body }
}

/**
 * Body of `f(·, ·, k)` that sums the first k rows: `out(j) = Σ_{m<k} src(m, j)` in float32, in order m, for
 * columns `[from, to)` (multiples of 4); the bias gradient, bitwise the product `Σ 1 · dz` would give.
 * @internal
 */
export function columnSumFunction(
  src: Strided,
  out: number,
  cols: readonly [number, number],
): { params: number[]; locals: number[]; body: Code } {
  const M = FIRST_LOCAL
  const PS = M + 1
  const ACC = M + 2
  const WIDTH = 8
  const code: Code = []
  for (let j0 = cols[0]; j0 < cols[1]; j0 += 4 * WIDTH) {
    const vecs = Math.min(WIDTH, (cols[1] - j0) / 4)
    for (let v = 0; v < vecs; v++) code.push(...op.v128Zero, ...op.set(ACC + v))
    const add: Code = []
    for (let v = 0; v < vecs; v++) {
      add.push(...op.get(ACC + v), ...op.get(PS), ...op.v128Load(16 * v), ...op.f32x4Add, ...op.set(ACC + v))
    }
    code.push(...op.i32(src.base + 4 * j0), ...op.set(PS))
    code.push(...countedLoop(M, KP, seq(add, op.get(PS), op.i32(src.row), op.i32Add, op.set(PS))))
    for (let v = 0; v < vecs; v++) code.push(...op.i32(0), ...op.get(ACC + v), ...op.v128Store(out + 4 * j0 + 16 * v))
  }
  return { params: [I32, I32, I32], locals: [I32, I32, ...new Array<number>(WIDTH).fill(V128)], body: code }
}
