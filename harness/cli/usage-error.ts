/** A mistake in how a command was called (bad flag value, missing file): exit code 2 and a one-line message. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}
