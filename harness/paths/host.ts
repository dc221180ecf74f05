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
import type { TrainingProbes } from '../../reference/runtime/probes.ts'
import { parseWithTypedArrays } from '../../reference/runtime/typed-json.ts'
import { checkPersistedModel } from './persisted-check.ts'
import { LONG_RUN_EPOCHS, probeErrorStatus, probeRunningSession, snapshotFields } from './host-probes.ts'
import type { ProgressNote } from './progress-line.ts'
import { loadWithReferenceStorage } from './reference-loader.ts'
import { flatMetrics } from './run-metrics.ts'
import { harnessRuntime, strategyRequest } from './run-request.ts'
import { historyRecords } from '../train/train-json.ts'
import type { RunArtifacts, RunSpec } from './types.ts'

/** @default 50 ms — polls often enough for short quick-profile runs without loading the host. */
export const HARNESS_POLL_INTERVAL_MS = 50

/**
 * Trains `spec` through the host at `spec.hostUrl`, then runs the protocol probes on it.
 *
 * @param onSession - receives every session id this run starts on the host (so that a caller can stop them if
 *   the run dies), before anything else can fail
 */
export async function runHostPath(
  spec: RunSpec,
  note: (n: ProgressNote) => void,
  onSession: (id: string) => void,
): Promise<RunArtifacts> {
  if (!spec.hostUrl) throw new Error(`${spec.path}: no host URL (the matrix runner starts the hosts)`)
  const hostUrl = spec.hostUrl
  const impl = spec.path === 'host_old' ? 'old' : 'new'
  const { strategy, symbols, timeframes } = strategyRequest(spec.strategyPath)
  let lastEpoch: number | null = null
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
    onSession,
    onProgress(update) {
      if (update.epoch === lastEpoch) return
      lastEpoch = update.epoch
      note({ stage: update.phase, epoch: update.epoch, epochs: update.totalEpochs })
    },
  })
  const wall = (performance.now() - started) / 1000
  const id = json.session_id
  const statusFields = await snapshotFields(hostUrl, id)
  const errorStatus = await probeErrorStatus(hostUrl, id)
  const longInput = { ...input, epochs: LONG_RUN_EPOCHS }
  const longBody =
    impl === 'old'
      ? oldStartBody(strategy, resolve(spec.strategyPath), longInput)
      : newStartBody(readFileSync(spec.strategyPath, 'utf8'), longInput)
  const running = await probeRunningSession(hostUrl, longBody, onSession)
  const protocol = {
    statesSeen: json.protocol.states_seen,
    progressPercents: json.protocol.progress_percents,
    endpointsUsed: json.protocol.endpoints_used,
    statusFields,
    errorStatus: { ...errorStatus, start_while_running: running.startWhileRunning },
    stopOutcome: running.stopOutcome,
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
      history: historyRecords(json.training_history).map((r) => ({ ...r, learning_rate: Number.NaN })),
      metrics: flatMetrics(null, json.metrics),
      featureImportance: json.feature_importance,
      modelPath: json.model_path,
      persisted: null,
      weightsSha256: json.weights_sha256,
      progress: null,
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
    progress: null,
    protocol,
    cancellation: null,
    timings,
    warnings: result.warnings ?? [],
  }
}
