/**
 * DeviceManager: picks where training runs and says what it picked (docs/architecture.md §3.4; the analogue of
 * the old `DeviceManager.detect_device` / `get_device_info`, docs/legacy-behaviour.md §8).
 *
 * Order tried: `cuda` (tfjs-node-gpu loads and sees a GPU) → `cpu-native` (tfjs-node) → `cpu-fused` (our
 * WebAssembly SIMD kernels, available wherever the engine has 128-bit SIMD) → `wasm` → `cpu`. `cpu-fused` sits
 * above the pure-tfjs ones because it is the fastest CPU runtime here at every suite size, 3.5–40× the tfjs
 * `wasm` backend (docs/training-throughput.md). A device named by the caller (`request`, e.g. the CLI's
 * `--device`) or else by `KTRDR_DEVICE=<name>` is the only one tried. Every selection says which device was asked
 * for and why this one was chosen (`requested`, `reason`).
 */
import { BackendLoadError, loadTensorflow, type LoadedTensorflow, type TfDevice } from './backend-loader.ts'
import { fusedKernelDescription, fusedRuntime, fusedUnavailableReason } from './fused-runtime.ts'
import { createTfjsRuntime } from './tfjs-runtime.ts'
import type { TrainingRuntime } from './training-runtime.ts'

/** Every device name, in detection order. @public */
export const DEVICE_ORDER = ['cuda', 'cpu-native', 'cpu-fused', 'wasm', 'cpu'] as const

/** A device (and runtime) name. @public */
export type DeviceName = (typeof DEVICE_ORDER)[number]

/** One loader per TensorFlow.js device; the defaults call `loadTensorflow`. */
export type BackendLoaders = { readonly [D in TfDevice]: () => Promise<LoadedTensorflow> }

/** What `getDeviceInfo()` reports; every training result records it. @public */
export interface DeviceInfo {
  readonly device: DeviceName
  /** What was asked for: a device name, or `auto` for detection. */
  readonly requested: DeviceName | 'auto'
  /**
   * Why this device, in one line: `cpu was requested`, `KTRDR_DEVICE=wasm`, or for detection
   * `auto: cpu-fused, the first usable of cuda → … (skipped cuda: <reason>; cpu-native: <reason>)`.
   */
  readonly reason: string
  /** Name of the training runtime in use (equal to `device`). */
  readonly runtime: string
  /** tfjs backend (`tensorflow`, `wasm`, `cpu`), or `fused` for the cpu-fused kernels. */
  readonly backend: string
  readonly versions: { readonly tfjs?: string; readonly node: string }
  readonly simd?: boolean
  readonly threads?: number
  /** How the `cpu-fused` kernels compute (instruction set, arithmetic). */
  readonly kernels?: string
  readonly gpu?: { readonly name: string; readonly memoryMb: number } | null
  /** Devices tried before this one, with the one-line reason each was skipped. */
  readonly fallbacksTried: ReadonlyArray<{ readonly device: DeviceName; readonly reason: string }>
}

/** The outcome of `detectDevice()`. @public */
export interface DeviceSelection {
  readonly device: DeviceName
  readonly runtime: TrainingRuntime
  readonly info: DeviceInfo
}

/** The requested device cannot be used (unknown name, or its backend failed to load). @public */
export class DeviceError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'DeviceError'
  }
}

const DEFAULT_LOADERS: BackendLoaders = {
  cuda: () => loadTensorflow('cuda'),
  'cpu-native': () => loadTensorflow('cpu-native'),
  wasm: () => loadTensorflow('wasm'),
  cpu: () => loadTensorflow('cpu'),
}

function isDeviceName(name: string): name is DeviceName {
  return (DEVICE_ORDER as readonly string[]).includes(name)
}

function reasonOf(error: unknown): string {
  if (error instanceof BackendLoadError) return error.reason
  const text = error instanceof Error ? error.message : String(error)
  return text.split('\n').find((line) => line.trim() !== '') ?? 'unknown error'
}

/**
 * Selects the training device once and reports it.
 * @example
 * const devices = new DeviceManager()
 * const { runtime } = await devices.detectDevice()
 * console.error(devices.getDeviceInfo())
 * @public
 */
export class DeviceManager {
  private readonly env: Record<string, string | undefined>
  private readonly loaders: BackendLoaders
  private readonly request: string | undefined
  private selection: Promise<DeviceSelection> | null = null
  private selected: DeviceSelection | null = null

