import { test } from '@japa/runner'
import { BackendLoadError, loadTensorflow } from '../../../../reference/runtime/backend-loader.ts'
import { fusedRuntime } from '../../../../reference/runtime/fused-runtime.ts'
import { SeededRng } from '../../../../reference/runtime/rng.ts'
import { createTfjsRuntime } from '../../../../reference/runtime/tfjs-runtime.ts'
import {
  adamConfig,
  initParameters,
  rmspropConfig,
  sgdConfig,
  weightsSha256,
  type TrainingRuntime,
} from '../../../../reference/runtime/training-runtime.ts'
import { DETERMINISM_SPEC } from './fixtures/specs.ts'
import { makeDataset, maxAbsDifference, trainEpochs, trainOneEpoch } from './fixtures/synthetic-batches.ts'

async function tfjsRuntimes(): Promise<{ cpu: TrainingRuntime; wasm: TrainingRuntime }> {
  const cpu = createTfjsRuntime((await loadTensorflow('cpu')).tf, 'cpu')
  const wasm = createTfjsRuntime((await loadTensorflow('wasm')).tf, 'wasm')
  return { cpu, wasm }
}

test.group('backend loader', () => {
  test('cpu and wasm load and report their backend; wasm leaves no process listeners behind', async ({ assert }) => {
    const listeners = process.listenerCount('unhandledRejection') + process.listenerCount('uncaughtException')
    const wasm = await loadTensorflow('wasm')
    assert.equal(wasm.backend, 'wasm')
    assert.isTrue(wasm.simd)
    assert.equal(wasm.threads, 1)
    assert.equal(process.listenerCount('unhandledRejection') + process.listenerCount('uncaughtException'), listeners)
    const cpu = await loadTensorflow('cpu')
    assert.equal(cpu.backend, 'cpu')
    assert.equal(cpu.tf.getBackend(), 'cpu')
    assert.match(cpu.version, /^\d+\.\d+\.\d+/)
  }).timeout(60_000)

  test('the native backends load, or fail with a BackendLoadError that names the package', async ({ assert }) => {
    for (const [device, pkg] of [
      ['cuda', '@tensorflow/tfjs-node-gpu'],
      ['cpu-native', '@tensorflow/tfjs-node'],
    ] as const) {
      const outcome = await loadTensorflow(device).then(
        (loaded) => loaded,
        (error: unknown) => error,
      )
      if (outcome instanceof Error) {
        assert.instanceOf(outcome, BackendLoadError)
        assert.match(outcome.message, new RegExp(`^${device}: .*${pkg.replace('/', '\\/')}`))
      } else {
        assert.equal((outcome as { backend: string }).backend, 'tensorflow')
      }
    }
  }).timeout(60_000)
})

