import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { test } from '@japa/runner'
import { FusedModel, fusedRuntime } from '../../../../reference/runtime/fused-runtime.ts'
import { clipCoefficient } from '../../../../reference/runtime/optimizer-math.ts'
import { SeededRng } from '../../../../reference/runtime/rng.ts'
import {
  adamConfig,
  drawDropoutMasks,
  rmspropConfig,
  sgdConfig,
  initParameters,
  weightsSha256,
  type Activation,
  type AdamConfig,
  type MlpSpec,
  type OptimizerConfig,
  type ParamTensor,
  type TrainBatch,
} from '../../../../reference/runtime/training-runtime.ts'
import { DETERMINISM_SPEC } from './fixtures/specs.ts'
import { makeDataset, trainOneEpoch } from './fixtures/synthetic-batches.ts'

const run = promisify(execFile)

function tinySpec(activation: Activation): MlpSpec {
  return {
    inputSize: 3,
    hiddenLayers: [4, 3],
    outputSize: 3,
    activation,
    dropout: 0.5,
    embedding: { numSymbols: 3, dim: 2 },
  }
}

/** Symbol 1 is never used, so its embedding gradient must be exactly zero. */
const TINY_SYMBOLS = new Int32Array([0, 2, 2, 0, 0])

function tinyBatch(spec: MlpSpec): TrainBatch {
  const data = makeDataset(spec, 5, 11)
  return { x: data.x, y: data.y, symbols: TINY_SYMBOLS, rows: 5 }
}

/** Hand-made inverted-dropout masks (p = 0.5): some units dropped, the rest scaled by 2. */
function tinyMasks(spec: MlpSpec, rows: number): Float32Array[] {
  return spec.hiddenLayers.map((w, k) => Float32Array.from({ length: rows * w }, (_, i) => ((i + k) % 3 === 0 ? 0 : 2)))
}

/** Float64 forward + mean cross-entropy written independently of the runtime, for finite differences. */
function referenceLoss(
  spec: MlpSpec,
  params: Float64Array[],
  batch: TrainBatch,
  masks: readonly Float32Array[] | null,
): number {
  const act = (z: number): number => {
    if (spec.activation === 'tanh') return Math.tanh(z)
    if (spec.activation === 'sigmoid') return 1 / (1 + Math.exp(-z))
    if (spec.activation === 'leaky_relu') return z > 0 ? z : 0.01 * z
    return Math.max(0, z)
  }
  const emb = params[0]!
  const dim = spec.embedding!.dim
  let total = 0
  for (let r = 0; r < batch.rows; r++) {
    let a: number[] = Array.from(batch.x.subarray(r * spec.inputSize, (r + 1) * spec.inputSize))
    const sym = batch.symbols ? batch.symbols[r]! : 0
    a = a.concat(Array.from(emb.subarray(sym * dim, (sym + 1) * dim)))
    const layers = spec.hiddenLayers.length + 1
    for (let k = 0; k < layers; k++) {
      const w = params[1 + 2 * k]!
      const b = params[2 + 2 * k]!
      const out: number[] = []
      for (let o = 0; o < b.length; o++) {
        let s = b[o]!
        for (let i = 0; i < a.length; i++) s += w[o * a.length + i]! * a[i]!
        if (k < layers - 1) {
          s = act(s)
          if (masks) s *= masks[k]![r * b.length + o]!
        }
        out.push(s)
      }
      a = out
    }
    const max = Math.max(...a)
    const lse = max + Math.log(a.reduce((acc, l) => acc + Math.exp(l - max), 0))
    total += lse - a[batch.y[r]!]!
  }
  return total / batch.rows
}

