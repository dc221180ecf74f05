import { test } from '@japa/runner'
import { clipGradients, optimizerFunctions } from '../../../../reference/runtime/fused-optimizer.ts'
import { SeededRng } from '../../../../reference/runtime/rng.ts'
import { adamConfig } from '../../../../reference/runtime/training-runtime.ts'
import { assembleModule, instantiate, wasmApi } from '../../../../reference/runtime/wasm-asm.ts'

const f = Math.fround

/** Adam in float32 with torch's operation order, written out in JS. */
function adamReference(
  p: number,
  g: number,
  m: number,
  v: number,
  s: { b1: number; c1: number; b2: number; c2: number; wd: number; neg: number; bc2: number; eps: number },
): [number, number, number] {
  const gd = s.wd === 0 ? g : f(g + f(s.wd * p))
  const m1 = f(f(m * s.b1) + f(gd * s.c1))
  const v1 = f(f(v * s.b2) + f(f(gd * s.c2) * gd))
  const denom = f(f(f(Math.sqrt(v1)) / s.bc2) + s.eps)
  return [f(p + f(s.neg * f(m1 / denom))), m1, v1]
}

test.group('fused optimiser: Adam kernel', () => {
  for (const weightDecay of [0, 0.01]) {
    test(`matches float32 Adam in torch's order bitwise over a range (weight decay ${weightDecay})`, ({ assert }) => {
      const length = 64
      const regions = { params: 64, grads: 64 + 4 * length, state: [64 + 8 * length, 64 + 12 * length], length }
      const memory = new wasmApi!.Memory({ initial: 1 })
      const fns = optimizerFunctions(adamConfig(1e-3, weightDecay), regions)
      const bytes = assembleModule({ pages: 1, shared: false }, fns)
      const adam = instantiate(new wasmApi!.Module(bytes), memory).adam as (...args: number[]) => void
      const heap = new Float32Array(memory.buffer)
      const rng = new SeededRng(4)
      for (let i = 0; i < 4 * length; i++) heap[16 + i] = f(rng.uniformRange(-1, 1))
      for (let i = 0; i < length; i++) heap[16 + 3 * length + i] = Math.abs(heap[16 + 3 * length + i]!) // v ≥ 0
      const before = heap.slice(16, 16 + 4 * length)
      const s = {
        b1: 0.9,
        c1: f(1 - 0.9),
        b2: 0.999,
        c2: f(1 - 0.999),
        wd: weightDecay,
        neg: -0.0123,
        bc2: 0.05,
        eps: 1e-8,
      }
      adam(8, 40, 0.9, 1 - 0.9, 0.999, 1 - 0.999, weightDecay, -0.0123, 0.05, 1e-8)
      const sf = { ...s, b1: f(s.b1), b2: f(s.b2), wd: f(s.wd), neg: f(s.neg), bc2: f(s.bc2), eps: f(s.eps) }
      for (let i = 0; i < length; i++) {
        const [p, g, m, v] = [0, 1, 2, 3].map((r) => before[r * length + i]!) as [number, number, number, number]
        const want = i >= 8 && i < 40 ? adamReference(p, g, m, v, sf) : [p, m, v]
        assert.deepEqual([heap[16 + i], heap[16 + 2 * length + i], heap[16 + 3 * length + i]], want, `element ${i}`)
      }
    })
  }
})

test.group('fused optimiser: clipping', () => {
  test('scales by max / (norm + 1e-6) only when the norm exceeds the maximum', ({ assert }) => {
    const grads = Float32Array.from([3, 4])
    clipGradients(grads, 10)
    assert.deepEqual(Array.from(grads), [3, 4])
    clipGradients(grads, 0)
    assert.deepEqual(Array.from(grads), [3, 4])
    clipGradients(grads, 1)
    assert.deepEqual(Array.from(grads), [f(3 * (1 / (5 + 1e-6))), f(4 * (1 / (5 + 1e-6)))])
  })
})
