import { test } from '@japa/runner'
import { clipGradients, optimizerCall, optimizerFunctions } from '../../../../reference/runtime/fused-optimizer.ts'
import { SeededRng } from '../../../../reference/runtime/rng.ts'
import {
  adamConfig,
  rmspropConfig,
  sgdConfig,
  type OptimizerConfig,
} from '../../../../reference/runtime/training-runtime.ts'
import { assembleModule, instantiate, wasmApi } from '../../../../reference/runtime/wasm-asm.ts'

const f = Math.fround

/** One element: parameter, gradient and up to two state values, before or after a step. */
type Element = [p: number, g: number, s0: number, s1: number]

/**
 * PyTorch 1.13's updates in float32, in torch's operation order, written out in JS (the scalars rounded to
 * float32 as the kernel's f32 parameters are).
 */
function referenceStep(cfg: OptimizerConfig, lr: number, t: number, [p, g0, s0, s1]: Element): Element {
  const wd = f(cfg.weightDecay)
  const g = cfg.weightDecay === 0 ? g0 : f(g0 + f(wd * p))
  switch (cfg.kind) {
    case 'adam': {
      const m = f(f(s0 * f(cfg.beta1)) + f(g * f(1 - cfg.beta1)))
      const v = f(f(s1 * f(cfg.beta2)) + f(f(g * f(1 - cfg.beta2)) * g))
      const step = f(-(lr / (1 - cfg.beta1 ** t)))
      const denom = f(f(f(Math.sqrt(v)) / f(Math.sqrt(1 - cfg.beta2 ** t))) + f(cfg.eps))
      return [f(p + f(step * f(m / denom))), g0, m, v]
    }
    case 'sgd': {
      if (cfg.momentum === 0) return [f(p + f(f(-lr) * g)), g0, s0, s1]
      const buf = t === 1 ? g : f(f(s0 * f(cfg.momentum)) + g)
      return [f(p + f(f(-lr) * buf)), g0, buf, s1]
    }
    case 'rmsprop': {
      const s = f(f(s0 * f(cfg.alpha)) + f(f(g * f(1 - cfg.alpha)) * g))
      return [f(p + f(f(-lr) * f(g / f(f(Math.sqrt(s)) + f(cfg.eps))))), g0, s, s1]
    }
  }
}

const CASES: Array<[string, OptimizerConfig]> = [
  ['Adam', adamConfig(1e-3)],
  ['Adam with weight decay', adamConfig(1e-3, 0.01)],
  ['SGD with momentum and weight decay', sgdConfig(0.05, 0.9, 0.01)],
  ['plain SGD', sgdConfig(0.05, 0)],
  ['RMSprop with weight decay', rmspropConfig(0.002, 0.01)],
]

test.group('fused optimiser: update kernels', () => {
  for (const [title, cfg] of CASES) {
    test(`${title}: three steps over a sub-range match float32 torch-order arithmetic bitwise`, ({ assert }) => {
      const length = 64
      const base = 16 // floats
      const regions = {
        params: 4 * base,
        grads: 4 * (base + length),
        state: [4 * (base + 2 * length), 4 * (base + 3 * length)],
        length,
      }
      const memory = new wasmApi!.Memory({ initial: 1 })
      const bytes = assembleModule({ pages: 1, shared: false }, optimizerFunctions(cfg, regions))
      const exports = instantiate(new wasmApi!.Module(bytes), memory)
      const heap = new Float32Array(memory.buffer)
      const rng = new SeededRng(4)
      for (let i = 0; i < 4 * length; i++) heap[base + i] = f(rng.uniformRange(-1, 1))
      const read = (i: number): Element => [0, 1, 2, 3].map((r) => heap[base + r * length + i]!) as unknown as Element
      const expected = Array.from({ length }, (_, i) => read(i))
      for (const i of expected.keys()) expected[i]![3] = Math.abs(expected[i]![3]) // Adam's v ≥ 0
      for (const i of expected.keys()) heap[base + 3 * length + i] = expected[i]![3]
      if (cfg.kind === 'rmsprop') for (const e of expected) e[2] = Math.abs(e[2])
      for (const [i, e] of expected.entries()) heap[base + 2 * length + i] = e[2]
      ;[0.05, 0.05, 0.02].forEach((lr, k) => {
        const call = optimizerCall(cfg, lr, k + 1)
        exports[call.name]!(8, 40, ...call.args)
        for (let i = 8; i < 40; i++) expected[i] = referenceStep(cfg, lr, k + 1, expected[i]!)
      })
      for (let i = 0; i < length; i++) assert.deepEqual(read(i), expected[i], `element ${i}`)
    })
  }
})

test.group('fused optimiser: clipping', () => {
  test('scales by torch’s clamped coefficient max / (norm + 1e-6), nothing when off', ({ assert }) => {
    const grads = Float32Array.from([3, 4])
    clipGradients(grads, 0)
    assert.deepEqual(Array.from(grads), [3, 4])
    clipGradients(grads, 10)
    assert.deepEqual(Array.from(grads), [3, 4])
    clipGradients(grads, 1)
    assert.deepEqual(Array.from(grads), [f(3 * (1 / (5 + 1e-6))), f(4 * (1 / (5 + 1e-6)))])
  })
})
