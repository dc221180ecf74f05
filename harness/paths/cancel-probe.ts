/**
 * The cancellation probe of the local paths (docs/legacy-behaviour.md §9.1; docs/architecture.md §5): a second, short training
 * cancelled at its first batch, recording the last progress phase the path emitted. The old runner never emitted
 * `cancelled` (its `on_phase("cancelled")` raised again on the set token); the new orchestrator does — an intended
 * difference the ledger records.
 */
import { runLegacyLocalTraining } from '../../legacy/local/run-training.ts'
import { CancellationToken as LegacyToken } from '../../legacy/local/trainer/cancellation.ts'
import { CancellationToken } from '../../reference/orchestrators/cancellation-token.ts'
import { LocalTrainingOrchestrator } from '../../reference/orchestrators/local-orchestrator.ts'
import type { TrainingRuntime } from '../../reference/runtime/training-runtime.ts'
import type { CancellationProbe, RunSpec } from './types.ts'
import { DEFAULT_HARNESS_DEVICE } from './run-request.ts'

/** Runs the old local path and cancels it at its first batch update. */
export async function probeLegacyCancellation(
  spec: RunSpec,
  symbols: readonly string[],
  timeframes: readonly string[],
  runtime: TrainingRuntime,
  modelsDir: string,
): Promise<CancellationProbe> {
  const token = new LegacyToken()
  const phases: string[] = []
  let error: string | null = null
  try {
    await runLegacyLocalTraining({
      strategyPath: spec.strategyPath,
      dataDir: spec.dataDir,
      symbols,
      timeframes,
      startDate: spec.settings.startDate,
      endDate: spec.settings.endDate,
      seed: spec.seed,
      epochs: 1,
      modelsDir,
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

/** Runs the new local orchestrator (worker thread) and cancels it at its first batch update. */
export async function probeOrchestratorCancellation(spec: RunSpec, modelsDir: string): Promise<CancellationProbe> {
  const token = new CancellationToken()
  const phases: string[] = []
  let error: string | null = null
  const orchestrator = new LocalTrainingOrchestrator({
    token,
    onProgress(update) {
      phases.push(update.phase)
      if (update.kind === 'batch') token.cancel()
    },
  })
  try {
    await orchestrator.run({
      strategy: { path: spec.strategyPath },
      dataDir: spec.dataDir,
      startDate: spec.settings.startDate,
      endDate: spec.settings.endDate,
      seed: spec.seed,
      epochs: 1,
      modelsDir,
      device: (process.env.KTRDR_DEVICE as typeof DEFAULT_HARNESS_DEVICE | undefined) ?? DEFAULT_HARNESS_DEVICE,
    })
  } catch (e) {
    error = (e as Error).name
  }
  return { lastPhase: phases.at(-1) ?? null, error }
}
