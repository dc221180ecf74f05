/**
 * The `local_old` path: the frozen legacy port of the old local runner (`runLegacyLocalTraining`) in this
 * process, its saved model read back with the legacy store's own loader (its latest version, which must be the
 * directory the run saved: each run has a models folder of its own).
 */
import { realpathSync } from 'node:fs'
import { ModelStorage as LegacyModelStorage } from '../../legacy/local/trainer/model-storage.ts'
import { runLegacyLocalTraining } from '../../legacy/local/run-training.ts'
import { adamConfig, softmaxRows } from '../../reference/runtime/training-runtime.ts'
import { probeLegacyCancellation } from './cancel-probe.ts'
import { checkPersistedModel } from './persisted-check.ts'
import type { ProgressNote } from './progress-line.ts'
import { flatMetrics } from './run-metrics.ts'
import { harnessRuntime, strategyRequest } from './run-request.ts'
import type { ProgressEvent, RunArtifacts, RunSpec } from './types.ts'

function numberOrNull(v: unknown): number | null {
  return typeof v === 'number' ? v : null
}

/** Trains `spec` through the legacy local path and collects its artifacts. */
export async function runLocalOld(spec: RunSpec, note: (n: ProgressNote) => void): Promise<RunArtifacts> {
  const { strategy, symbols, timeframes } = strategyRequest(spec.strategyPath)
  const runtime = await harnessRuntime()
  const progress: ProgressEvent[] = []
  const started = performance.now()
  const outcome = await runLegacyLocalTraining({
    strategyPath: spec.strategyPath,
    dataDir: spec.dataDir,
    symbols,
    timeframes,
    startDate: spec.settings.startDate,
    endDate: spec.settings.endDate,
    seed: spec.seed,
    ...(spec.settings.epochs === null ? {} : { epochs: spec.settings.epochs }),
    modelsDir: spec.modelsDir,
    runtime,
    log: () => undefined,
    onProgress(update) {
      if (update.phase === 'batch') return
      const epoch = numberOrNull(update.context.epoch_index)
      progress.push({ phase: update.phase, epoch, batch: null, percent: update.percentage })
      note({
        stage: update.phase === 'epoch' ? 'training' : update.phase,
        epoch,
        epochs: numberOrNull(update.context.total_epochs),
      })
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
    cancellation: await probeLegacyCancellation(spec, symbols, timeframes, runtime, spec.modelsDir),
    timings,
    warnings: [],
  }
}
