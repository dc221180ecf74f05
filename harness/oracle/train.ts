/**
 * One training run through `ktrdr_py`: KTRDR's own `StrategyTrainer.train_multi_symbol_strategy`, seeded by the
 * driver, answered with the fields of `ktrdr-train train --json` (plus the shims and injections that made it run).
 */
import {
  NO_CHECKOUT,
  OracleError,
  resolveKtrdrSrc,
  runDriver,
  type OracleEnvelope,
  type OracleSession,
} from './driver.ts'
import type { EpochRecord, TestMetrics } from '../../reference/runtime/probes.ts'
import type { PathRunInput } from '../paths/types.ts'

/** What one `ktrdr_py` training needs. */
export interface OracleTrainRequest extends Omit<PathRunInput, 'epochs' | 'device'> {
  readonly epochs: number | undefined
  /** The checkout; null/absent → `KTRDR_SRC`. */
  readonly ktrdrSrc?: string | null
  /** A running driver to reuse; absent → one driver process. */
  readonly session?: OracleSession
}

/** `train --json` of the `ktrdr_py` path. */
export interface OracleTrainJson extends OracleEnvelope {
  readonly path: 'ktrdr_py'
  /** `torch-<device>` (KTRDR's ModelTrainer picks CUDA, then MPS, then CPU). */
  readonly device: string
  readonly seed: number
  readonly model_path: string | null
  /** KTRDR's final state_dict in our layout; equal only between ktrdr_py runs (see `weights_sha256_scope`). */
  readonly weights_sha256: string | null
  readonly weights_sha256_scope: string
  readonly metrics: TestMetrics
  readonly training_history: readonly EpochRecord[]
  readonly feature_importance: Readonly<Record<string, number>> | null
  readonly timings: Readonly<Record<string, number>>
  readonly per_symbol_metrics?: unknown
  readonly warnings: readonly string[]
}

function trainRequest(request: OracleTrainRequest): Record<string, unknown> {
  return {
    command: 'train',
    strategy: request.strategyPath,
    data_dir: request.dataDir,
    symbols: request.symbols.join(','),
    timeframes: request.timeframes.join(','),
    seed: request.seed,
    models_dir: request.modelsDir,
    ...(request.epochs === undefined ? {} : { epochs: request.epochs }),
    ...(request.startDate ? { start: request.startDate } : {}),
    ...(request.endDate ? { end: request.endDate } : {}),
  }
}

function trainFlags(body: Record<string, unknown>): string[] {
  const flags = ['train', '--strategy', String(body.strategy), '--data-dir', String(body.data_dir)]
  flags.push('--symbols', String(body.symbols), '--timeframes', String(body.timeframes))
  flags.push('--seed', String(body.seed), '--models-dir', String(body.models_dir))
  if (body.epochs !== undefined) flags.push('--epochs', String(body.epochs))
  if (body.start) flags.push('--start', String(body.start))
  if (body.end) flags.push('--end', String(body.end))
  return flags
}

/**
 * Trains through KTRDR's own code.
 *
 * @throws OracleError kind `setup` ({@link NO_CHECKOUT} or missing packages), or the KTRDR failure
 */
export async function runOracleTraining(request: OracleTrainRequest): Promise<OracleTrainJson> {
  const body = trainRequest(request)
  if (request.session) return (await request.session.request(body)) as OracleTrainJson
  const src = resolveKtrdrSrc(request.ktrdrSrc)
  if (src === null) throw new OracleError(NO_CHECKOUT, 'setup')
  return (await runDriver(src, trainFlags(body))) as OracleTrainJson
}
