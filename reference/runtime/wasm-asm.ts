/**
 * A small WebAssembly assembler: the binary encoding of the instructions the fused runtime's kernels use
 * (i32 arithmetic, f32 and 128-bit SIMD loads, stores and arithmetic, structured control flow) and of a module
 * that imports one linear memory and exports functions. Code is built as plain byte arrays, so a kernel
 * generator is ordinary TypeScript that concatenates instruction sequences with its constants baked in.
 *
 * Only instructions of the WebAssembly 2.0 core and its fixed-width SIMD proposal are encoded (no relaxed SIMD):
 * every one of them is specified bit for bit, so a module computes the same bits on every engine.
 */

/** Value types. */
export const I32 = 0x7f
export const F32 = 0x7d
export const V128 = 0x7b

/** One instruction sequence. */
export type Code = number[]

/** Unsigned LEB128. */
export function uleb(value: number): number[] {
  const out: number[] = []
  let v = value >>> 0
  do {
    let byte = v & 0x7f
    v >>>= 7
    if (v !== 0) byte |= 0x80
    out.push(byte)
  } while (v !== 0)
  return out
}

/** Signed LEB128 of a 32-bit integer. */
export function sleb(value: number): number[] {
  const out: number[] = []
  let v = value | 0
  for (;;) {
    const byte = v & 0x7f
    v >>= 7
    const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0)
    out.push(done ? byte : byte | 0x80)
    if (done) return out
  }
}

const simd = (op: number): number[] => [0xfd, ...uleb(op)]
/** memarg: alignment hint (log2 bytes) and a constant byte offset added to the address operand. */
const memarg = (align: number, offset: number): number[] => [align, ...uleb(offset)]

/** Instruction encoders (operands come from the stack, as in the text format). */
export const op = {
  get: (local: number): Code => [0x20, ...uleb(local)],
  set: (local: number): Code => [0x21, ...uleb(local)],
  tee: (local: number): Code => [0x22, ...uleb(local)],
  i32: (value: number): Code => [0x41, ...sleb(value)],
  i32Add: [0x6a] as Code,
  i32Sub: [0x6b] as Code,
  i32Mul: [0x6c] as Code,
  i32LtS: [0x48] as Code,
  i32GtS: [0x4a] as Code,
  i32GeS: [0x4e] as Code,
  i32ShrS: [0x75] as Code,
  i32Shl: [0x74] as Code,
  i32Xor: [0x73] as Code,
  i32And: [0x71] as Code,
  i32Rotl: [0x77] as Code,
  i32LtU: [0x49] as Code,
  i32Load: (offset: number): Code => [0x28, ...memarg(2, offset)],
  i32Store: (offset: number): Code => [0x36, ...memarg(2, offset)],
  v128Load: (offset: number): Code => [...simd(0x00), ...memarg(2, offset)],
  v128Store: (offset: number): Code => [...simd(0x0b), ...memarg(2, offset)],
  /** Loads one f32 and repeats it in all four lanes. */
  loadSplat: (offset: number): Code => [...simd(0x09), ...memarg(2, offset)],
  v128Zero: [...simd(0x0c), ...new Array<number>(16).fill(0)] as Code,
  f32x4Splat: simd(0x13),
  f32x4Lt: simd(0x43),
  f32x4Gt: simd(0x44),
  v128And: simd(0x4e),
  /** a & ~b */
  v128AndNot: simd(0x4f),
  f32x4Sqrt: simd(0xe3),
  f32x4Add: simd(0xe4),
  f32x4Mul: simd(0xe6),
  f32x4Div: simd(0xe7),
  /** Lanes of two f32x4 (0–3 from the first, 4–7 from the second) picked by `lanes`. */
  shuffle32: (lanes: readonly [number, number, number, number]): Code => [
    ...simd(0x0d),
    ...lanes.flatMap((lane) => [4 * lane, 4 * lane + 1, 4 * lane + 2, 4 * lane + 3]),
  ],
  /** Store lane `lane` (0–3) of a v128 as one f32. */
  store32Lane: (offset: number, lane: number): Code => [...simd(0x5a), ...memarg(2, offset), lane],
  block: [0x02, 0x40] as Code,
  if: [0x04, 0x40] as Code,
  else: [0x05] as Code,
  loop: [0x03, 0x40] as Code,
  end: [0x0b] as Code,
  br: (depth: number): Code => [0x0c, ...uleb(depth)],
  brIf: (depth: number): Code => [0x0d, ...uleb(depth)],
}

