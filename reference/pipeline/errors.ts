/**
 * Errors of the training pipeline that callers branch on: cancellation (docs/legacy-behaviour.md §9.1: the old
 * `CancellationError`, raised at the pre-model symbol checks, epoch start and batch start).
 */

/** Raised at a cancellation checkpoint once the run's cancellation check returns true. @public */
export class TrainingCancelledError extends Error {
  override readonly name = 'TrainingCancelledError'

  /** @param where - the checkpoint that saw the request, e.g. `epoch 3 start`. */
  constructor(readonly where: string) {
    super(`Training cancelled (${where})`)
  }
}

/**
 * Throws {@link TrainingCancelledError} when `isCancelled` says so; a no-op without a check.
 */
export function throwIfCancelled(isCancelled: (() => boolean) | undefined, where: string): void {
  if (isCancelled?.()) throw new TrainingCancelledError(where)
}
