/**
 * Public surface of the old local training path (the legacy port): the entry point, the pieces the harness and
 * tests drive directly, and their types.
 */
export { runLegacyLocalTraining, type LegacyTrainingArgs, type LegacyTrainingOutcome } from './run-training.ts'
export { CancellationError, CancellationToken, type LegacyCancellationToken } from './trainer/cancellation.ts'
export { ModelStorage, type LoadedModel, type SaveModelArgs } from './trainer/model-storage.ts'
export { decodeWeights, encodeWeights, WEIGHTS_FORMAT, type WeightsFile } from './trainer/weights-file.ts'
export { TrainingProgressBridge, type LegacyProgressUpdate } from './trainer/progress-bridge.ts'
export { fromLocalRun, type AggregatedLocalResult } from './trainer/result-aggregator.ts'
export { LocalTrainingRunner } from './trainer/local-runner.ts'
export {
  trainMultiSymbolStrategy,
  type LegacyRawResult,
  type StrategyTrainingRequest,
  type StrategyTrainingResult,
} from './trainer/strategy-trainer.ts'
export { buildTrainingContext, type LegacyTrainingContext } from './trainer/training-context.ts'
