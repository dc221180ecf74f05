import { test } from '@japa/runner'
import { memoryPages, planFunctions, planModel } from '../../../../reference/runtime/fused-plan.ts'
import { SeededRng } from '../../../../reference/runtime/rng.ts'
import {
  adamConfig,
  dropoutMaskRule,
  drawDropoutMasks,
  type MlpSpec,
} from '../../../../reference/runtime/training-runtime.ts'
import { assembleModule, instantiate, wasmApi } from '../../../../reference/runtime/wasm-asm.ts'
import { DETERMINISM_SPEC } from './fixtures/specs.ts'

/** Features not a multiple of 4 (9), so the embedding's input columns start inside a vector. */
const SPEC: MlpSpec = { ...DETERMINISM_SPEC, inputSize: 9, dropout: 0.3 }

function instantiatePlan(spec: MlpSpec, rows: number) {
  const optimizer = adamConfig(1e-3)
  const plan = planModel(spec, optimizer, rows)
  const memory = new wasmApi!.Memory({ initial: memoryPages(plan) })
  const bytes = assembleModule({ pages: memoryPages(plan), shared: false }, planFunctions(plan, optimizer))
  const exports = instantiate(new wasmApi!.Module(bytes), memory)
  return { plan, exports: exports as Record<string, (...args: number[]) => void>, memory }
}

test.group('fused plan: layout and helper kernels', () => {
  test('buffers do not overlap and every one starts on a 64-byte boundary', ({ assert }) => {
    const plan = planModel(SPEC, adamConfig(1e-3), 37)
    const regions: Array<[string, number, number]> = [
      ['params', plan.params, plan.paramLength * 4],
      ['grads', plan.grads, plan.paramLength * 4],
      ...plan.state.map((s, i): [string, number, number] => [`state${i}`, s, plan.paramLength * 4]),
      ['logits', plan.logits, 37 * 16],
      ['rowGrad', plan.embedding!.rowGrad, 37 * 4 * (plan.embedding!.col1 - plan.embedding!.col0)],
    ]
    plan.layers.forEach((l, k) => {
      regions.push([`x${k}`, l.x, 37 * l.xRow], [`dz${k}`, l.dz, 37 * l.outRow])
      if (l.w !== null) regions.push([`w${k}`, l.w, l.out * l.fanInPad * 4])
      if (l.f !== null) regions.push([`f${k}`, l.f, 37 * l.outRow])
      if (l.mask !== null) regions.push([`mask${k}`, l.mask, (37 * l.out + 4) * 4])
    })
    regions.sort((a, b) => a[1] - b[1])
    for (let i = 0; i < regions.length; i++) {
      const [name, start, size] = regions[i]!
      assert.equal(start % 64, 0, name)
      if (i + 1 < regions.length)
        assert.isAtMost(start + size, regions[i + 1]![1], `${name} overlaps ${regions[i + 1]![0]}`)
      assert.isAtMost(start + size, plan.bytes, name)
    }
    assert.equal(plan.paramLength % 4, 0)
  })

  test('the mask kernel draws the words and values of drawDropoutMasks and leaves the same generator state', ({
    assert,
  }) => {
    const rows = 13
    const { plan, exports, memory } = instantiatePlan(SPEC, rows)
    const expected = drawDropoutMasks(SPEC, rows, new SeededRng(21))
    const reference = new SeededRng(21)
    drawDropoutMasks(SPEC, rows, reference)
    const rng = new SeededRng(21)
    const { threshold, scale } = dropoutMaskRule(SPEC.dropout)
    const words = new Uint32Array(memory.buffer, plan.rngState, 4)
    const scaleBits = new Int32Array(Float32Array.of(scale).buffer)[0]!
    rng.drawExternally(rows * 17, (state) => {
      words.set(state)
      for (const l of plan.layers.slice(0, -1)) exports.masks!(l.mask!, rows * l.out, threshold, scaleBits)
      state.set(words)
    })
    const heap = new Float32Array(memory.buffer)
    plan.layers.slice(0, -1).forEach((l, k) => {
      assert.deepEqual(Array.from(heap.subarray(l.mask! / 4, l.mask! / 4 + rows * l.out)), Array.from(expected[k]!))
    })
    assert.equal(rng.draws, reference.draws)
    assert.equal(rng.nextUint32(), reference.nextUint32())
  })

  test('the pack kernel copies Wᵀ rows into W columns (4 × 4 blocks and single rows) and leaves the rest alone', ({
    assert,
  }) => {
    const { plan, exports, memory } = instantiatePlan({ ...SPEC, embedding: null, hiddenLayers: [10, 7, 8] }, 4)
    const heap = new Float32Array(memory.buffer)
    for (const [k, from, to] of [
      [1, 1, 10], // 10 → 7: two blocks of four rows and one single row; a partial last column vector
      [2, 0, 7], // 7 → 8: one block, three single rows; whole column vectors
      [1, 2, 3],
    ] as const) {
      const l = plan.layers[k]!
      for (let i = 0; i < l.fanIn * l.outPad; i++) heap[l.wt / 4 + i] = i + 0.5
      heap.fill(-1, l.w! / 4, l.w! / 4 + l.out * l.fanInPad)
      exports[`pack${k}`]!(from, to, 0)
      for (let o = 0; o < l.out; o++) {
        for (let i = 0; i < l.fanInPad; i++) {
          const want = i >= from && i < to ? heap[l.wt / 4 + i * l.outPad + o]! : -1
          assert.equal(heap[l.w! / 4 + o * l.fanInPad + i], want, `layer ${k} [${from}, ${to}): W(${o}, ${i})`)
        }
      }
    }
  })
})
