/**
 * The old `ktrdr.async_infrastructure.cancellation` pair, as the legacy local path used it: a token that is set once
 * and polled, and the error raised at every check point (docs/legacy-behaviour.md §9.1 "Cancellation").
 */

/** Raised wherever the old code called `_check_cancelled()` / `_raise_if_cancelled()` on a set token. */
export class CancellationError extends Error {
  override readonly name = 'CancellationError'
}

/** Read-only view of a token, what the trainer, bridge and runner poll. */
export interface LegacyCancellationToken {
  isCancelled(): boolean
}

/** A cancellation flag: `cancel()` sets it for good; every check point polls `isCancelled()`. */
export class CancellationToken implements LegacyCancellationToken {
  private cancelled = false

  /** Sets the flag; the next check point raises {@link CancellationError}. */
  cancel(): void {
    this.cancelled = true
  }

  isCancelled(): boolean {
    return this.cancelled
  }
}

/** Throws `CancellationError(message)` when `token` is set (a null token never cancels). */
export function raiseIfCancelled(token: LegacyCancellationToken | null, message: string): void {
  if (token?.isCancelled()) throw new CancellationError(message)
}
