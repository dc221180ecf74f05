/**
 * The `local_old` path: the frozen legacy port of the old local runner (`runLegacyLocalTraining`) in this
 * process, its saved model read back with the legacy store's own loader (its latest version, which must be the
 * directory the run saved: each run has a models folder of its own), and its cancellation probe: a one-epoch run
 * cancelled from its first batch update. The old runner calls its progress callback on the training thread, so the
 * cancellation is seen at the next checkpoint whatever the machine's speed; it never emitted `cancelled` (its
 * `on_phase("cancelled")` raised again on the set token, docs/legacy-behaviour.md §9.1).
 */
import { realpathSync } from 'node:fs'
import { CancellationToken as LegacyToken } from '../../legacy/local/trainer/cancellation.ts'
import { ModelStorage as LegacyModelStorage } from '../../legacy/local/trainer/model-storage.ts'
import type { LegacyProgressUpdate } from '../../legacy/local/trainer/progress-bridge.ts'
import { runLegacyLocalTraining, type LegacyTrainingOutcome } from '../../legacy/local/run-training.ts'
import { runtimeForDevice } from '../../reference/runtime/device-manager.ts'
import { adamConfig, softmaxRows, type TrainingRuntime } from '../../reference/runtime/training-runtime.ts'
import { checkPersistedModel } from './persisted-check.ts'
import { legacyEvent } from './progress-events.ts'
import type { ProgressNote } from './progress-line.ts'
import { flatMetrics } from './run-metrics.ts'
import { pathRunInput, strategyRequest } from './run-request.ts'
import type { CancellationProbe, PathRunInput, ProgressEvent, RunArtifacts, RunSpec } from './types.ts'

/** How a `local_old` training is run. */
export interface LocalOldOptions {
  /** Receives every update of the old progress bridge. */
  readonly onProgress?: (update: LegacyProgressUpdate) => void
  /** The old `print()` warnings. @default dropped */
  readonly log?: (line: string) => void
  readonly cancellationToken?: LegacyToken
}

/** A `local_old` training: the legacy outcome, the runtime it trained on, and the progress its caller saw. */
export interface LocalOldOutcome {
  readonly outcome: LegacyTrainingOutcome
  readonly runtime: TrainingRuntime
  readonly progress: readonly ProgressEvent[]
}

/** Trains `input` through the legacy local path. */
export async function trainLocalOld(input: PathRunInput, options: LocalOldOptions = {}): Promise<LocalOldOutcome> {
  const runtime = await runtimeForDevice(input.device)
  const progress: ProgressEvent[] = []
  const { epochs, ...paths } = input
  const outcome = await runLegacyLocalTraining({
    ...paths,
    ...(epochs === null ? {} : { epochs }),
    runtime,
    log: options.log ?? (() => undefined),
    ...(options.cancellationToken ? { cancellationToken: options.cancellationToken } : {}),
    onProgress(update) {
      progress.push(legacyEvent(update))
      options.onProgress?.(update)
    },
  })
  return { outcome, runtime, progress }
}

/** Runs the old local path for one epoch and cancels it at its first batch update. */
export async function probeLegacyCancellation(input: PathRunInput): Promise<CancellationProbe> {
  const token = new LegacyToken()
  const phases: string[] = []
  let error: string | null = null
  try {
    await trainLocalOld(
      { ...input, epochs: 1 },
      {
        cancellationToken: token,
        onProgress(update) {
          phases.push(update.phase === 'phase' ? String(update.context.phase_name ?? 'phase') : update.phase)
          if (update.phase === 'batch') token.cancel()
        },
      },
    )
  } catch (e) {
    error = (e as Error).name
  }
  return { lastPhase: phases.at(-1) ?? null, error }
}

/** Trains `spec` through the legacy local path, then probes its saved model and its cancellation. */
export async function runLocalOld(spec: RunSpec, note: (n: ProgressNote) => void): Promise<RunArtifacts> {
  const { strategy, symbols, timeframes } = strategyRequest(spec.strategyPath)
  const input = pathRunInput(spec, symbols, timeframes)
  const started = performance.now()
  const { outcome, runtime, progress } = await trainLocalOld(input, {
    onProgress(update) {
      if (update.phase === 'batch') return
      const event = legacyEvent(update)
      const total = update.context.total_epochs
      note({ stage: event.phase, epoch: event.epoch, epochs: typeof total === 'number' ? total : null })
    },
  })
  const wall = (performance.now() - started) / 1000
  const modelPath = outcome.raw.model_path
  const storage = new LegacyModelStorage(spec.modelsDir, () => new Date())
  const persisted = await checkPersistedModel(modelPath, outcome.probes, () => {
    const loaded = storage.loadModel(strategy.name, symbols.join('_'), timeframes[0]!)
    if (realpathSync(loaded.model_path) !== realpathSync(modelPath!)) {
      throw new Error(`the legacy store's latest model is ${loaded.model_path}, the run saved ${modelPath}`)
    }
    const model = runtime.createModel(loaded.spec, loaded.params, adamConfig(0))
    return (x, rows) => softmaxRows(model.predictLogits(x, rows, null), rows, loaded.spec.outputSize)
  })
  const timings: Record<string, number> = { wall }
  for (const [k, v] of Object.entries(outcome.timings)) timings[k] = v / 1000
  return {
    device: outcome.device,
    probes: outcome.probes,
    history: outcome.probes.history,
    metrics: flatMetrics(outcome.raw.training_metrics, outcome.raw.test_metrics),
    featureImportance: outcome.raw.feature_importance,
    modelPath: modelPath ?? null,
    persisted,
    weightsSha256: outcome.weightsSha256,
    progress,
    protocol: null,
    cancellation: await probeLegacyCancellation(input),
    timings,
    warnings: [],
  }
}
