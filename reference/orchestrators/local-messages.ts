/**
 * What crosses the thread boundary of the local orchestrator: the value-only training request, the worker's
 * start-up data, the messages the worker posts back, and the acknowledgement the parent returns in lockstep mode.
 */
import type { BatchProgress, EpochProgress } from '../model/train-loop.ts'
import type { TrainingRequest } from '../pipeline/request.ts'
import type { PipelinePhase, PipelineResult } from '../pipeline/types.ts'

/** Data handed to the worker at start. @internal */
export interface WorkerInput {
  readonly request: TrainingRequest
  readonly cancelBuffer: SharedArrayBuffer
  /** Wait for the parent's `ack` after every batch and epoch message. */
  readonly lockstep: boolean
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

/** The parent's answer to a batch or epoch message in lockstep mode. @internal */
export interface ParentAck {
  readonly type: 'ack'
}
