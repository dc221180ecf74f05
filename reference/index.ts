/**
 * The public API of ktrdr-training (`import { … } from 'ktrdr-training'`): the refactored training pipeline and
 * its stages, the local and host orchestrators, progress and cancellation, the model store, the runtime platform
 * (DeviceManager, SeededRng, runtimes), strategies and market data. Everything else under reference/ is internal.
 */
export {
  TrainingPipeline,
  createTrainingPipeline,
  type TrainingPipelineStages,
  type IndicatorStageOutput,
  type LabelStageOutput,
} from './pipeline/stages.ts'
export { runTrainingPipeline, DEFAULT_START_DATE } from './pipeline/run.ts'
export {
  PIPELINE_PHASES,
  type PipelinePhase,
  type PipelineRequest,
  type PipelineHooks,
  type PipelineResult,
  type DataSummary,
  type PipelineTimingStage,
} from './pipeline/types.ts'
export { TrainingCancelledError } from './pipeline/errors.ts'
export { combineSymbols, type SymbolRows } from './pipeline/combine.ts'
export { splitData, DEFAULT_VALIDATION_SPLIT, type DataSplit } from './pipeline/split.ts'

export type { LabelledRows } from './model/dataset.ts'
export type { CreatedModel, ModelInfo } from './model/create-model.ts'
export type { Evaluation } from './model/evaluate.ts'
export type { SymbolMetrics } from './model/per-symbol-metrics.ts'
export type {
  BatchProgress,
  EpochProgress,
  TrainingHooks,
  TrainingOutcome,
  TrainingSettings,
} from './model/train-loop.ts'
export type { TrainingSummary, TrainingFailureSummary, TrainingMetricsSummary } from './model/training-summary.ts'

export {
  LocalTrainingOrchestrator,
  LocalTrainingError,
  type LocalTrainingOrchestratorOptions,
} from './orchestrators/local-orchestrator.ts'
export type { LocalTrainingRequest, StrategySource } from './orchestrators/local-messages.ts'
export { HostTrainingOrchestrator } from './orchestrators/host-training-orchestrator.ts'
export { CancellationToken } from './orchestrators/cancellation-token.ts'
export {
  ProgressBridge,
  DEFAULT_BATCH_STRIDE,
  batchStrideOf,
  type ProgressPhase,
  type ProgressUpdate,
  type ProgressBridgeOptions,
} from './orchestrators/progress-bridge.ts'

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
export { WEIGHTS_FORMAT, encodeWeights, decodeWeights, type WeightsFile } from './storage/weights-file.ts'

export {
  SeededRng,
  DeviceManager,
  DEVICE_ORDER,
  DeviceError,
  runtimeForDevice,
  fusedRuntime,
  weightsSha256,
  type DeviceInfo,
  type DeviceName,
  type MlpSpec,
  type ParamTensor,
  type RuntimeModel,
  type TrainingRuntime,
  type TrainingProbes,
  type TestMetrics,
  type EpochRecord,
} from './runtime/index.ts'

export { loadStrategy, parseStrategy } from './strategy/load.ts'
export { StrategyError } from './strategy/errors.ts'
export type { StrategyConfig } from './strategy/types.ts'

export { CsvDataSource } from './data/csv-source.ts'
export { loadMarketData } from './data/market-data.ts'
export { validateDataQuality, type QualityReport } from './data/quality.ts'
export { DataError } from './data/errors.ts'
export { generateSyntheticMarket, writeSyntheticDataset } from './data/synthetic.ts'
export type { MarketDataSource, OhlcvFrame } from './data/types.ts'