test.group('cpu-fused runtime: gradients', () => {
  for (const activation of ['tanh', 'sigmoid', 'leaky_relu', 'relu'] as const) {
    test(`analytic gradients match float64 central differences (${activation})`, ({ assert }) => {
      const spec = tinySpec(activation)
      const params = initParameters(spec, new SeededRng(3))
      const batch = tinyBatch(spec)
      const masks = tinyMasks(spec, batch.rows)
      const model = new FusedModel(spec, params, adamConfig(1e-3))

      const { loss, grads } = model.lossAndGradients(batch, masks)

      const p64 = params.map((p) => Float64Array.from(p.values))
      assert.closeTo(loss, referenceLoss(spec, p64, batch, masks), 1e-6)
      const h = 1e-6
      let worst = 0
      p64.forEach((values, t) => {
        for (let i = 0; i < values.length; i++) {
          const keep = values[i]!
          values[i] = keep + h
          const up = referenceLoss(spec, p64, batch, masks)
          values[i] = keep - h
          const down = referenceLoss(spec, p64, batch, masks)
          values[i] = keep
          const fd = (up - down) / (2 * h)
          worst = Math.max(worst, Math.abs(grads[t]!.values[i]! - fd) / (1e-4 + Math.abs(fd)))
        }
      })
      assert.isBelow(worst, 1e-3)
      const unusedRow = grads[0]!.values.subarray(2, 4)
      assert.deepEqual(Array.from(unusedRow), [0, 0])
      assert.isAbove(Math.abs(grads[0]!.values[0]!) + Math.abs(grads[0]!.values[4]!), 0)
    })
  }

  test('predictLogits is the eval-mode forward, features first then the embedding row', ({ assert }) => {
    const spec = tinySpec('tanh')
    const params = initParameters(spec, new SeededRng(5))
    const batch = tinyBatch(spec)
    const model = fusedRuntime.createModel(spec, params, adamConfig(1e-3))
    const logits = model.predictLogits(batch.x, batch.rows, batch.symbols)
    const p64 = params.map((p) => Float64Array.from(p.values))
    for (let r = 0; r < batch.rows; r++) {
      const one: TrainBatch = {
        x: batch.x.subarray(r * 3, r * 3 + 3),
        y: new Int32Array([0]),
        symbols: batch.symbols!.subarray(r, r + 1),
        rows: 1,
      }
      const m = new FusedModel(spec, params, adamConfig(1e-3))
      const { loss } = m.lossAndGradients(one, [])
      assert.closeTo(loss, referenceLoss(spec, p64, one, null), 1e-6)
      const row = Array.from(logits.subarray(r * 3, r * 3 + 3))
      const max = Math.max(...row)
      const lse = max + Math.log(row.reduce((s, l) => s + Math.exp(l - max), 0))
      assert.closeTo(lse - row[0]!, loss, 1e-6)
    }
  })

  test('null symbols mean embedding row 0; each row reads only its own symbol', ({ assert }) => {
    const spec = tinySpec('relu')
    const params = initParameters(spec, new SeededRng(9))
    const batch = tinyBatch(spec)
    const model = fusedRuntime.createModel(spec, params, adamConfig(1e-3))
    const zeros = new Int32Array(batch.rows)
    assert.deepEqual(model.predictLogits(batch.x, batch.rows, null), model.predictLogits(batch.x, batch.rows, zeros))

    const before = model.predictLogits(batch.x, batch.rows, TINY_SYMBOLS)
    const moved = params.map((p) => ({ ...p, values: p.values.slice() }))
    moved[0]!.values[4] = (moved[0]!.values[4] ?? 0) + 5
    moved[0]!.values[5] = (moved[0]!.values[5] ?? 0) - 5
    const after = fusedRuntime
      .createModel(spec, moved, adamConfig(1e-3))
      .predictLogits(batch.x, batch.rows, TINY_SYMBOLS)
    for (let r = 0; r < batch.rows; r++) {
      const changed = [0, 1, 2].some((c) => before[r * 3 + c] !== after[r * 3 + c])
      assert.equal(changed, TINY_SYMBOLS[r] === 2, `row ${r} (symbol ${TINY_SYMBOLS[r]})`)
    }
  })
})

/** Float64 Adam over float32 gradients, PyTorch semantics, for comparison with the runtime's update. */
function handAdam(
  cfg: AdamConfig,
  p: Float64Array,
  g: Float64Array,
  m: Float64Array,
  v: Float64Array,
  t: number,
): void {
  for (let i = 0; i < p.length; i++) {
    const gi = g[i]! + cfg.weightDecay * p[i]!
    m[i] = cfg.beta1 * m[i]! + (1 - cfg.beta1) * gi
    v[i] = cfg.beta2 * v[i]! + (1 - cfg.beta2) * gi * gi
    const denom = Math.sqrt(v[i]!) / Math.sqrt(1 - cfg.beta2 ** t) + cfg.eps
    p[i] = p[i]! - (cfg.learningRate / (1 - cfg.beta1 ** t)) * (m[i]! / denom)
  }
}

