/**
 * The library entry of ktrdr-training (`import { … } from 'ktrdr-training'`): the training pipeline and its
 * stages, the local and host orchestrators, the host service and its client, the DeviceManager, the model store,
 * strategy loading and market-data sources, with the result, progress and error types they use. Every other
 * module under reference/ is internal; `api/library.txt` lists these names and a test keeps the two equal.
 */

// The pipeline and its stages.
export { TrainingPipeline, createTrainingPipeline, type TrainingPipelineStages } from './pipeline/stages.ts'
export { runTrainingPipeline } from './pipeline/run.ts'
export {
  PIPELINE_PHASES,
  type PipelinePhase,
  type PipelineRequest,
  type PipelineHooks,
  type PipelineResult,
  type DataSummary,
  type PipelineTimingStage,
} from './pipeline/types.ts'
export type { ModelInfo } from './model/create-model.ts'
export type { SymbolMetrics } from './model/per-symbol-metrics.ts'
export type { BatchProgress, EpochProgress } from './model/train-loop.ts'
export type { TrainingSummary, TrainingFailureSummary, TrainingMetricsSummary } from './model/training-summary.ts'
export { TrainingCancelledError } from './pipeline/errors.ts'

// The request builder: one training run described by values, turned into a pipeline request.
export {
  buildPipelineRequest,
  type TrainingRequest,
  type StrategySource,
  type StageOverridesRef,
} from './pipeline/request.ts'

// The orchestrators.
export {
  LocalTrainingOrchestrator,
  LocalTrainingError,
  type LocalTrainingOrchestratorOptions,
} from './orchestrators/local-orchestrator.ts'
export { CancellationToken } from './orchestrators/cancellation-token.ts'
export type { ProgressPhase, ProgressUpdate } from './orchestrators/progress-bridge.ts'
export {
  HostTrainingOrchestrator,
  type HostDeviceInfo,
  type HostResultPayload,
  type HostSessionServices,
  type HostSessionStatus,
  type HostStatusSnapshot,
  type HostTrainingJob,
} from './orchestrators/host-training-orchestrator.ts'

// The host service and its client.
export { createHostService, type HostService, type HostServiceOptions } from './host-service/server.ts'
export { startHostProcess, HostStartError, type HostProcess, type HostProcessOptions } from './host-service/process.ts'
export {
  HostTrainingClient,
  HostRequestError,
  type HostClientOptions,
  type HostResultResponse,
  type HostStatusResponse,
} from './host-service/client/host-client.ts'
export {
  trainViaHost,
  type TrainViaHostOptions,
  type TrainJson as HostTrainJson,
} from './host-service/client/train-via-host.ts'
export {
  HostTrainingCancelledError,
  HostTrainingFailedError,
  type HostProgressUpdate,
} from './host-service/client/poller.ts'

// Devices and training runtimes.
export {
  DeviceManager,
  DEVICE_ORDER,
  DeviceError,
  runtimeForDevice,
  type DeviceInfo,
  type DeviceName,
  type DeviceSelection,
} from './runtime/device-manager.ts'
export { createFusedRuntime, type FusedRuntimeOptions } from './runtime/fused-runtime.ts'
export type { TrainingRuntime } from './runtime/training-runtime.ts'
export type { TrainingProbes, TestMetrics, EpochRecord } from './runtime/probes.ts'

// The model store.
export {
  ModelStorage,
  type ModelStorageOptions,
  type ModelRef,
  type ModelSelector,
  type LoadedModel,
  type StoredModelSummary,
} from './storage/model-storage.ts'
export type { SaveModelRequest, FeaturesFile, ModelConfigFile, ModelMetadataFile } from './storage/model-files.ts'
export { ModelStorageError } from './storage/errors.ts'

// Strategies and market data.
export { loadStrategy, parseStrategy } from './strategy/load.ts'
export { SHIPPED_STRATEGIES_DIR } from './strategy/shipped.ts'
export { StrategyError } from './strategy/errors.ts'
export type { StrategyConfig, LrSchedulerSpec, EarlyStoppingSpec } from './strategy/types.ts'
export { CsvDataSource } from './data/csv-source.ts'
export type { MarketDataSource, OhlcvFrame } from './data/types.ts'
export { DataError } from './data/errors.ts'
