/**
 * Loads TensorFlow.js on one named backend (docs/architecture.md §3.4): `cuda` (@tensorflow/tfjs-node-gpu seeing a GPU),
 * `cpu-native` (@tensorflow/tfjs-node), `wasm` (@tensorflow/tfjs-backend-wasm, SIMD) or `cpu` (pure JS).
 * The two native packages are optional dependencies that are usually absent (their install downloads
 * libtensorflow), so they are imported by a non-literal specifier. Each failure is a {@link BackendLoadError}
 * that says why, so the DeviceManager can report the fallback chain.
 */
import { execFile } from 'node:child_process'
import { createRequire } from 'node:module'
import path from 'node:path'
import { promisify } from 'node:util'

/** The TensorFlow.js namespace (the tfjs-node packages export the same API). */
export type Tensorflow = typeof import('@tensorflow/tfjs')

/** A TensorFlow.js-backed device name. */
export type TfDevice = 'cuda' | 'cpu-native' | 'wasm' | 'cpu'

/** What the loader found: the namespace with its active backend and what is known about it. */
export interface LoadedTensorflow {
  readonly device: TfDevice
  readonly tf: Tensorflow
  /** tfjs backend name: `tensorflow`, `wasm` or `cpu`. */
  readonly backend: string
  /** Version of the tfjs package in use (`tfjs-node`, `tfjs-node-gpu` or `tfjs`). */
  readonly version: string
  /** wasm only: whether the SIMD build runs. */
  readonly simd?: boolean
  /** wasm only: worker threads in use (always 1 in Node, docs/architecture.md §9.2). */
  readonly threads?: number
  /** cuda only: the first GPU as `nvidia-smi` reports it, or null when that tool is unavailable. */
  readonly gpu?: { readonly name: string; readonly memoryMb: number } | null
}

/** A backend that cannot be used here; `reason` is one line, fit for `fallbacksTried`. */
export class BackendLoadError extends Error {
  constructor(
    readonly device: TfDevice,
    readonly reason: string,
  ) {
    super(`${device}: ${reason}`)
    this.name = 'BackendLoadError'
  }
}

const NATIVE_PACKAGES = { cuda: '@tensorflow/tfjs-node-gpu', 'cpu-native': '@tensorflow/tfjs-node' } as const

/**
 * Loads TensorFlow.js with `device`'s backend active and ready.
 * @throws BackendLoadError when the package is missing, fails to initialise, or (cuda) sees no GPU.
 */
export async function loadTensorflow(device: TfDevice): Promise<LoadedTensorflow> {
  switch (device) {
    case 'cuda':
    case 'cpu-native':
      return loadNative(device)
    case 'wasm':
      return loadWasm()
    case 'cpu':
      return loadCpu()
  }
}

/** True when `error` says that `specifier` itself is not installed (not a package it needs). */
function notInstalled(error: unknown, specifier: string): boolean {
  return (
    (error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' &&
    error instanceof Error &&
    error.message.includes(`Cannot find package '${specifier}'`)
  )
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return text.split('\n').find((line) => line.trim() !== '') ?? 'unknown error'
}

async function loadNative(device: 'cuda' | 'cpu-native'): Promise<LoadedTensorflow> {
  const specifier: string = NATIVE_PACKAGES[device]
  let tf: Tensorflow
  try {
    tf = (await import(specifier)) as Tensorflow
    await tf.ready()
  } catch (error) {
    throw new BackendLoadError(
      device,
      `cannot load ${specifier}: ${notInstalled(error, specifier) ? 'not installed' : firstLine(error)}`,
    )
  }
  const version = (tf.version as Record<string, string | undefined>)[specifier.slice('@tensorflow/'.length)]
  const base = { device, tf, backend: tf.getBackend(), version: version ?? tf.version_core }
  if (device === 'cpu-native') return base
  const usingGpu = (tf.backend() as unknown as { isUsingGpuDevice?: boolean }).isUsingGpuDevice === true
  if (!usingGpu) throw new BackendLoadError(device, `${specifier} loaded but TensorFlow sees no GPU device`)
  return { ...base, gpu: await queryGpu() }
}

/** Name and memory of the first GPU from `nvidia-smi`; null when the tool is missing or says nothing useful. */
async function queryGpu(): Promise<{ name: string; memoryMb: number } | null> {
  try {
    const { stdout } = await promisify(execFile)(
      'nvidia-smi',
      ['--query-gpu=name,memory.total', '--format=csv,noheader,nounits'],
      { timeout: 5000 },
    )
    const [name, memory] = stdout.split('\n')[0]!.split(',')
    const memoryMb = Number(memory)
    return name && Number.isFinite(memoryMb) ? { name: name.trim(), memoryMb } : null
  } catch {
    return null
  }
}

async function loadCpu(): Promise<LoadedTensorflow> {
  const tf = await import('@tensorflow/tfjs')
  if (!(await tf.setBackend('cpu'))) throw new BackendLoadError('cpu', 'tf.setBackend("cpu") returned false')
  await tf.ready()
  return { device: 'cpu', tf, backend: 'cpu', version: tf.version.tfjs }
}

async function loadWasm(): Promise<LoadedTensorflow> {
  const tf = await import('@tensorflow/tfjs')
  let wasm: typeof import('@tensorflow/tfjs-backend-wasm')
  try {
    wasm = await import('@tensorflow/tfjs-backend-wasm')
  } catch (error) {
    throw new BackendLoadError('wasm', `cannot load @tensorflow/tfjs-backend-wasm: ${firstLine(error)}`)
  }
  if (tf.findBackend('wasm') === null) {
    const binary = createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')
    wasm.setWasmPaths(path.dirname(binary) + path.sep)
  }
  const previous = tf.getBackend()
  const ok = await withoutEmscriptenListeners(() => tf.setBackend('wasm'))
  if (!ok) {
    // a failed init leaves `wasm` named as the backend with no instance behind it (docs/architecture.md §9.1): undo that
    if (previous && previous !== 'wasm') await tf.setBackend(previous)
    throw new BackendLoadError('wasm', 'tf.setBackend("wasm") returned false (the wasm binary did not initialise)')
  }
  await tf.ready()
  const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true
  return { device: 'wasm', tf, backend: 'wasm', version: tf.version.tfjs, simd, threads: wasm.getThreadsCount() }
}

/**
 * Runs `init` and then removes the process listeners it added. The emscripten glue registers
 * `uncaughtException` / `unhandledRejection` handlers that rethrow, turning any later stray rejection into a
 * hard exit (code 7) that bypasses the test runner and the CLI's error handling (docs/architecture.md §9.1).
 */
async function withoutEmscriptenListeners<T>(init: () => Promise<T>): Promise<T> {
  const exceptions = process.listeners('uncaughtException')
  const rejections = process.listeners('unhandledRejection')
  try {
    return await init()
  } finally {
    for (const listener of process.listeners('uncaughtException')) {
      if (!exceptions.includes(listener)) process.removeListener('uncaughtException', listener)
    }
    for (const listener of process.listeners('unhandledRejection')) {
      if (!rejections.includes(listener)) process.removeListener('unhandledRejection', listener)
    }
  }
}