function flat(tensors: readonly ParamTensor[]): Float64Array {
  return Float64Array.from(tensors.flatMap((t) => Array.from(t.values)))
}

test.group('cpu-fused runtime: optimiser', () => {
  test('three Adam steps with weight decay match a hand-computed update', ({ assert }) => {
    const spec = { ...tinySpec('tanh'), dropout: 0 }
    const cfg = adamConfig(0.01, 0.05)
    const model = new FusedModel(spec, initParameters(spec, new SeededRng(21)), cfg)
    const batch = tinyBatch(spec)
    const p = flat(model.getParameters())
    const m = new Float64Array(p.length)
    const v = new Float64Array(p.length)
    for (let t = 1; t <= 3; t++) {
      const g = flat(model.lossAndGradients(batch, []).grads)
      handAdam(cfg, p, g, m, v, t)
      model.trainStep(batch, new SeededRng(0))
      const got = flat(model.getParameters())
      let worst = 0
      for (let i = 0; i < p.length; i++) worst = Math.max(worst, Math.abs(got[i]! - p[i]!))
      assert.isBelow(worst, 2e-6, `step ${t}`)
      p.set(got)
    }
  })

  test('global-norm clipping scales every gradient by max / (norm + 1e-6) before Adam', ({ assert }) => {
    const spec = { ...tinySpec('sigmoid'), dropout: 0 }
    const clipped: AdamConfig = { ...adamConfig(0.01, 0.05, 0.01), eps: 1e-2 }
    const params = initParameters(spec, new SeededRng(22))
    const batch = tinyBatch(spec)
    const g = flat(new FusedModel(spec, params, clipped).lossAndGradients(batch, []).grads)
    const norm = Math.sqrt(g.reduce((s, x) => s + x * x, 0))
    assert.isAbove(norm, 0.01)
    const scaled = g.map((x) => x * (0.01 / (norm + 1e-6)))
    const expected = flat(params)
    handAdam(clipped, expected, scaled, new Float64Array(g.length), new Float64Array(g.length), 1)
    const unclipped = flat(params)
    handAdam(clipped, unclipped, g, new Float64Array(g.length), new Float64Array(g.length), 1)

    const model = new FusedModel(spec, params, clipped)
    model.trainStep(batch, new SeededRng(0))
    const got = flat(model.getParameters())

    let worst = 0
    let gap = 0
    for (let i = 0; i < got.length; i++) {
      worst = Math.max(worst, Math.abs(got[i]! - expected[i]!))
      gap = Math.max(gap, Math.abs(expected[i]! - unclipped[i]!))
    }
    assert.isBelow(worst, 2e-6)
    assert.isAbove(gap, 1e-4)
  })
})

/** Float64 SGD (dampening 0, no Nesterov) / RMSprop (alpha, eps, no momentum) steps, PyTorch 1.13 formulas. */
function handStep(
  cfg: OptimizerConfig,
  lr: number,
  p: Float64Array,
  g: Float64Array,
  state: Float64Array,
  t: number,
): void {
  for (let i = 0; i < p.length; i++) {
    const gi = g[i]! + cfg.weightDecay * p[i]!
    if (cfg.kind === 'sgd') {
      const d = cfg.momentum === 0 ? gi : t === 1 ? gi : cfg.momentum * state[i]! + gi
      state[i] = d
      p[i] = p[i]! - lr * d
    } else if (cfg.kind === 'rmsprop') {
      state[i] = cfg.alpha * state[i]! + (1 - cfg.alpha) * gi * gi
      p[i] = p[i]! - (lr * gi) / (Math.sqrt(state[i]!) + cfg.eps)
    }
  }
}

