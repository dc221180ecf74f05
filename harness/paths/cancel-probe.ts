/**
 * The cancellation probe of the local paths (ktrdr-behaviour.md §9.1; DESIGN.md §5): a second, one-epoch training
 * cancelled from its first batch update, recording the last progress phase the path emitted. The outcome cannot
 * depend on machine speed: the old runner calls its progress callback on the training thread, and the new
 * orchestrator runs in lockstep (its worker waits at each batch until the update was handled), so in both the
 * cancellation is seen at the next checkpoint. The old runner never emitted `cancelled` (its
 * `on_phase("cancelled")` raised again on the set token); the new orchestrator does — an intended difference the
 * ledger records.
 */
import { runLegacyLocalTraining } from '../../legacy/local/run-training.ts'
import { CancellationToken as LegacyToken } from '../../legacy/local/trainer/cancellation.ts'
import type { LocalTrainingOrchestrator } from '../../reference/orchestrators/local-orchestrator.ts'
import type { TrainingRuntime } from '../../reference/runtime/training-runtime.ts'
import { orchestratorRequest } from './orchestrator-request.ts'
import type { CancellationProbe, OrchestratorFactory, PathRunInput } from './types.ts'

/** Runs the old local path for one epoch and cancels it at its first batch update. */
export async function probeLegacyCancellation(
  input: PathRunInput,
  runtime: TrainingRuntime,
): Promise<CancellationProbe> {
  const token = new LegacyToken()
  const phases: string[] = []
  let error: string | null = null
  try {
    await runLegacyLocalTraining({
      strategyPath: input.strategyPath,
      dataDir: input.dataDir,
      symbols: input.symbols,
      timeframes: input.timeframes,
      startDate: input.startDate,
      endDate: input.endDate,
      seed: input.seed,
      epochs: 1,
      modelsDir: input.modelsDir,
      runtime,
      cancellationToken: token,
      log: () => undefined,
      onProgress(update) {
        phases.push(update.phase === 'phase' ? String(update.context.phase_name ?? 'phase') : update.phase)
        if (update.phase === 'batch') token.cancel()
      },
    })
  } catch (e) {
    error = (e as Error).name
  }
  return { lastPhase: phases.at(-1) ?? null, error }
}

/** Runs the new local orchestrator (worker thread, lockstep) for one epoch and cancels it at its first batch. */
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
