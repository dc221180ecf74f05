/**
 * A WebAssembly SIMD (f64x2) version of the fused runtime's matrix kernel, assembled here byte by byte (no
 * toolchain needed). It computes the 2-row × 4-column blocks of `c = a · b` with b's columns contiguous; each
 * lane performs exactly the scalar kernel's sequence `s = 0; s += a·b for p = 0…k−1` in IEEE float64 (wasm has
 * no implicit FMA), so its results are bitwise those of `gemm` in `fused-kernels.ts`, which handles the edges.
 */

/** `(aOff, aRow, aStep, bOff, bStep, cOff, cRow, m, n, k)`, all offsets and strides in bytes; m even, n % 4 = 0. */
export type SimdBlockKernel = (
  aOff: number,
  aRow: number,
  aStep: number,
  bOff: number,
  bStep: number,
  cOff: number,
  cRow: number,
  m: number,
  n: number,
  k: number,
) => void

function uleb(value: number): number[] {
  const out: number[] = []
  let v = value
  do {
    let byte = v & 0x7f
    v >>>= 7
    if (v !== 0) byte |= 0x80
    out.push(byte)
  } while (v !== 0)
  return out
}

function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body]
}

function name(text: string): number[] {
  return [...uleb(text.length), ...Array.from(text, (ch) => ch.charCodeAt(0))]
}

// parameter and local indices
const A_OFF = 0
const A_ROW = 1
const A_STEP = 2
const B_OFF = 3
const B_STEP = 4
const C_OFF = 5
const C_ROW = 6
const M = 7
const N = 8
const K = 9
const I = 10
const J = 11
const P = 12
const PA = 13
const PB = 14
const CP = 15
const ACC0 = 16
const ACC1 = 17
const ACC2 = 18
const ACC3 = 19
const X0 = 20
const X1 = 21
const Y0 = 22
const Y1 = 23

const get = (i: number): number[] => [0x20, i]
const set = (i: number): number[] => [0x21, i]
const i32 = (v: number): number[] => [0x41, ...uleb(v)]
const ADD = 0x6a
const MUL = 0x6c
const SUB = 0x6b
const GE_S = 0x4e
const EQZ = 0x45
const f64Load = [0x2b, 3, 0]
const v128Load = (offset: number): number[] => [0xfd, 0x00, 3, ...uleb(offset)]
const v128Store = (offset: number): number[] => [0xfd, 0x0b, 3, ...uleb(offset)]
const v128Zero = [0xfd, 0x0c, ...new Array<number>(16).fill(0)]
const splat = [0xfd, 0x14]
const f64x2Add = [0xfd, 0xf0, 0x01]
const f64x2Mul = [0xfd, 0xf2, 0x01]
const block = [0x02, 0x40]
const loop = [0x03, 0x40]
const end = [0x0b]
const brIf = (depth: number): number[] => [0x0d, depth]
const br = (depth: number): number[] => [0x0c, depth]

/** acc = acc + x · y */
const macc = (acc: number, x: number, y: number): number[] => [
  ...get(acc),
  ...get(x),
  ...get(y),
  ...f64x2Mul,
  ...f64x2Add,
  ...set(acc),
]