test.group('cpu-fused runtime: SGD, RMSprop and the learning rate', () => {
  const cases: Array<{ title: string; cfg: OptimizerConfig; rates: number[] }> = [
    { title: 'SGD with momentum 0.9 and weight decay', cfg: sgdConfig(0.05, 0.9, 0.01), rates: [0.05, 0.05, 0.005] },
    { title: 'plain SGD (momentum 0)', cfg: sgdConfig(0.05, 0, 0), rates: [0.05, 0.02, 0.02] },
    { title: 'RMSprop with weight decay', cfg: rmspropConfig(0.002, 0.01), rates: [0.002, 0.001, 0.001] },
  ]
  for (const c of cases) {
    test(`${c.title}: three steps, the last ones at a new learning rate, match a hand-computed update`, ({
      assert,
    }) => {
      const spec = { ...tinySpec('tanh'), dropout: 0 }
      const model = new FusedModel(spec, initParameters(spec, new SeededRng(23)), c.cfg)
      const batch = tinyBatch(spec)
      const p = flat(model.getParameters())
      const state = new Float64Array(p.length)
      c.rates.forEach((lr, k) => {
        const g = flat(model.lossAndGradients(batch, []).grads)
        handStep(c.cfg, lr, p, g, state, k + 1)
        model.setLearningRate(lr)
        model.trainStep(batch, new SeededRng(0))
        const got = flat(model.getParameters())
        let worst = 0
        for (let i = 0; i < p.length; i++) worst = Math.max(worst, Math.abs(got[i]! - p[i]!))
        assert.isBelow(worst, 2e-6, `step ${k + 1}`)
        p.set(got)
      })
    })
  }

  test('setLearningRate changes the Adam step size and nothing else', ({ assert }) => {
    const spec = { ...tinySpec('relu'), dropout: 0 }
    const params = initParameters(spec, new SeededRng(24))
    const batch = tinyBatch(spec)
    const base = new FusedModel(spec, params, adamConfig(0.01))
    const halved = new FusedModel(spec, params, adamConfig(0.01))
    base.trainStep(batch, new SeededRng(0))
    halved.trainStep(batch, new SeededRng(0))
    assert.equal(weightsSha256(base.getParameters()), weightsSha256(halved.getParameters()))
    const before = flat(halved.getParameters())
    halved.setLearningRate(0.005)
    base.trainStep(batch, new SeededRng(0))
    halved.trainStep(batch, new SeededRng(0))
    const full = flat(base.getParameters())
    const half = flat(halved.getParameters())
    let worst = 0
    for (let i = 0; i < full.length; i++) {
      worst = Math.max(worst, Math.abs(half[i]! - before[i]! - (full[i]! - before[i]!) / 2))
    }
    assert.isBelow(worst, 1e-7)
    assert.notEqual(weightsSha256(base.getParameters()), weightsSha256(halved.getParameters()))
  })
})

test.group('optimiser math: clip coefficient', () => {
  test('max / (norm + 1e-6) clamped to 1, NaN kept, 1 when clipping is off', ({ assert }) => {
    assert.equal(clipCoefficient(4, 1), 1 / (4 + 1e-6))
    assert.equal(clipCoefficient(0.5, 1), 1)
    assert.equal(clipCoefficient(1, 1), 1 / (1 + 1e-6))
    assert.isTrue(Number.isNaN(clipCoefficient(Number.NaN, 1)))
    assert.equal(clipCoefficient(Number.POSITIVE_INFINITY, 1), 0)
    assert.equal(clipCoefficient(100, 0), 1)
  })
})

