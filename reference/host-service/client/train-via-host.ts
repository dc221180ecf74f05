/**
 * `trainViaHost`: one training run through a host service, old or new, reported in the `train` command's JSON
 * shape (the `host_old` / `host_new` paths of docs/architecture.md §6). It starts the session with the body that host
 * expects, polls it to the end (mapping snapshots to progress), stops it on cancellation, and — new host —
 * fetches the result and loads the saved model from the shared store to check its weights digest. For the old
 * host the metrics are zeros and model_path / weights null, exactly what the old aggregator produced from a
 * host run (docs/legacy-behaviour.md §9.6): its network never leaves the host.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { weightsSha256 } from '../../runtime/training-runtime.ts'
import { ModelStorage, type ModelRef } from '../../storage/model-storage.ts'
import { loadStrategy } from '../../strategy/load.ts'
import { HostTrainingClient, type HostResultResponse, type HostStatusResponse } from './host-client.ts'
import { pollSession, type CancellationCheck, type HostProgressUpdate } from './poller.ts'
import { newStartBody, oldStartBody, type StartBodyInput } from './start-bodies.ts'

/** Options of one host run: the start-body input (symbols, timeframes, dates, seed, epochs) plus the host's. @public */
export interface TrainViaHostOptions extends StartBodyInput {
  readonly hostUrl: string
  readonly impl: 'old' | 'new'
  readonly strategyPath: string
  /** The shared model store (the new host saves there). */
  readonly modelsDir: string
  readonly token?: string
  readonly onProgress?: (update: HostProgressUpdate) => void
  /** Called with the session id as soon as the host has started the session. */
  readonly onSession?: (sessionId: string) => void
  /** @default 300 */
  readonly pollIntervalMs?: number
  /** Per-request timeout. @default 30_000 */
  readonly requestTimeoutMs?: number
  readonly cancellation?: CancellationCheck
}

/** Test metrics as the `train` command reports them. */
export interface TrainMetrics {
  readonly test_accuracy: number
  readonly test_loss: number
  readonly precision: number
  readonly recall: number
  readonly f1_score: number
}

/** The per-epoch history lists (§6.2 summary `history`). */
export interface TrainingHistory {
  readonly train_loss: readonly number[]
  readonly train_accuracy: readonly number[]
  readonly val_loss?: readonly number[]
  readonly val_accuracy?: readonly number[]
  /** Each epoch's learning rate, when the host reports it (the new host does, the old one does not). */
  readonly learning_rate?: readonly number[]
}

/** The `train --path host_old|host_new` output. @public */
export interface TrainJson {
  readonly path: 'host_old' | 'host_new'
  /** The host's session id (the new host's probes file is `<probes-dir>/<session_id>.json`). */
  readonly session_id: string
  readonly device: string
  readonly seed: number
  readonly model_path: string | null
  /** The saved version (new host); load it with `ModelStorage.load`. null for host_old. */
  readonly model: ModelRef | null
  readonly weights_sha256: string | null
  readonly metrics: TrainMetrics
  readonly training_history: TrainingHistory
  /** Whether early stopping ended training; always false on the old host, which ignores early_stopping. */
  readonly stopped_early: boolean
  /** 0-based epoch at which early stopping triggered; null when it did not. */
  readonly stopped_epoch: number | null
  /** null for host_old (the old aggregator's `feature_importance: null`). */
  readonly feature_importance: Readonly<Record<string, number>> | null
  /** Wall milliseconds: start request, polling until the end, result fetch + model check, total. */
  readonly timings: {
    readonly start_ms: number
    readonly poll_ms: number
    readonly result_ms: number
    readonly total_ms: number
  }
  readonly protocol: {
    /** Distinct statuses in the order first seen. */
    readonly states_seen: readonly string[]
    /** `progress.progress_percent` of every snapshot. */
    readonly progress_percents: readonly number[]
    readonly endpoints_used: readonly string[]
  }
}

const ZERO_METRICS: TrainMetrics = { test_accuracy: 0, test_loss: 0, precision: 0, recall: 0, f1_score: 0 }

/**
 * Trains through a host and resolves to the run's JSON.
 *
 * @throws StrategyError for an invalid strategy file; HostRequestError when the host refuses or is unreachable;
 *   HostTrainingFailedError / HostTrainingCancelledError for a run that fails or is stopped; Error when the saved
 *   model's digest differs from the reported one
 * @public
 */
