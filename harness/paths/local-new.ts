/**
 * The `local_new` path: the refactored pipeline (`runTrainingPipeline`) in this process, on the CSV data source
 * and a fresh model store, optionally with one canary fault planted through `createTrainingPipeline`.
 */
import { join } from 'node:path'
import { CsvDataSource } from '../../reference/data/csv-source.ts'
import { createTrainingPipeline } from '../../reference/pipeline/stages.ts'
import { runTrainingPipeline } from '../../reference/pipeline/run.ts'
import { ModelStorage } from '../../reference/storage/model-storage.ts'
import { plantFault } from '../canaries/faults.ts'
import { probeOrchestratorCancellation } from './cancel-probe.ts'
import { checkPersistedModel } from './persisted-check.ts'
import type { ProgressNote } from './progress-line.ts'
import { loadWithReferenceStorage } from './reference-loader.ts'
import { flatMetrics } from './run-metrics.ts'
import { harnessRuntime, strategyRequest } from './run-request.ts'
import type { ProgressEvent, RunArtifacts, RunSpec } from './types.ts'

/** Trains `spec` through the refactored pipeline and collects its artifacts. */
export async function runLocalNew(spec: RunSpec, note: (n: ProgressNote) => void): Promise<RunArtifacts> {
  const { strategy, symbols, timeframes } = strategyRequest(spec.strategyPath)
  const runtime = await harnessRuntime()
  const progress: ProgressEvent[] = []
  const started = performance.now()
  const result = await runTrainingPipeline(
    {
      strategy,
      symbols,
      timeframes,
      startDate: spec.settings.startDate,
      endDate: spec.settings.endDate,
      seed: spec.seed,
      ...(spec.settings.epochs === null ? {} : { epochs: spec.settings.epochs }),
      dataSource: new CsvDataSource(spec.dataDir),
      storage: new ModelStorage(spec.modelsDir, { runtime }),
      runtime,
      ...(spec.canary ? { pipeline: createTrainingPipeline(plantFault(spec.canary)) } : {}),
    },
    {
      onPhase(phase) {
        progress.push({ phase, epoch: null, batch: null, percent: null })
        note({ stage: phase, epoch: null, epochs: null })
      },
      onEpoch(p) {
        progress.push({ phase: 'epoch', epoch: p.epoch, batch: null, percent: null })
        note({ stage: 'training', epoch: p.epoch + 1, epochs: p.total_epochs })
      },
    },
  )
  const wall = (performance.now() - started) / 1000
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
    cancellation: await probeOrchestratorCancellation(spec, join(spec.modelsDir, 'cancel-probe')),
    timings,
    warnings: result.warnings,
  }
}
