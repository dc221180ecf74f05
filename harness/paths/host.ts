/**
 * The `host_old` / `host_new` paths: one training run through a running host service with `trainViaHost`
 * (the same client the `train` command uses), then the protocol probes, and — new host — the full stage probes
 * the host wrote to `<probesDir>/<session_id>.json`, the result's training summary, and the saved model read
 * back from the shared store. The old host's numbers are placeholders (docs/legacy-behaviour.md §12.1): it yields
 * protocol, history and zero metrics only.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { oldStartBody, newStartBody } from '../../reference/host-service/client/start-bodies.ts'
import { trainViaHost } from '../../reference/host-service/client/train-via-host.ts'
import type { EpochRecord, TrainingProbes } from '../../reference/runtime/probes.ts'
import { parseWithTypedArrays } from '../../reference/runtime/typed-json.ts'
import { checkPersistedModel } from './persisted-check.ts'
import { probeErrorStatus, probeStop, snapshotFields } from './host-probes.ts'
import type { ProgressNote } from './progress-line.ts'
import { loadWithReferenceStorage } from './reference-loader.ts'
import { flatMetrics } from './run-metrics.ts'
import { harnessRuntime, strategyRequest } from './run-request.ts'
import type { ProgressEvent, RunArtifacts, RunSpec } from './types.ts'

/** @default 50 ms — polls often enough for short quick-profile runs without loading the host. */
export const HARNESS_POLL_INTERVAL_MS = 50

function historyFromLists(h: {
  train_loss: readonly number[]
  train_accuracy: readonly number[]
  val_loss?: readonly number[]
  val_accuracy?: readonly number[]
}): EpochRecord[] {
  return h.train_loss.map((loss, epoch) => ({
    epoch,
    train_loss: loss,
    train_accuracy: h.train_accuracy[epoch] ?? Number.NaN,
    val_loss: h.val_loss?.[epoch] ?? null,
    val_accuracy: h.val_accuracy?.[epoch] ?? null,
    learning_rate: Number.NaN,
  }))
}

/** Trains `spec` through the host at `spec.hostUrl`. */
export async function runHostPath(spec: RunSpec, note: (n: ProgressNote) => void): Promise<RunArtifacts> {
  if (!spec.hostUrl) throw new Error(`${spec.path}: no host URL (the matrix runner starts the hosts)`)
  const hostUrl = spec.hostUrl
  const impl = spec.path === 'host_old' ? 'old' : 'new'
  const { strategy, symbols, timeframes } = strategyRequest(spec.strategyPath)
  const progress: ProgressEvent[] = []
  let sessionId: string | null = null
  const input = {
    symbols,
    timeframes,
    seed: spec.seed,
    startDate: spec.settings.startDate,
    endDate: spec.settings.endDate,
    ...(spec.settings.epochs === null ? {} : { epochs: spec.settings.epochs }),
  }
  const started = performance.now()
  const json = await trainViaHost({
    hostUrl,
    impl,
    strategyPath: spec.strategyPath,
    ...input,
    modelsDir: spec.modelsDir,
    pollIntervalMs: HARNESS_POLL_INTERVAL_MS,
    onProgress(update) {
      sessionId = update.sessionId
      const last = progress.at(-1)
      if (last && last.phase === update.phase && last.epoch === update.epoch) return
      progress.push({ phase: update.phase, epoch: update.epoch, batch: null, percent: update.percentage })
      note({ stage: update.phase, epoch: update.epoch, epochs: update.totalEpochs })
    },
  })
  const wall = (performance.now() - started) / 1000
  if (sessionId === null) throw new Error(`${spec.path}: the client reported no session id`)
  const id: string = sessionId
  const statusFields = await snapshotFields(hostUrl, id)
  const errorStatus = await probeErrorStatus(hostUrl, id)
  const stopBody =
    impl === 'old'
      ? oldStartBody(strategy, resolve(spec.strategyPath), input)
      : newStartBody(readFileSync(spec.strategyPath, 'utf8'), input)
  const stopOutcome = await probeStop(hostUrl, stopBody)
  const protocol = {
    statesSeen: json.protocol.states_seen,
    progressPercents: json.protocol.progress_percents,
    endpointsUsed: json.protocol.endpoints_used,
    statusFields,
    errorStatus,
    stopOutcome,
  }
  const timings = {
    wall,
    start: json.timings.start_ms / 1000,
    poll: json.timings.poll_ms / 1000,
    result: json.timings.result_ms / 1000,
  }
  if (impl === 'old') {
    return {
      device: json.device,
      probes: null,
      history: historyFromLists(json.training_history),
      metrics: flatMetrics(null, json.metrics),
      featureImportance: json.feature_importance,
      modelPath: json.model_path,
      persisted: null,
      weightsSha256: json.weights_sha256,
      progress,
      protocol,
      cancellation: null,
      timings,
      warnings: [],
    }
  }
  const probesPath = spec.probesDir ? join(spec.probesDir, `${id}.json`) : null
  if (!probesPath || !existsSync(probesPath))
    throw new Error(`host_new: no probes file for session ${id} in ${spec.probesDir}`)
  const probes = parseWithTypedArrays<TrainingProbes>(readFileSync(probesPath, 'utf8'))
  const result = (await (await fetch(`${hostUrl}/training/result/${id}`)).json()) as {
    training_metrics?: unknown
    warnings?: string[]
  }
  const runtime = await harnessRuntime()
  const persisted = await checkPersistedModel(json.model_path, probes, () =>
    loadWithReferenceStorage(spec.modelsDir, json.model, runtime),
  )
  return {
    device: json.device,
    probes,
    history: probes.history,
    metrics: flatMetrics(result.training_metrics, json.metrics),
    featureImportance: json.feature_importance,
    modelPath: json.model_path,
    persisted,
    weightsSha256: json.weights_sha256,
    progress,
    protocol,
    cancellation: null,
    timings,
    warnings: result.warnings ?? [],
  }
}