export async function trainViaHost(options: TrainViaHostOptions): Promise<TrainJson> {
  const started = performance.now()
  const strategy = loadStrategy(options.strategyPath)
  const client = new HostTrainingClient({
    baseUrl: options.hostUrl,
    token: options.token ?? null,
    ...(options.requestTimeoutMs === undefined ? {} : { timeoutMs: options.requestTimeoutMs }),
  })
  const body =
    options.impl === 'old'
      ? oldStartBody(strategy, resolve(options.strategyPath), options)
      : newStartBody(readFileSync(options.strategyPath, 'utf8'), options)
  const { session_id: sessionId } = await client.start(body)
  options.onSession?.(sessionId)
  const startedSession = performance.now()

  const states: string[] = []
  const percents: number[] = []
  const final = await pollSession(client, sessionId, {
    ...(options.pollIntervalMs === undefined ? {} : { intervalMs: options.pollIntervalMs }),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.cancellation ? { cancellation: options.cancellation } : {}),
    onSnapshot: (snapshot) => {
      if (!states.includes(snapshot.status)) states.push(snapshot.status)
      if (typeof snapshot.progress?.progress_percent === 'number') percents.push(snapshot.progress.progress_percent)
    },
  })
  const polled = performance.now()

  let json: Omit<TrainJson, 'session_id' | 'timings' | 'protocol'>
  if (options.impl === 'old') {
    json = oldHostJson(final, options.seed)
  } else {
    const result = await client.result(sessionId)
    await checkSavedModel(options.modelsDir, result)
    json = newHostJson(result, options.seed)
  }
  const finished = performance.now()
  return {
    ...json,
    session_id: sessionId,
    timings: {
      start_ms: startedSession - started,
      poll_ms: polled - startedSession,
      result_ms: finished - polled,
      total_ms: finished - started,
    },
    protocol: { states_seen: states, progress_percents: percents, endpoints_used: [...client.endpointsUsed] },
  }
}

function oldHostJson(final: HostStatusResponse, seed: number): Omit<TrainJson, 'session_id' | 'timings' | 'protocol'> {
  const numbers = (key: string): number[] =>
    (final.metrics[key] ?? []).filter((v): v is number => typeof v === 'number')
  const devices = final.metrics.device ?? []
  return {
    path: 'host_old',
    device: typeof devices[devices.length - 1] === 'string' ? (devices[devices.length - 1] as string) : 'unknown',
    seed,
    model_path: null,
    model: null,
    weights_sha256: null,
    metrics: ZERO_METRICS,
    training_history: { train_loss: numbers('epoch_loss'), train_accuracy: numbers('epoch_accuracy') },
    stopped_early: false,
    stopped_epoch: null,
    feature_importance: null,
  }
}

function newHostJson(result: HostResultResponse, seed: number): Omit<TrainJson, 'session_id' | 'timings' | 'protocol'> {
  const lists = (result.training_metrics.history ?? { train_loss: [], train_accuracy: [] }) as TrainingHistory
  const rates = (result.training_history ?? []).map((r) => r.learning_rate)
  const history: TrainingHistory =
    rates.length === lists.train_loss.length && rates.every((r) => typeof r === 'number')
      ? { ...lists, learning_rate: rates as number[] }
      : lists
  const m = result.test_metrics
  return {
    path: 'host_new',
    device: result.device ?? 'unknown',
    seed,
    model_path: result.artifacts.model_path,
    model: result.artifacts.model,
    weights_sha256: result.artifacts.weights_sha256,
    metrics: {
      test_accuracy: m.test_accuracy,
      test_loss: m.test_loss,
      precision: m.precision,
      recall: m.recall,
      f1_score: m.f1_score,
    },
    training_history: history,
    stopped_early: result.stopped_early ?? false,
    stopped_epoch: result.stopped_epoch ?? null,
    feature_importance: result.feature_importance,
  }
}

/** Loads the saved model from the shared store and checks it is the one the host reported. */
async function checkSavedModel(modelsDir: string, result: HostResultResponse): Promise<void> {
  const ref = result.artifacts.model
  if (ref === null) throw new Error(`host session ${result.session_id} completed without a saved model`)
  const loaded = await new ModelStorage(modelsDir).load(ref)
  try {
    const digest = weightsSha256(loaded.params)
    if (digest !== result.artifacts.weights_sha256) {
      throw new Error(
        `model at ${loaded.ref.path} has weights_sha256 ${digest}, the host reported ${result.artifacts.weights_sha256}`,
      )
    }
  } finally {
    loaded.model.dispose()
  }
}
