import { test } from '@japa/runner'
import fc from 'fast-check'
import {
  columnSumFunction,
  gemmFunction,
  type Epilogue,
  type GemmSpec,
} from '../../../../reference/runtime/fused-gemm.ts'
import { SeededRng } from '../../../../reference/runtime/rng.ts'
import { assembleModule, instantiate, wasmApi } from '../../../../reference/runtime/wasm-asm.ts'

const f = Math.fround

/** Instantiates one generated function on a fresh memory; returns it and a float32 view of the memory. */
function instantiateOne(fn: { params: number[]; locals: number[]; body: number[] }, pages = 4) {
  const memory = new wasmApi!.Memory({ initial: pages })
  const bytes = assembleModule({ pages, shared: false }, [{ name: 'f', ...fn }])
  const exports = instantiate(new wasmApi!.Module(bytes), memory)
  return { run: exports.f!, heap: new Float32Array(memory.buffer) }
}

/** The kernels' arithmetic written out in JS: s = 0; s = fl(s + fl(a·b)) for p in order. */
function referenceSum(heap: Float32Array, spec: GemmSpec, i: number, j: number, k: number): number {
  let s = 0
  for (let p = 0; p < k; p++) {
    const a = heap[(spec.a.base + i * spec.a.row + p * spec.a.step) / 4]!
    const b = heap[(spec.b.base + p * spec.b.row + j * 4) / 4]!
    s = f(s + f(a * b))
  }
  return s
}

const same = (a: number, b: number): boolean => Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b))

/** Fills `count` floats at byte `base` with values in [-1, 1) and some exact zeros, −0 and repeated values. */
function fill(heap: Float32Array, base: number, count: number, rng: SeededRng): void {
  for (let i = 0; i < count; i++) {
    const u = rng.nextUint32() % 16
    heap[base / 4 + i] = u === 0 ? 0 : u === 1 ? -0 : f(rng.uniformRange(-1, 1))
  }
}

