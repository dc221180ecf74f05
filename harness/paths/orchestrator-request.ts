/**
 * The request a `local_new` run hands to `LocalTrainingOrchestrator`: the run's input as values (the worker turns
 * it into the pipeline request with `buildPipelineRequest`), plus a stage canary by reference.
 */
import type { StageOverridesRef, TrainingRequest } from '../../reference/pipeline/request.ts'
import type { PathRunInput } from './types.ts'

/** The orchestrator request of `input`, with `stageOverrides` planted when given. */
export function orchestratorRequest(input: PathRunInput, stageOverrides?: StageOverridesRef): TrainingRequest {
  return {
    strategy: { path: input.strategyPath },
    dataDir: input.dataDir,
    symbols: input.symbols,
    timeframes: input.timeframes,
    startDate: input.startDate,
    endDate: input.endDate,
    seed: input.seed,
    ...(input.epochs === null ? {} : { epochs: input.epochs }),
    modelsDir: input.modelsDir,
    device: input.device,
    ...(stageOverrides ? { stageOverrides } : {}),
  }
}
