/**
 * A command that was called correctly but cannot run here (a host service that will not start, an unreadable
 * known-divergence ledger): exit code 2 like a usage error, without the usage hint.
 */
export class EnvironmentError extends Error {
  override readonly name = 'EnvironmentError'
}
