/**
 * Public API of the runtime platform (docs/architecture.md §2 "runtime/"): the seeded RNG, the training-runtime contract,
 * the runtimes themselves, the backend loader and the DeviceManager. `legacy/` may import this folder.
 */
export { SeededRng } from './rng.ts'
export * from './training-runtime.ts'
export type * from './probes.ts'
export { crossEntropy, type CrossEntropyResult } from './cross-entropy.ts'
export { assertParameters, parameterLayout } from './model-layout.ts'
export { assertBatchInputs, assertLabels } from './batch-checks.ts'
export { adamScalars, clipCoefficient } from './optimizer-math.ts'
export {
  FusedModel,
  fusedRuntime,
  createFusedRuntime,
  type FusedModelOptions,
  type FusedRuntimeOptions,
} from './fused-runtime.ts'
export { createTfjsRuntime } from './tfjs-runtime.ts'
export {
  BackendLoadError,
  loadTensorflow,
  type LoadedTensorflow,
  type Tensorflow,
  type TfDevice,
} from './backend-loader.ts'
export {
  DEVICE_ORDER,
  DeviceError,
  DeviceManager,
  runtimeForDevice,
  type BackendLoaders,
  type DeviceInfo,
  type DeviceName,
  type DeviceSelection,
} from './device-manager.ts'
