/**
 * The harness's caller-facing errors: a mistake in how a command or library function was called, or an
 * environment that cannot run what was asked — nothing a run could fix. The command line maps them (and the
 * other classes listed in harness/cli/exit-code.ts) to exit code 2.
 */

/** A bad option value, a missing file, a host path without a host URL, … @public */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}

/** The environment lacks what the run needs (e.g. no KTRDR checkout or Python packages for ktrdr_py). @public */
export class EnvironmentError extends Error {
  override readonly name = 'EnvironmentError'
}