function kernelBody(): number[] {
  const code = [
    ...i32(0),
    ...set(I),
    ...block,
    ...loop,
    ...get(I),
    ...get(M),
    GE_S,
    ...brIf(1),
    ...i32(0),
    ...set(J),
    ...block,
    ...loop,
    ...get(J),
    ...get(N),
    GE_S,
    ...brIf(1),
    ...v128Zero,
    ...set(ACC0),
    ...v128Zero,
    ...set(ACC1),
    ...v128Zero,
    ...set(ACC2),
    ...v128Zero,
    ...set(ACC3),
    // pa = aOff + i·aRow; pb = bOff + j·8; p = k
    ...get(A_OFF),
    ...get(I),
    ...get(A_ROW),
    MUL,
    ADD,
    ...set(PA),
    ...get(B_OFF),
    ...get(J),
    ...i32(8),
    MUL,
    ADD,
    ...set(PB),
    ...get(K),
    ...set(P),
    ...block,
    ...loop,
    ...get(P),
    EQZ,
    ...brIf(1),
    ...get(PA),
    ...f64Load,
    ...splat,
    ...set(X0),
    ...get(PA),
    ...get(A_ROW),
    ADD,
    ...f64Load,
    ...splat,
    ...set(X1),
    ...get(PB),
    ...v128Load(0),
    ...set(Y0),
    ...get(PB),
    ...v128Load(16),
    ...set(Y1),
    ...macc(ACC0, X0, Y0),
    ...macc(ACC1, X0, Y1),
    ...macc(ACC2, X1, Y0),
    ...macc(ACC3, X1, Y1),
    ...get(PA),
    ...get(A_STEP),
    ADD,
    ...set(PA),
    ...get(PB),
    ...get(B_STEP),
    ADD,
    ...set(PB),
    ...get(P),
    ...i32(1),
    SUB,
    ...set(P),
    ...br(0),
    ...end,
    ...end,
    // cp = cOff + i·cRow + j·8; store the 2 × 4 block
    ...get(C_OFF),
    ...get(I),
    ...get(C_ROW),
    MUL,
    ADD,
    ...get(J),
    ...i32(8),
    MUL,
    ADD,
    ...set(CP),
    ...get(CP),
    ...get(ACC0),
    ...v128Store(0),
    ...get(CP),
    ...get(ACC1),
    ...v128Store(16),
    ...get(CP),
    ...get(C_ROW),
    ADD,
    ...get(ACC2),
    ...v128Store(0),
    ...get(CP),
    ...get(C_ROW),
    ADD,
    ...get(ACC3),
    ...v128Store(16),
    ...get(J),
    ...i32(4),
    ADD,
    ...set(J),
    ...br(0),
    ...end,
    ...end,
    ...get(I),
    ...i32(2),
    ADD,
    ...set(I),
    ...br(0),
    ...end,
    ...end,
    ...end,
  ]
  const locals = [2, 6, 0x7f, 8, 0x7b]
  const body = [...locals, ...code]
  return [...uleb(body.length), ...body]
}

function moduleBytes(): Uint8Array {
  const type = section(1, [1, 0x60, 10, ...new Array<number>(10).fill(0x7f), 0])
  const imports = section(2, [1, ...name('env'), ...name('mem'), 0x02, 0x00, 0x01])
  const functions = section(3, [1, 0])
  const exports = section(7, [1, ...name('gemm'), 0x00, 0])
  const code = section(10, [1, ...kernelBody()])
  return new Uint8Array([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...type,
    ...imports,
    ...functions,
    ...exports,
    ...code,
  ])
}

/** The slice of the WebAssembly JS API used here (this project's TypeScript libs do not declare it). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> }
  Memory: new (descriptor: { initial: number }) => { buffer: ArrayBuffer }
}

const wasm = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly
let compiled: object | null | undefined

function kernelModule(): object | null {
  if (compiled === undefined) {
    try {
      compiled = wasm ? new wasm.Module(moduleBytes()) : null
    } catch {
      compiled = null
    }
  }
  return compiled
}

/**
 * A zeroed float64 heap of `size` elements and the SIMD kernel bound to it; when this engine lacks
 * WebAssembly SIMD the heap is a plain Float64Array and the kernel null (the caller then uses the scalar
 * kernel for everything).
 * @internal
 */
export function createSimdHeap(size: number): { heap: Float64Array; kernel: SimdBlockKernel | null } {
  const module = kernelModule()
  if (!wasm || module === null) return { heap: new Float64Array(size), kernel: null }
  const memory = new wasm.Memory({ initial: Math.max(1, Math.ceil((size * 8) / 65536)) })
  const instance = new wasm.Instance(module, { env: { mem: memory } })
  return { heap: new Float64Array(memory.buffer, 0, size), kernel: instance.exports.gemm as SimdBlockKernel }
}
