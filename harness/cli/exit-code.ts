/**
 * The exit code of a command that threw, decided by the error's class (never by its text): 2 for a usage or
 * environment error — a bad flag, an unreadable ledger or shard file, a host service that would not start, a
 * training device that cannot be used here, a missing KTRDR checkout —, 1 for anything else (the command itself
 * failed).
 */
import { HostStartError } from '../../reference/host-service/process.ts'
import { DeviceError } from '../../reference/runtime/device-manager.ts'
import { EnvironmentError, UsageError } from '../errors.ts'
import { LedgerError } from '../ledger/load.ts'
import { MergeError } from '../report/merge.ts'

/** The error classes that mean "usage or environment": exit code 2. */
export const EXIT_2_ERRORS = [
  UsageError,
  EnvironmentError,
  LedgerError,
  MergeError,
  HostStartError,
  DeviceError,
] as const

/** 2 for a usage or environment error, 1 otherwise. */
export function exitCodeOf(error: unknown): 1 | 2 {
  return EXIT_2_ERRORS.some((type) => error instanceof type) ? 2 : 1
}
