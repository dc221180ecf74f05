import { test } from '@japa/runner'
import {
  BackendLoadError,
  loadTensorflow,
  type LoadedTensorflow,
  type TfDevice,
} from '../../../../reference/runtime/backend-loader.ts'
import { DeviceError, DeviceManager, runtimeForDevice } from '../../../../reference/runtime/device-manager.ts'

/** Test doubles for hardware that is not here: they hand back the real tfjs cpu namespace under another name. */
function present(device: TfDevice, extra: Partial<LoadedTensorflow> = {}): () => Promise<LoadedTensorflow> {
  return async () => ({ ...(await loadTensorflow('cpu')), device, ...extra })
}

function absent(device: TfDevice, reason: string): () => Promise<LoadedTensorflow> {
  return () => Promise.reject(new BackendLoadError(device, reason))
}

const NO_NATIVE = {
  cuda: absent('cuda', 'cannot load @tensorflow/tfjs-node-gpu: not installed'),
  'cpu-native': absent('cpu-native', 'cannot load @tensorflow/tfjs-node: not installed'),
}

test.group('DeviceManager', () => {
  test('picks cuda when tfjs-node-gpu loads and sees a GPU, with the GPU in the info', async ({ assert }) => {
    const gpu = { name: 'NVIDIA H200', memoryMb: 143771 }
    const devices = new DeviceManager({
      env: {},
      loaders: { cuda: present('cuda', { backend: 'tensorflow', gpu }), 'cpu-native': present('cpu-native') },
    })
    const selection = await devices.detectDevice()
    assert.equal(selection.device, 'cuda')
    assert.equal(devices.runtime().name, 'cuda')
    const info = devices.getDeviceInfo()
    assert.deepEqual(info.gpu, gpu)
    assert.equal(info.backend, 'tensorflow')
    assert.deepEqual(info.fallbacksTried, [])
    assert.equal(info.requested, 'auto')
    assert.equal(info.reason, 'auto: cuda, the first of cuda → cpu-native → cpu-fused → wasm → cpu')
    assert.equal(info.versions.node, process.versions.node)
  })

  test('falls back to cpu-native when cuda sees no GPU', async ({ assert }) => {
    const devices = new DeviceManager({
      env: {},
      loaders: {
        cuda: absent('cuda', '@tensorflow/tfjs-node-gpu loaded but TensorFlow sees no GPU device'),
        'cpu-native': present('cpu-native', { backend: 'tensorflow' }),
      },
    })
    assert.equal((await devices.detectDevice()).device, 'cpu-native')
    assert.deepEqual(devices.getDeviceInfo().fallbacksTried, [
      { device: 'cuda', reason: '@tensorflow/tfjs-node-gpu loaded but TensorFlow sees no GPU device' },
    ])
    assert.notProperty(devices.getDeviceInfo(), 'gpu')
  })

  test('falls back to cpu-fused without the native packages, recording both reasons', async ({ assert }) => {
    const devices = new DeviceManager({ env: {}, loaders: NO_NATIVE })
    const selection = await devices.detectDevice()
    assert.equal(selection.device, 'cpu-fused')
    assert.equal(selection.runtime.name, 'cpu-fused')
    assert.deepEqual(selection.info.fallbacksTried, [
      { device: 'cuda', reason: 'cannot load @tensorflow/tfjs-node-gpu: not installed' },
      { device: 'cpu-native', reason: 'cannot load @tensorflow/tfjs-node: not installed' },
    ])
    assert.equal(selection.info.backend, 'fused')
    assert.isUndefined(selection.info.versions.tfjs)
    assert.isTrue(selection.info.simd)
    assert.isAtLeast(selection.info.threads!, 1)
    assert.match(selection.info.kernels!, /f32x4 multiply then add \(no fused multiply-add/)
    assert.equal(
      selection.info.reason,
      'auto: cpu-fused, the first usable of cuda → cpu-native → cpu-fused → wasm → cpu (skipped cuda: cannot load ' +
        '@tensorflow/tfjs-node-gpu: not installed; cpu-native: cannot load @tensorflow/tfjs-node: not installed)',
    )
  })

  test('the real default here picks cpu-fused (native packages absent)', async ({ assert }) => {
    const devices = new DeviceManager({ env: {} })
    const selection = await devices.detectDevice()
    assert.equal(selection.device, 'cpu-fused')
    assert.deepEqual(
      selection.info.fallbacksTried.map((f) => f.device),
      ['cuda', 'cpu-native'],
    )
    assert.equal(selection.info.fallbacksTried[0]!.reason, 'cannot load @tensorflow/tfjs-node-gpu: not installed')
  }).timeout(30_000)

  test('KTRDR_DEVICE=wasm selects wasm (with SIMD and thread count) and tries nothing else', async ({ assert }) => {
    const devices = new DeviceManager({ env: { KTRDR_DEVICE: 'wasm' }, loaders: NO_NATIVE })
    const selection = await devices.detectDevice()
    assert.equal(selection.device, 'wasm')
    assert.equal(selection.info.backend, 'wasm')
    assert.isTrue(selection.info.simd)
    assert.equal(selection.info.threads, 1)
    assert.deepEqual(selection.info.fallbacksTried, [])
    assert.deepInclude(selection.info, { requested: 'wasm', reason: 'KTRDR_DEVICE=wasm' })
    assert.match(selection.info.versions.tfjs ?? '', /^\d+\.\d+\.\d+/)
  }).timeout(30_000)

  test('KTRDR_DEVICE=cpu selects tfjs cpu; runtimeForDevice gives the same runtime kind', async ({ assert }) => {
    const devices = new DeviceManager({ env: { KTRDR_DEVICE: 'cpu' } })
    assert.equal((await devices.detectDevice()).info.backend, 'cpu')
    assert.equal((await runtimeForDevice('cpu')).name, 'cpu')
    assert.equal((await runtimeForDevice('cpu-fused')).name, 'cpu-fused')
  }).timeout(30_000)

  test('an override that cannot load is a DeviceError naming the backend and the reason', async ({ assert }) => {
    const devices = new DeviceManager({ env: { KTRDR_DEVICE: 'cuda' }, loaders: NO_NATIVE })
    await assert.rejects(
      () => devices.detectDevice(),
      'KTRDR_DEVICE=cuda: backend cuda cannot be used: cannot load @tensorflow/tfjs-node-gpu: not installed',
    )
    await assert.rejects(() => devices.detectDevice(), DeviceError)
  })

  test('an unknown override is a DeviceError listing the devices', async ({ assert }) => {
    const devices = new DeviceManager({ env: { KTRDR_DEVICE: 'mps' } })
    await assert.rejects(
      () => devices.detectDevice(),
      'KTRDR_DEVICE=mps is not a device; use one of cuda, cpu-native, cpu-fused, wasm, cpu or auto',
    )
  })

  test('a requested device (the CLI --device) wins over KTRDR_DEVICE and says it was requested', async ({ assert }) => {
    const devices = new DeviceManager({ env: { KTRDR_DEVICE: 'wasm' }, request: 'cpu-fused', loaders: NO_NATIVE })
    const selection = await devices.detectDevice()
    assert.deepInclude(selection.info, {
      device: 'cpu-fused',
      requested: 'cpu-fused',
      reason: 'cpu-fused was requested',
    })
    const auto = await new DeviceManager({
      env: { KTRDR_DEVICE: 'wasm' },
      request: 'auto',
      loaders: NO_NATIVE,
    }).detectDevice()
    assert.equal(auto.device, 'cpu-fused')
    await assert.rejects(
      () => new DeviceManager({ env: {}, request: 'cuda', loaders: NO_NATIVE }).detectDevice(),
      'requested device cuda: backend cuda cannot be used: cannot load @tensorflow/tfjs-node-gpu: not installed',
    )
  })

  test('info and runtime are unavailable before detection', ({ assert }) => {
    const devices = new DeviceManager({ env: {} })
    assert.throws(() => devices.getDeviceInfo(), 'DeviceManager: call and await detectDevice() first')
    assert.throws(() => devices.runtime(), 'DeviceManager: call and await detectDevice() first')
  })
})
