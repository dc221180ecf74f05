/**
 * The `local_new` path: the refactored system as a library user runs it — `LocalTrainingOrchestrator`, its worker
 * thread, its progress updates and its cancellation — on the CSV data and a fresh model store. A canary is
 * planted either into the worker's pipeline (a stage fault, by reference) or around it (a faulty orchestrator).
 * Its cancellation probe is a one-epoch run cancelled from its first batch update; the orchestrator runs it in
 * lockstep (the worker waits at each batch until the update was handled), so the cancellation is seen at the next
 * checkpoint whatever the machine's speed. Unlike the old runner it emits `cancelled` (an intended difference the
 * ledger records).
 */
import { join } from 'node:path'
import { LocalTrainingOrchestrator } from '../../reference/orchestrators/local-orchestrator.ts'
import type { ProgressUpdate } from '../../reference/orchestrators/progress-bridge.ts'
import type { StageOverridesRef } from '../../reference/pipeline/request.ts'
import type { PipelineResult } from '../../reference/pipeline/types.ts'
import { stageFaultRef } from '../canaries/faults.ts'
import { faultyOrchestrator, isOrchestratorCanary } from '../canaries/orchestrator-faults.ts'
import { orchestratorRequest } from './orchestrator-request.ts'
import { checkPersistedModel } from './persisted-check.ts'
import { orchestratorEvent } from './progress-events.ts'
import type { ProgressNote } from './progress-line.ts'
import { loadWithReferenceStorage } from './reference-loader.ts'
import { flatMetrics } from './run-metrics.ts'
import { harnessRuntime, pathRunInput, strategyRequest } from './run-request.ts'
import type {
  CanaryName,
  CancellationProbe,
  OrchestratorFactory,
  PathRunInput,
  ProgressEvent,
  RunArtifacts,
  RunSpec,
} from './types.ts'

/** The orchestrator as shipped. */
export const shippedOrchestrator: OrchestratorFactory = (options) => new LocalTrainingOrchestrator(options)

/** How a `local_new` training is run. */
export interface LocalNewOptions {
  /** Receives every progress update the orchestrator delivers. */
  readonly onProgress?: (update: ProgressUpdate) => void
  /** Stages replaced inside the worker (a stage canary). */
  readonly stageOverrides?: StageOverridesRef
  /** @default shippedOrchestrator */
  readonly createOrchestrator?: OrchestratorFactory
}

/** A `local_new` training: the pipeline result and the progress its caller saw. */
export interface LocalNewOutcome {
  readonly result: PipelineResult
  readonly progress: readonly ProgressEvent[]
}

/** Trains `input` through `LocalTrainingOrchestrator`. */
export async function trainLocalNew(input: PathRunInput, options: LocalNewOptions = {}): Promise<LocalNewOutcome> {
  const progress: ProgressEvent[] = []
  const orchestrator = (options.createOrchestrator ?? shippedOrchestrator)({
    onProgress(update) {
      progress.push(orchestratorEvent(update))
      options.onProgress?.(update)
    },
  })
  const result = await orchestrator.run(orchestratorRequest(input, options.stageOverrides))
  return { result, progress }
}

/** Runs the orchestrator (lockstep) for one epoch and cancels it at its first batch update. */
export async function probeOrchestratorCancellation(
  input: PathRunInput,
  createOrchestrator: OrchestratorFactory,
): Promise<CancellationProbe> {
  const phases: string[] = []
  let error: string | null = null
  const orchestrator: LocalTrainingOrchestrator = createOrchestrator({
    lockstep: true,
    onProgress(update) {
      phases.push(update.phase)
      if (update.kind === 'batch') orchestrator.cancel()
    },
  })
  try {
    await orchestrator.run(orchestratorRequest({ ...input, epochs: 1 }))
  } catch (e) {
    error = (e as Error).name
  }
  return { lastPhase: phases.at(-1) ?? null, error }
}

/** Where a canary is planted: the stage overrides or the orchestrator factory. */
function planted(canary: CanaryName | null): Pick<LocalNewOptions, 'stageOverrides' | 'createOrchestrator'> {
  if (canary === null) return {}
  return isOrchestratorCanary(canary)
    ? { createOrchestrator: faultyOrchestrator(canary) }
    : { stageOverrides: stageFaultRef(canary) }
}

/**
 * Trains `spec` through the orchestrator, then probes its saved model and its cancellation.
 *
 * @param createOrchestrator - replaces the orchestrator of the run and of its cancellation probe (a fault a test
 *   plants); the spec's canary decides it otherwise
 */
export async function runLocalNew(
  spec: RunSpec,
  note: (n: ProgressNote) => void,
  createOrchestrator?: OrchestratorFactory,
): Promise<RunArtifacts> {
  const { symbols, timeframes } = strategyRequest(spec.strategyPath)
  const input = pathRunInput(spec, symbols, timeframes)
  const plant = planted(spec.canary)
  const factory = createOrchestrator ?? plant.createOrchestrator ?? shippedOrchestrator
  const started = performance.now()
  const { result, progress } = await trainLocalNew(input, {
    ...plant,
    createOrchestrator: factory,
    onProgress(update) {
      if (update.kind === 'phase') note({ stage: update.phase, epoch: null, epochs: null })
      else if (update.kind === 'epoch') note({ stage: 'training', epoch: update.epoch, epochs: update.totalEpochs })
    },
  })
  const wall = (performance.now() - started) / 1000
  const runtime = await harnessRuntime()
  const persisted = await checkPersistedModel(result.model_path, result.probes, () =>
    loadWithReferenceStorage(spec.modelsDir, result.model, runtime),
  )
  const timings: Record<string, number> = { wall }
  for (const [k, v] of Object.entries(result.timings)) if (typeof v === 'number') timings[k] = v / 1000
  return {
    device: result.device,
    probes: result.probes,
    history: result.probes.history,
    metrics: flatMetrics(result.training_metrics, result.test_metrics),
    featureImportance: result.feature_importance,
    modelPath: result.model_path,
    persisted,
    weightsSha256: result.weights_sha256,
    progress,
    protocol: null,
    cancellation: await probeOrchestratorCancellation(
      { ...input, modelsDir: join(spec.modelsDir, 'cancel-probe') },
      factory,
    ),
    timings,
    warnings: result.warnings,
  }
}