test.group('fused matrix kernels', () => {
  test('every output element is the float32 sum in order p, whatever the block shape and row range', ({ assert }) => {
    fc.assert(
      fc.property(
        fc.record({
          m: fc.integer({ min: 1, max: 13 }),
          n4: fc.integer({ min: 1, max: 7 }),
          k: fc.integer({ min: 1, max: 21 }),
          rows: fc.integer({ min: 1, max: 8 }),
          vectors: fc.integer({ min: 1, max: 3 }),
          transposedA: fc.boolean(),
          runtimeK: fc.boolean(),
          seed: fc.integer(),
          from: fc.integer({ min: 0, max: 12 }),
        }),
        ({ m, n4, k, rows, vectors, transposedA, runtimeK, seed, from }) => {
          const n = 4 * n4
          const aBase = 64
          const bBase = aBase + 4 * m * k + 64
          const cBase = bBase + 4 * k * n + 64
          const spec: GemmSpec = {
            a: transposedA ? { base: aBase, row: 4, step: 4 * m } : { base: aBase, row: 4 * k, step: 4 },
            b: { base: bBase, row: 4 * n },
            c: { base: cBase, row: 4 * n },
            cols: [0, n],
            k: runtimeK ? 'param' : k,
            epilogue: { kind: 'store' },
            block: { rows, vectors },
          }
          const { run, heap } = instantiateOne(gemmFunction(spec))
          const rng = new SeededRng(seed)
          fill(heap, aBase, m * k, rng)
          fill(heap, bBase, k * n, rng)
          heap.fill(NaN, cBase / 4, cBase / 4 + m * n)
          const r0 = Math.min(from, m)
          run(r0, m, k)
          for (let i = 0; i < m; i++) {
            for (let j = 0; j < n; j++) {
              const got = heap[cBase / 4 + i * n + j]!
              if (i < r0) {
                if (!Number.isNaN(got)) return false
              } else if (!same(got, referenceSum(heap, spec, i, j, k))) return false
            }
          }
          return true
        },
      ),
      { numRuns: 60, seed: 17 },
    )
    assert.isTrue(true)
  })

  for (const masked of [false, true]) {
    test(`bias + ReLU epilogue ${masked ? 'with' : 'without'} a mask: f = relu(s + b), next = fl(f · mask)`, ({
      assert,
    }) => {
      const [m, k, out] = [5, 7, 6]
      const outPad = 8
      const [aBase, bBase, bias, activ, next, mask] = [64, 512, 1024, 2048, 4096, 6144]
      const epilogue: Epilogue = {
        kind: 'bias-relu',
        bias,
        activ: { base: activ, row: 4 * outPad },
        next: { base: next, row: 4 * outPad },
        mask: masked ? { base: mask, row: 4 * out } : null,
      }
      const spec: GemmSpec = {
        a: { base: aBase, row: 4 * k, step: 4 },
        b: { base: bBase, row: 4 * outPad },
        c: { base: 0, row: 0 },
        cols: [0, outPad],
        k,
        epilogue,
        block: { rows: 4, vectors: 2 },
      }
      const { run, heap } = instantiateOne(gemmFunction(spec))
      const rng = new SeededRng(3)
      fill(heap, aBase, m * k, rng)
      fill(heap, bBase, k * outPad, rng)
      fill(heap, bias, outPad, rng)
      heap[aBase / 4] = NaN // row 0 is NaN throughout: relu lets NaN through
      for (let i = 0; i < m * out + 4; i++) heap[mask / 4 + i] = i % 3 === 0 ? 0 : f(1 / 0.8)
      run(0, m, 0)
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < outPad; j++) {
          const z = f(referenceSum(heap, spec, i, j, k) + heap[bias / 4 + j]!)
          const relu = z < 0 ? 0 : z
          assert.isTrue(same(heap[activ / 4 + i * outPad + j]!, relu), `f(${i}, ${j})`)
          const expected = masked ? f(relu * heap[mask / 4 + i * out + j]!) : relu
          assert.isTrue(same(heap[next / 4 + i * outPad + j]!, expected), `next(${i}, ${j})`)
        }
      }
      assert.isTrue(Number.isNaN(heap[next / 4 + 1]!))
    })
  }

  test('ReLU backward epilogue: activ > 0 ? fl(s · mask) : 0 (NaN activations give 0)', ({ assert }) => {
    const [m, k, width] = [6, 5, 12]
    const [aBase, bBase, cBase, activ, mask] = [64, 512, 1024, 2048, 4096]
    const spec: GemmSpec = {
      a: { base: aBase, row: 4 * k, step: 4 },
      b: { base: bBase, row: 4 * width },
      c: { base: cBase, row: 4 * width },
      cols: [0, width],
      k,
      epilogue: { kind: 'relu-back', activ: { base: activ, row: 4 * width }, mask: { base: mask, row: 4 * width } },
      block: { rows: 4, vectors: 2 },
    }
    const { run, heap } = instantiateOne(gemmFunction(spec))
    const rng = new SeededRng(5)
    fill(heap, aBase, m * k, rng)
    fill(heap, bBase, k * width, rng)
    fill(heap, activ, m * width, rng)
    heap[activ / 4 + 3] = NaN
    for (let i = 0; i < m * width; i++) heap[mask / 4 + i] = i % 4 === 0 ? 0 : 2
    run(0, m, 0)
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < width; j++) {
        const s = referenceSum(heap, spec, i, j, k)
        const expected = heap[activ / 4 + i * width + j]! > 0 ? f(s * heap[mask / 4 + i * width + j]!) : 0
        assert.isTrue(same(heap[cBase / 4 + i * width + j]!, expected), `(${i}, ${j})`)
      }
    }
  })

  test('column sums add the first k rows in order, for more columns than one block', ({ assert }) => {
    const [rows, width] = [9, 44]
    const [src, out] = [64, 4096]
    const { run, heap } = instantiateOne(columnSumFunction({ base: src, row: 4 * width }, out, [0, width]))
    fill(heap, src, rows * width, new SeededRng(8))
    run(0, 0, 7)
    for (let j = 0; j < width; j++) {
      let s = 0
      for (let r = 0; r < 7; r++) s = f(s + heap[src / 4 + r * width + j]!)
      assert.isTrue(same(heap[out / 4 + j]!, s), `column ${j}`)
    }
  })

  test('a column range that is not a multiple of 4 is refused', ({ assert }) => {
    const spec: GemmSpec = {
      a: { base: 0, row: 4, step: 4 },
      b: { base: 0, row: 4 },
      c: { base: 0, row: 4 },
      cols: [0, 6],
      k: 1,
      epilogue: { kind: 'store' },
      block: { rows: 4, vectors: 2 },
    }
    assert.throws(() => gemmFunction(spec), 'gemm: bad column range 0…6')
  })
})