  /**
   * @param options.env - where `KTRDR_DEVICE` is read. @default process.env
   * @param options.loaders - replacements for the TensorFlow.js loaders (tests inject doubles for hardware
   *   that is not present). @default loadTensorflow for each device
   * @param options.request - the device asked for (a name or `auto`); takes precedence over `KTRDR_DEVICE`.
   *   @default `KTRDR_DEVICE`, else `auto`
   */
  constructor(
    options: {
      env?: Record<string, string | undefined>
      loaders?: Partial<BackendLoaders>
      request?: DeviceName | 'auto'
    } = {},
  ) {
    this.env = options.env ?? process.env
    this.loaders = { ...DEFAULT_LOADERS, ...options.loaders }
    this.request = options.request
  }

  /**
   * Tries the devices in {@link DEVICE_ORDER} (or only the requested device, or `KTRDR_DEVICE`, when one is named
   * and not `auto`) and returns the first that works. Repeated calls return the same selection.
   * @throws DeviceError when the request or `KTRDR_DEVICE` names an unknown device or one that cannot load.
   */
  detectDevice(): Promise<DeviceSelection> {
    this.selection ??= this.select().then((selection) => (this.selected = selection))
    return this.selection
  }

  /** Details of the selected device. @throws Error before `detectDevice()` has resolved. */
  getDeviceInfo(): DeviceInfo {
    return this.require().info
  }

  /** The training runtime of the selected device. @throws Error before `detectDevice()` has resolved. */
  runtime(): TrainingRuntime {
    return this.require().runtime
  }

  private require(): DeviceSelection {
    if (!this.selected) throw new Error('DeviceManager: call and await detectDevice() first')
    return this.selected
  }

  private async select(): Promise<DeviceSelection> {
    const override = (this.request ?? this.env.KTRDR_DEVICE ?? '').trim()
    if (override !== '' && override !== 'auto') {
      const label = this.request === undefined ? `KTRDR_DEVICE=${override}` : `requested device ${override}`
      if (!isDeviceName(override)) {
        throw new DeviceError(`${label} is not a device; use one of ${DEVICE_ORDER.join(', ')} or auto`)
      }
      const reason = this.request === undefined ? label : `${override} was requested`
      try {
        return await this.open(override, override, reason, [])
      } catch (error) {
        throw new DeviceError(`${label}: backend ${override} cannot be used: ${reasonOf(error)}`)
      }
    }
    const fallbacks: Array<{ device: DeviceName; reason: string }> = []
    for (const device of DEVICE_ORDER) {
      try {
        return await this.open(device, 'auto', autoReason(device, fallbacks), [...fallbacks])
      } catch (error) {
        fallbacks.push({ device, reason: reasonOf(error) })
      }
    }
    throw new DeviceError(
      `no training device could be used: ${fallbacks.map((f) => `${f.device}: ${f.reason}`).join('; ')}`,
    )
  }

  private async open(
    device: DeviceName,
    requested: DeviceInfo['requested'],
    reason: string,
    fallbacksTried: DeviceInfo['fallbacksTried'],
  ): Promise<DeviceSelection> {
    const node = process.versions.node
    if (device === 'cpu-fused') {
      const unavailable = fusedUnavailableReason()
      if (unavailable !== null) throw new Error(unavailable)
      const info: DeviceInfo = {
        device,
        requested,
        reason,
        runtime: fusedRuntime.name,
        backend: 'fused',
        versions: { node },
        simd: true,
        threads: fusedRuntime.threads,
        kernels: fusedKernelDescription(),
        fallbacksTried,
      }
      return { device, runtime: fusedRuntime, info }
    }
    const loaded = await this.loaders[device]()
    const runtime = createTfjsRuntime(loaded.tf, device)
    const info: DeviceInfo = {
      device,
      requested,
      reason,
      runtime: runtime.name,
      backend: loaded.backend,
      versions: { tfjs: loaded.version, node },
      ...(loaded.simd === undefined ? {} : { simd: loaded.simd }),
      ...(loaded.threads === undefined ? {} : { threads: loaded.threads }),
      ...(device === 'cuda' ? { gpu: loaded.gpu ?? null } : {}),
      fallbacksTried,
    }
    return { device, runtime, info }
  }
}

/**
 * The runtime of one named device (or `auto`), loading its backend when needed.
 * @throws DeviceError as {@link DeviceManager.detectDevice} does for an override.
 * @public
 */
export async function runtimeForDevice(name: DeviceName | 'auto'): Promise<TrainingRuntime> {
  return (await new DeviceManager({ env: {}, request: name }).detectDevice()).runtime
}

/** The `reason` of a detected device: where it stands in the order, and why the ones before it were skipped. */
function autoReason(device: DeviceName, skipped: ReadonlyArray<{ device: DeviceName; reason: string }>): string {
  const order = DEVICE_ORDER.join(' → ')
  if (skipped.length === 0) return `auto: ${device}, the first of ${order}`
  return `auto: ${device}, the first usable of ${order} (skipped ${skipped.map((s) => `${s.device}: ${s.reason}`).join('; ')})`
}