test.group('cpu-fused runtime: randomness and determinism', () => {
  test('buffers grow for a larger batch, and long evaluations run in chunks, without changing any result', ({
    assert,
  }) => {
    const params = initParameters(DETERMINISM_SPEC, new SeededRng(4))
    const data = makeDataset(DETERMINISM_SPEC, 2500, 6)
    const whole = fusedRuntime
      .createModel(DETERMINISM_SPEC, params, adamConfig(1e-3))
      .predictLogits(data.x, data.rows, data.symbols)
    const chunked = fusedRuntime.createModel(DETERMINISM_SPEC, params, adamConfig(1e-3))
    const width = DETERMINISM_SPEC.inputSize
    for (const start of [0, 50, 1000, 2450]) {
      const part = chunked.predictLogits(
        data.x.subarray(start * width, (start + 50) * width),
        50,
        data.symbols!.subarray(start, start + 50),
      )
      assert.deepEqual(Array.from(part), Array.from(whole.subarray(start * 3, (start + 50) * 3)))
    }
  })

  test('dropout 0 draws nothing; dropout p draws one 32-bit word per hidden unit and row', ({ assert }) => {
    const batch = tinyBatch(tinySpec('relu'))
    const noDropout = { ...tinySpec('relu'), dropout: 0 }
    const rng = new SeededRng(1)
    fusedRuntime
      .createModel(noDropout, initParameters(noDropout, new SeededRng(2)), adamConfig(1e-3))
      .trainStep(batch, rng)
    assert.equal(rng.draws, 0)
    const withDropout = tinySpec('relu')
    fusedRuntime
      .createModel(withDropout, initParameters(withDropout, new SeededRng(2)), adamConfig(1e-3))
      .trainStep(batch, rng)
    assert.equal(rng.draws, batch.rows * (4 + 3))
  })

  test('dropout masks: word < ⌊(1−p)·2³²⌋ keeps a unit at fround(1/(1−p)); refilling in place changes nothing', ({
    assert,
  }) => {
    const spec = { ...tinySpec('relu'), dropout: 0.3 }
    const words = new Uint32Array(6 * (4 + 3))
    new SeededRng(4).fillUint32(words)
    const rng = new SeededRng(4)
    const masks = drawDropoutMasks(spec, 6, rng)
    assert.equal(rng.draws, words.length)
    const flatMasks = masks.flatMap((m) => Array.from(m))
    const threshold = Math.floor(0.7 * 2 ** 32)
    assert.deepEqual(
      flatMasks,
      Array.from(words, (w) => (w < threshold ? Math.fround(1 / 0.7) : 0)),
    )
    const again = drawDropoutMasks(spec, 6, new SeededRng(4), masks)
    assert.strictEqual(again[0], masks[0])
    assert.deepEqual(
      again.flatMap((m) => Array.from(m)),
      flatMasks,
    )
    const wrongSize = drawDropoutMasks(spec, 5, new SeededRng(4), masks)
    assert.notStrictEqual(wrongSize[0], masks[0])
    assert.deepEqual(wrongSize.flatMap((m) => Array.from(m)).slice(0, 20), flatMasks.slice(0, 20))
  })

  for (const [label, spec, optimizer] of [
    ['ReLU, dropout, embedding', DETERMINISM_SPEC, adamConfig(1e-2, 1e-4)],
    ['with gradient clipping', DETERMINISM_SPEC, adamConfig(1e-2, 0, 0.05)],
    ['tanh (activation in JS)', { ...DETERMINISM_SPEC, activation: 'tanh' }, adamConfig(1e-2)],
    ['no embedding, no dropout', { ...DETERMINISM_SPEC, embedding: null, dropout: 0 }, adamConfig(1e-2)],
    ['SGD with momentum', DETERMINISM_SPEC, sgdConfig(0.05, 0.9, 1e-4)],
    ['RMSprop with clipping', DETERMINISM_SPEC, rmspropConfig(1e-3, 0, 0.05)],
  ] as const) {
    test(`1, 2 and 3 threads train bitwise the same weights and losses (${label})`, ({ assert }) => {
      const data = makeDataset(spec, 150, 8)
      const train = (threads: number): string => {
        // every step is split (split: 'always'), including the short last batch
        const model = new FusedModel(spec, initParameters(spec, new SeededRng(3)), optimizer, {
          threads,
          split: 'always',
        })
        const rng = new SeededRng(5)
        const losses: number[] = []
        for (const [start, rows] of [
          [0, 64],
          [64, 61],
          [125, 25],
        ] as const) {
          const step = model.trainStep(
            {
              x: data.x.subarray(start * spec.inputSize),
              y: data.y.subarray(start, start + rows),
              symbols: data.symbols ? data.symbols.subarray(start, start + rows) : null,
              rows,
            },
            rng,
          )
          losses.push(step.loss)
        }
        const logits = model.predictLogits(data.x, data.rows, data.symbols)
        return `${weightsSha256(model.getParameters())} ${losses.join(',')} ${Array.from(logits).join(',')}`
      }
      const one = train(1)
      assert.equal(train(2), one)
      assert.equal(train(3), one)
    }).timeout(60_000)
  }

  test('an engine with relaxed SIMD enabled computes the same weights (no engine-dependent operation is used)', async ({
    assert,
  }) => {
    const script = fileURLToPath(new URL('./fixtures/fused-train-sha.ts', import.meta.url))
    const relaxed = await run(process.execPath, ['--experimental-wasm-relaxed-simd', '--import', 'tsx', script, '7'])
    const here = weightsSha256(
      trainOneEpoch(fusedRuntime, DETERMINISM_SPEC, makeDataset(DETERMINISM_SPEC, 200, 8), 7, 32).params,
    )
    assert.equal(relaxed.stdout.trim(), here)
  }).timeout(60_000)

  test('the same seed twice gives identical weights; another seed does not', ({ assert }) => {
    const data = makeDataset(DETERMINISM_SPEC, 200, 8)
    const a = weightsSha256(trainOneEpoch(fusedRuntime, DETERMINISM_SPEC, data, 7, 32).params)
    const b = weightsSha256(trainOneEpoch(fusedRuntime, DETERMINISM_SPEC, data, 7, 32).params)
    const c = weightsSha256(trainOneEpoch(fusedRuntime, DETERMINISM_SPEC, data, 8, 32).params)
    assert.equal(a, b)
    assert.notEqual(a, c)
  })

  test('two child processes produce the same weights digest as this one', async ({ assert }) => {
    const script = fileURLToPath(new URL('./fixtures/fused-train-sha.ts', import.meta.url))
    const child = () => run(process.execPath, ['--import', 'tsx', script, '7'], { cwd: process.cwd() })
    const [first, second] = await Promise.all([child(), child()])
    const here = weightsSha256(
      trainOneEpoch(fusedRuntime, DETERMINISM_SPEC, makeDataset(DETERMINISM_SPEC, 200, 8), 7, 32).params,
    )
    assert.equal(first.stdout.trim(), here)
    assert.equal(second.stdout.trim(), here)
  }).timeout(60_000)
})

