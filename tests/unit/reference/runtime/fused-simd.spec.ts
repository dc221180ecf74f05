import { test } from '@japa/runner'
import { gemm } from '../../../../reference/runtime/fused-kernels.ts'
import { createSimdHeap } from '../../../../reference/runtime/fused-simd.ts'
import { SeededRng } from '../../../../reference/runtime/rng.ts'

test.group('fused SIMD kernel', () => {
  test('its 2 × 4 blocks are bitwise the scalar kernel, for plain and strided operands', ({ assert }) => {
    const rng = new SeededRng(12)
    for (const [m, n, k, transposedA] of [
      [2, 4, 1, false],
      [6, 8, 13, false],
      [8, 12, 32, true],
      [32, 24, 50, false],
    ] as const) {
      const aSize = m * k
      const bSize = k * n
      const { heap, kernel } = createSimdHeap(aSize + bSize + 2 * m * n + 2)
      assert.isNotNull(kernel, 'Node 20 runs WebAssembly SIMD')
      for (let i = 0; i < aSize + bSize; i++) heap[i] = Math.fround(rng.uniformRange(-1, 1))
      heap[1] = -0
      const aRow = transposedA ? 1 : k
      const aStep = transposedA ? m : 1
      const bOff = aSize
      const cOff = aSize + bSize + ((aSize + bSize) & 1)
      kernel!(0, aRow * 8, aStep * 8, bOff * 8, n * 8, cOff * 8, n * 8, m, n, k)
      const expected = new Float64Array(m * n)
      gemm(heap, 0, aRow, aStep, heap, bOff, 1, n, expected, 0, n, m, n, k)
      for (let i = 0; i < m * n; i++) {
        assert.isTrue(Object.is(heap[cOff + i], expected[i]), `m=${m} n=${n} k=${k} element ${i}`)
      }
    }
  })

  test('the scalar kernel writes a sub-block of a wider output through cOff and ldc', ({ assert }) => {
    const a = Float64Array.from([1, 2, 3, 4])
    const b = Float64Array.from([5, 6, 7, 8])
    const c = new Float64Array(6).fill(-1)
    gemm(a, 0, 2, 1, b, 0, 1, 2, c, 1, 3, 2, 2, 2)
    assert.deepEqual(Array.from(c), [-1, 19, 22, -1, 43, 50])
  })
})