test.group('tfjs runtimes', () => {
  for (const activation of ['relu', 'sigmoid'] as const) {
    test(`one epoch agrees with cpu-fused within 1e-5 on cpu and wasm (${activation})`, async ({ assert }) => {
      const { cpu, wasm } = await tfjsRuntimes()
      const spec = { ...DETERMINISM_SPEC, activation }
      const data = makeDataset(spec, 320, 4)
      const optimizer = adamConfig(5e-3, 1e-3, activation === 'sigmoid' ? 0.5 : 0)

      const fused = trainOneEpoch(fusedRuntime, spec, data, 9, 32, optimizer)
      const onCpu = trainOneEpoch(cpu, spec, data, 9, 32, optimizer)
      const onWasm = trainOneEpoch(wasm, spec, data, 9, 32, optimizer)

      assert.isBelow(maxAbsDifference(fused.params, onCpu.params), 1e-5)
      assert.isBelow(maxAbsDifference(fused.params, onWasm.params), 1e-5)
      onCpu.losses.forEach((loss, i) => assert.closeTo(loss, fused.losses[i]!, 1e-5))
      assert.notEqual(weightsSha256(onCpu.params), weightsSha256(initParameters(spec, new SeededRng(9))))
    }).timeout(60_000)
  }

  for (const optimizer of [sgdConfig(0.02, 0.9, 1e-3, 0.5), rmspropConfig(2e-3, 1e-3)]) {
    test(`${optimizer.kind}: two epochs at two learning rates agree with cpu-fused within 1e-5 on cpu and wasm`, async ({
      assert,
    }) => {
      const { cpu, wasm } = await tfjsRuntimes()
      const spec = { ...DETERMINISM_SPEC, activation: 'tanh' as const }
      const data = makeDataset(spec, 320, 5)
      const rates = [optimizer.learningRate, optimizer.learningRate / 2]
      const fused = trainEpochs(fusedRuntime, spec, data, 9, 32, optimizer, rates)
      const onCpu = trainEpochs(cpu, spec, data, 9, 32, optimizer, rates)
      const onWasm = trainEpochs(wasm, spec, data, 9, 32, optimizer, rates)
      assert.isBelow(maxAbsDifference(fused.params, onCpu.params), 1e-5)
      assert.isBelow(maxAbsDifference(fused.params, onWasm.params), 1e-5)
      const constant = trainEpochs(fusedRuntime, spec, data, 9, 32, optimizer, [rates[0]!, rates[0]!])
      assert.isAbove(maxAbsDifference(fused.params, constant.params), 1e-4)
    }).timeout(60_000)
  }

  test('a one-symbol embedding trains on cpu and wasm and agrees with cpu-fused (tf.oneHot refuses depth 1)', async ({
    assert,
  }) => {
    const { cpu, wasm } = await tfjsRuntimes()
    const spec = { ...DETERMINISM_SPEC, embedding: { numSymbols: 1, dim: 4 } }
    const data = makeDataset(spec, 160, 1)
    const fused = trainOneEpoch(fusedRuntime, spec, data, 9, 32)
    assert.isBelow(maxAbsDifference(fused.params, trainOneEpoch(cpu, spec, data, 9, 32).params), 1e-5)
    assert.isBelow(maxAbsDifference(fused.params, trainOneEpoch(wasm, spec, data, 9, 32).params), 1e-5)
  }).timeout(60_000)

  test('tfjs cpu: the same seed twice gives identical weights', async ({ assert }) => {
    const { cpu } = await tfjsRuntimes()
    const data = makeDataset(DETERMINISM_SPEC, 160, 4)
    const a = trainOneEpoch(cpu, DETERMINISM_SPEC, data, 9, 32)
    const b = trainOneEpoch(cpu, DETERMINISM_SPEC, data, 9, 32)
    assert.equal(weightsSha256(a.params), weightsSha256(b.params))
  }).timeout(60_000)

  test('predictLogits agrees with cpu-fused; null symbols mean row 0', async ({ assert }) => {
    const { wasm } = await tfjsRuntimes()
    const params = initParameters(DETERMINISM_SPEC, new SeededRng(2))
    const data = makeDataset(DETERMINISM_SPEC, 20, 5)
    const model = wasm.createModel(DETERMINISM_SPEC, params, adamConfig(1e-3))
    const reference = fusedRuntime.createModel(DETERMINISM_SPEC, params, adamConfig(1e-3))
    const got = model.predictLogits(data.x, data.rows, data.symbols)
    const want = reference.predictLogits(data.x, data.rows, data.symbols)
    got.forEach((v, i) => assert.closeTo(v, want[i]!, 1e-6))
    assert.deepEqual(
      model.predictLogits(data.x, data.rows, null),
      model.predictLogits(data.x, data.rows, new Int32Array(data.rows)),
    )
    model.dispose()
    assert.throws(() => model.getParameters(), 'wasm: model used after dispose()')
  }).timeout(60_000)

  test('rejects bad labels with the runtime name and row', async ({ assert }) => {
    const { cpu } = await tfjsRuntimes()
    const model = cpu.createModel(
      DETERMINISM_SPEC,
      initParameters(DETERMINISM_SPEC, new SeededRng(2)),
      adamConfig(1e-3),
    )
    const data = makeDataset(DETERMINISM_SPEC, 4, 5)
    assert.throws(
      () => model.trainStep({ ...data, y: Int32Array.from([0, 1, 2, -1]) }, new SeededRng(1)),
      'cpu: label -1 at row 3 is outside 0…2',
    )
    model.dispose()
  })
})