test.group('cpu-fused runtime: input checks', () => {
  test('a NaN feature propagates to the logits and the loss, as in torch', ({ assert }) => {
    const spec = { ...tinySpec('relu'), dropout: 0 }
    const model = fusedRuntime.createModel(spec, initParameters(spec, new SeededRng(1)), adamConfig(1e-3))
    const batch = tinyBatch(spec)
    const x = batch.x.slice()
    x[0] = NaN
    assert.isTrue(Number.isNaN(model.predictLogits(x, batch.rows, TINY_SYMBOLS)[0]))
    assert.isTrue(Number.isNaN(model.trainStep({ ...batch, x }, new SeededRng(1)).loss))
  })

  test('rejects a parameter list that does not match the spec, naming the tensor', ({ assert }) => {
    const spec = tinySpec('relu')
    const params = initParameters(spec, new SeededRng(1))
    const wrong = params.map((p, i) => (i === 2 ? { ...p, shape: [5], values: new Float32Array(5) } : p))
    assert.throws(
      () => fusedRuntime.createModel(spec, wrong, adamConfig(1e-3)),
      'cpu-fused: parameter 2 is linear0.bias [5] (5 values), expected linear0.bias [4]',
    )
  })

  test('rejects out-of-range labels and symbol ids with the row', ({ assert }) => {
    const spec = tinySpec('relu')
    const model = fusedRuntime.createModel(spec, initParameters(spec, new SeededRng(1)), adamConfig(1e-3))
    const batch = tinyBatch(spec)
    assert.throws(
      () => model.trainStep({ ...batch, y: Int32Array.from([0, 1, 3, 0, 0]) }, new SeededRng(1)),
      'cpu-fused: label 3 at row 2 is outside 0…2',
    )
    assert.throws(
      () => model.predictLogits(batch.x, batch.rows, Int32Array.from([0, 0, 0, 0, 7])),
      'cpu-fused: symbol index 7 at row 4 is outside 0…2',
    )
  })
})
