/**
 * What crosses the thread boundary of the local orchestrator: the serialisable training request (paths and
 * values, no functions) and the messages the worker posts back.
 */
import type { BatchProgress, EpochProgress } from '../model/train-loop.ts'
import type { PipelinePhase, PipelineResult } from '../pipeline/types.ts'
import type { DeviceName } from '../runtime/device-manager.ts'

/** The strategy: a YAML file path, or YAML text. @public */
export type StrategySource = { readonly path: string } | { readonly yaml: string }

/** A local training request; every field survives `structuredClone`. @public */
export interface LocalTrainingRequest {
  readonly strategy: StrategySource
  /** Directory of `<SYMBOL>_<TF>.csv` files. */
  readonly dataDir: string
  /** @default the strategy's `training_data.symbols` */
  readonly symbols?: readonly string[]
  /** @default the strategy's `training_data.timeframes` */
  readonly timeframes?: readonly string[]
  readonly startDate?: string | null
  readonly endDate?: string | null
  readonly seed: number
  readonly epochs?: number
  /** Model-store base directory; null saves nothing. */
  readonly modelsDir: string | null
  /** Training device (`KTRDR_DEVICE` names, or `auto`). @default 'auto' */
  readonly device?: DeviceName | 'auto'
  /** A frozen clock (ISO-8601) for reproducible dates and durations; the system clock when absent. */
  readonly fixedClock?: string
}

/** Data handed to the worker at start. @internal */
export interface WorkerInput {
  readonly request: LocalTrainingRequest
  readonly cancelBuffer: SharedArrayBuffer
}

/** Messages from the worker, in the order they can occur. @internal */
export type WorkerMessage =
  | { readonly type: 'plan'; readonly totalEpochs: number; readonly batchStride: number }
  | { readonly type: 'phase'; readonly phase: PipelinePhase; readonly message: string }
  | { readonly type: 'batch'; readonly progress: BatchProgress }
  | { readonly type: 'epoch'; readonly progress: EpochProgress }
  | { readonly type: 'warning'; readonly message: string }
  | { readonly type: 'result'; readonly result: PipelineResult }
  | { readonly type: 'cancelled'; readonly where: string }
  | { readonly type: 'failed'; readonly name: string; readonly message: string }
