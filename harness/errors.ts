/**
 * The harness's caller-facing error: a mistake in how a command or library function was called that no run
 * could fix. The command line maps it (and the environment errors of harness/cli/exit-code.ts) to exit code 2.
 */

/** A bad option value, a missing file, a host path without a host URL, … @public */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}
