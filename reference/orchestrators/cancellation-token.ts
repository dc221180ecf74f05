/**
 * `CancellationToken`: a cancel flag in a `SharedArrayBuffer`, read with `Atomics`, so a worker thread sees a
 * cancellation at its next checkpoint without waiting for a message (docs/legacy-behaviour.md §9.1 checkpoints: before
 * each symbol, each epoch start, each batch start).
 */

/** A cancellation flag shareable across threads. @public */
export class CancellationToken {
  /** The shared memory; pass it to a worker and wrap it there with `new CancellationToken(buffer)`. */
  readonly buffer: SharedArrayBuffer
  private readonly flag: Int32Array

  /** @param buffer - an existing token's buffer (the worker side); a fresh flag when omitted. */
  constructor(buffer: SharedArrayBuffer = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT)) {
    this.buffer = buffer
    this.flag = new Int32Array(buffer, 0, 1)
  }

  /** Requests cancellation; every thread holding the buffer sees it at once. Idempotent. */
  cancel(): void {
    Atomics.store(this.flag, 0, 1)
  }

  /** True once `cancel()` was called on any thread. */
  isCancelled(): boolean {
    return Atomics.load(this.flag, 0) === 1
  }
}
