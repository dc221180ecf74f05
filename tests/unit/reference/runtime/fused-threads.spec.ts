import { test } from '@japa/runner'
import { FusedModel } from '../../../../reference/runtime/fused-runtime.ts'
import { kernelPool, SplitTuner } from '../../../../reference/runtime/fused-threads.ts'
import { SeededRng } from '../../../../reference/runtime/rng.ts'
import { adamConfig, initParameters, weightsSha256 } from '../../../../reference/runtime/training-runtime.ts'
import { assembleModule, I32, instantiate, op, seq, wasmApi } from '../../../../reference/runtime/wasm-asm.ts'
import { DETERMINISM_SPEC } from './fixtures/specs.ts'
import { makeDataset } from './fixtures/synthetic-batches.ts'

/** `fill(a, b, value)`: the i32 words a ≤ i < b of the memory get `value`. */
function fillModule(): Uint8Array {
  const [A, B, V] = [0, 1, 2]
  const body = seq(
    op.block,
    op.loop,
    op.get(A),
    op.get(B),
    op.i32GeS,
    op.brIf(1),
    op.get(A),
    op.i32(4),
    op.i32Mul,
    op.get(V),
    op.i32Store(0),
    op.get(A),
    op.i32(1),
    op.i32Add,
    op.set(A),
    op.br(0),
    op.end,
    op.end,
  )
  return assembleModule({ pages: 1, shared: true }, [{ name: 'fill', params: [I32, I32, I32], locals: [], body }])
}

test.group('fused worker pool', () => {
  test('the parts of a call list run on the workers and this thread, on the shared memory', ({ assert }) => {
    const module = new wasmApi!.Module(fillModule())
    const memory = new wasmApi!.Memory({ initial: 1, maximum: 1, shared: true })
    const fill = instantiate(module, memory).fill!
    const pool = kernelPool(3)
    const model = pool.register(module, memory, ['fill'], [fill])
    pool.run(
      model,
      [
        [[0, 0, 10, 1]],
        [[0, 10, 20, 2]],
        [
          [0, 20, 25, 3],
          [0, 25, 30, 4],
        ],
      ],
      [],
    )
    const words = Array.from(new Int32Array(memory.buffer, 0, 31))
    assert.deepEqual(words, [
      ...new Array<number>(10).fill(1),
      ...new Array<number>(10).fill(2),
      ...new Array<number>(5).fill(3),
      ...new Array<number>(5).fill(4),
      0,
    ])
  })

  test('a kernel that traps fails the call with its message, on whichever thread ran it; the pool goes on working', ({
    assert,
  }) => {
    const module = new wasmApi!.Module(fillModule())
    const memory = new wasmApi!.Memory({ initial: 1, maximum: 1, shared: true })
    const fill = instantiate(module, memory).fill!
    const pool = kernelPool(2)
    const model = pool.register(module, memory, ['fill'], [fill])
    assert.throws(() => pool.run(model, [[], [[0, 16383, 16390, 7]]], []), /out of bounds/)
    pool.run(model, [[], [[0, 0, 2, 9]]], [])
    assert.deepEqual(Array.from(new Int32Array(memory.buffer, 0, 2)), [9, 9])
    assert.throws(() => pool.run(model, [[], [], []], []), 'cpu-fused: 3 parts for 2 threads')
  })

  test('more models than a worker keeps are attached again when used again, with unchanged results', ({ assert }) => {
    const data = makeDataset(DETERMINISM_SPEC, 64, 3)
    const batch = { x: data.x, y: data.y, symbols: data.symbols, rows: 64 }
    const train = (threads: number): string[] => {
      const models = Array.from(
        { length: 6 },
        (_, i) =>
          new FusedModel(DETERMINISM_SPEC, initParameters(DETERMINISM_SPEC, new SeededRng(i)), adamConfig(1e-2), {
            threads,
            split: 'always',
          }),
      )
      const rng = new SeededRng(1)
      for (let round = 0; round < 2; round++) for (const model of models) model.trainStep(batch, rng)
      return models.map((m) => weightsSha256(m.getParameters()))
    }
    assert.deepEqual(train(2), train(1))
  })

  test('the tuner warms up on one thread, alternates blocks of the modes, keeps the faster, re-times the other', ({
    assert,
  }) => {
    const tuner = new SplitTuner(2)
    const modes: number[] = []
    // one thread takes 10 ms, the split 6 ms, except a split step after a one-thread step (cold workers): 90 ms
    for (let step = 0; step < 70; step++) {
      const parts = tuner.parts(256)
      modes.push(parts)
      tuner.record(256, parts, parts === 1 ? 10 : modes[step - 1] === 1 ? 90 : 6)
    }
    assert.deepEqual(modes.slice(0, 16), [1, 1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2, 1, 1, 1])
    assert.deepEqual(modes.slice(16, 37), new Array<number>(21).fill(2))
    assert.deepEqual(modes.slice(37, 40), [1, 1, 1], 'one thread re-timed for a block every 24 steps')
    assert.deepEqual(modes.slice(40, 61), new Array<number>(21).fill(2))
    assert.deepEqual(modes.slice(61, 64), [1, 1, 1])
    // when the split becomes slow (a busy machine), one thread takes over
    for (let step = 0; step < 5; step++) tuner.record(256, 2, 50)
    assert.equal(tuner.parts(256), 1)
    assert.equal(new SplitTuner(1).parts(256), 1)
  })

  test('with the tuner deciding step by step, training gives the bits of one thread', ({ assert }) => {
    const data = makeDataset(DETERMINISM_SPEC, 1000, 4)
    const batch = { x: data.x, y: data.y, symbols: data.symbols, rows: 1000 }
    const train = (threads: number): string => {
      const model = new FusedModel(
        DETERMINISM_SPEC,
        initParameters(DETERMINISM_SPEC, new SeededRng(2)),
        adamConfig(1e-2),
        {
          threads,
        },
      )
      const rng = new SeededRng(6)
      for (let step = 0; step < 12; step++) model.trainStep(batch, rng)
      return weightsSha256(model.getParameters())
    }
    assert.equal(train(2), train(1))
  }).timeout(60_000)
})
