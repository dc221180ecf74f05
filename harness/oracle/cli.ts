/**
 * What `ktrdr-train stages --path ktrdr_py` and `ktrdr-train train --path ktrdr_py` do, kept out of the command
 * modules so they only dispatch: run the oracle, list its shims and injections on stderr, and turn "no checkout /
 * no packages" into an `EnvironmentError` (the CLI's exit status 2) with the "not run" sentence.
 */
import type { SymbolStageProbes } from '../../reference/runtime/probes.ts'
import { EnvironmentError } from '../errors.ts'
import { OracleError, type OracleEnvelope } from './driver.ts'
import { runOracleStages, type OracleStagesRequest } from './stages.ts'
import { runOracleTraining, type OracleTrainJson, type OracleTrainRequest } from './train.ts'

/** The option every ktrdr_py command takes. */
export const KTRDR_SRC_OPTION = {
  type: 'string',
  describe: 'KTRDR checkout at 1e0933c5 for --path ktrdr_py (default: $KTRDR_SRC)',
} as const

/** One stderr line per shim and injection the driver reported. */
export function describeAdjustments(answer: OracleEnvelope): string[] {
  return [
    ...(answer.shims ?? []).map((s) => `ktrdr_py shim ${s.id}: ${s.what}`),
    ...(answer.injections ?? []).map((i) => `ktrdr_py injection ${i.id}: ${i.what}`),
  ]
}

async function asCliRun<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof OracleError && error.kind === 'setup') {
      throw new EnvironmentError(
        `ktrdr_py ${error.message.startsWith('not run') ? error.message : `not run: ${error.message}`} (give --ktrdr-src or set KTRDR_SRC; packages: make oracle-deps)`,
        { cause: error },
      )
    }
    if (error instanceof OracleError && error.stderrTail) {
      throw new Error(`${error.message}\n--- driver stderr (tail) ---\n${error.stderrTail}`)
    }
    throw error
  }
}

/**
 * `stages --path ktrdr_py`: the probes of one symbol through KTRDR's own code; shims and injections go to `warn`.
 */
export async function ktrdrPyStagesForCli(
  request: OracleStagesRequest,
  warn: (message: string) => void,
): Promise<SymbolStageProbes> {
  const { probes, answer } = await asCliRun(() => runOracleStages(request))
  for (const line of describeAdjustments(answer)) warn(line)
  return probes
}

/**
 * `train --path ktrdr_py`: KTRDR's old local training, seeded; shims and injections go to `progress`.
 */
export async function ktrdrPyTrainForCli(
  request: OracleTrainRequest,
  progress: (line: string) => void,
): Promise<OracleTrainJson> {
  const json = await asCliRun(() => runOracleTraining(request))
  for (const line of describeAdjustments(json)) progress(line)
  return json
}
