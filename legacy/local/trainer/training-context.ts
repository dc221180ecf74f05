/**
 * The parts of the old `TrainingOperationContext` (docs/legacy-behaviour.md §1.1) that the local runner, the progress
 * bridge and the result aggregator read, built the way `build_training_context` did.
 */
import { basename, extname } from 'node:path'
import { dictGet, isDict, type ConfigDict } from './config-dict.ts'

/** Snapshot of one training operation. */
export interface LegacyTrainingContext {
  readonly operation_id: string | null
  /** The request's strategy name (the YAML file stem), not the YAML `name`. */
  readonly strategy_name: string
  readonly strategy_path: string
  readonly symbols: readonly string[]
  readonly timeframes: readonly string[]
  /** As requested (null when not given); the runner applies the old defaults. */
  readonly start_date: string | null
  readonly end_date: string | null
  /** `model.training` of the YAML. */
  readonly training_config: ConfigDict
  /** max(int(model.training.epochs, default 1), 1). */
  readonly total_epochs: number
  /** `total_batches`, else `batches_per_epoch · epochs`, else null. */
  readonly total_batches: number | null
  readonly session_id: string | null
}

/** `total_steps`: the number of coarse progress steps (epochs), at least 1. */
export function totalSteps(context: LegacyTrainingContext): number {
  return Math.max(context.total_epochs, 1)
}

/** Builds the context from the loaded YAML and the request. */
export function buildTrainingContext(args: {
  readonly operationId: string | null
  readonly strategyPath: string
  readonly config: ConfigDict
  readonly symbols: readonly string[]
  readonly timeframes: readonly string[]
  readonly startDate: string | null
  readonly endDate: string | null
}): LegacyTrainingContext {
  const model = dictGet(args.config, 'model', {})
  const training =
    isDict(model) && isDict(dictGet(model, 'training', {})) ? (dictGet(model, 'training', {}) as ConfigDict) : {}
  const rawEpochs = dictGet(training, 'epochs', 1)
  const parsed = typeof rawEpochs === 'number' && Number.isFinite(rawEpochs) ? Math.trunc(rawEpochs) : 1
  const totalEpochs = Math.max(parsed, 1)
  const totalBatchesRaw = dictGet(training, 'total_batches', null)
  const perEpoch = dictGet(training, 'batches_per_epoch', null)
  let totalBatches: number | null = null
  if (Number.isInteger(totalBatchesRaw) && (totalBatchesRaw as number) > 0) totalBatches = totalBatchesRaw as number
  else if (Number.isInteger(perEpoch) && (perEpoch as number) > 0) totalBatches = (perEpoch as number) * totalEpochs
  return {
    operation_id: args.operationId,
    strategy_name: basename(args.strategyPath, extname(args.strategyPath)),
    strategy_path: args.strategyPath,
    symbols: [...args.symbols],
    timeframes: [...args.timeframes],
    start_date: args.startDate,
    end_date: args.endDate,
    training_config: { ...training },
    total_epochs: totalEpochs,
    total_batches: totalBatches,
    session_id: null,
  }
}