/** Concatenates instruction sequences. */
export function seq(...parts: ReadonlyArray<Code | readonly number[]>): Code {
  const out: number[] = []
  for (const part of parts) for (const byte of part) out.push(byte)
  return out
}

/** `into = from · scale + offset` (i32 locals and constants), the address of row `from` of a strided buffer. */
export function setScaled(into: number, from: number, scale: number, offset: number): Code {
  return seq(op.get(from), op.i32(scale), op.i32Mul, op.i32(offset), op.i32Add, op.set(into))
}

/** `for (counter = 0; counter < limit; counter++) body`, both locals; no iteration when limit ≤ 0. */
export function countedLoop(counter: number, limit: number, body: Code): Code {
  return seq(
    op.i32(0),
    op.set(counter),
    op.block,
    op.loop,
    op.get(counter),
    op.get(limit),
    op.i32GeS,
    op.brIf(1),
    body,
    op.get(counter),
    op.i32(1),
    op.i32Add,
    op.set(counter),
    op.br(0),
    op.end,
    op.end,
  )
}

/** One exported function: its parameter types, extra locals (in order) and body. */
export interface WasmFunction {
  readonly name: string
  readonly params: readonly number[]
  readonly locals: readonly number[]
  readonly body: Code
}

/** Memory import: size in 64 KiB pages; a shared memory (for worker threads) needs its maximum too. */
export interface MemoryImport {
  readonly pages: number
  readonly shared: boolean
}

function vec(items: readonly number[][]): number[] {
  return [...uleb(items.length), ...items.flat()]
}

function nameBytes(text: string): number[] {
  return [...uleb(text.length), ...Array.from(text, (ch) => ch.charCodeAt(0))]
}

function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body]
}

/** Run-length groups of equal local types, as the code section encodes them. */
function localGroups(locals: readonly number[]): number[][] {
  const groups: number[][] = []
  for (const type of locals) {
    const last = groups[groups.length - 1]
    if (last !== undefined && last[1] === type) last[0]!++
    else groups.push([1, type])
  }
  return groups.map(([count, type]) => [...uleb(count!), type!])
}

/**
 * Encodes a module that imports `env.mem` and exports `functions` (none returns a value).
 */
export function assembleModule(memory: MemoryImport, functions: readonly WasmFunction[]): Uint8Array {
  const signatures: string[] = []
  const typeOf = functions.map((f) => {
    const key = f.params.join(',')
    let index = signatures.indexOf(key)
    if (index < 0) index = signatures.push(key) - 1
    return index
  })
  const types = section(
    1,
    vec(signatures.map((key) => [0x60, ...vec(key === '' ? [] : key.split(',').map((t) => [Number(t)])), 0])),
  )
  const limits = memory.shared ? [0x03, ...uleb(memory.pages), ...uleb(memory.pages)] : [0x00, ...uleb(memory.pages)]
  const imports = section(2, vec([[...nameBytes('env'), ...nameBytes('mem'), 0x02, ...limits]]))
  const funcs = section(3, vec(typeOf.map((t) => uleb(t))))
  const exports = section(7, vec(functions.map((f, i) => [...nameBytes(f.name), 0x00, ...uleb(i)])))
  const code = section(
    10,
    vec(
      functions.map((f) => {
        const body = [...vec(localGroups(f.locals)), ...f.body, ...op.end]
        return [...uleb(body.length), ...body]
      }),
    ),
  )
  return new Uint8Array([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...types,
    ...imports,
    ...funcs,
    ...exports,
    ...code,
  ])
}

/** A WebAssembly memory as the JS API exposes it. */
export interface WasmMemory {
  readonly buffer: ArrayBufferLike
}

/** The slice of the WebAssembly JS API used here (this project's TypeScript libs do not declare it). */
export interface WasmApi {
  Module: new (bytes: Uint8Array) => object
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> }
  Memory: new (descriptor: { initial: number; maximum?: number; shared?: boolean }) => WasmMemory
  validate(bytes: Uint8Array): boolean
}

/** This engine's WebAssembly API, or null when it has none. */
export const wasmApi: WasmApi | null = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly ?? null

/**
 * Instantiates `module` on `memory` (imported as `env.mem`) and returns its exported functions.
 * @throws Error when this engine has no WebAssembly.
 */
export function instantiate(module: object, memory: WasmMemory): Record<string, (...args: number[]) => void> {
  if (wasmApi === null) throw new Error('this JavaScript engine has no WebAssembly')
  return new wasmApi.Instance(module, { env: { mem: memory } }).exports as Record<string, (...args: number[]) => void>
}
