/**
 * Child-process entry of one run: `node run-cell.js <job.json>` (the `.ts` source under tsx). Reads the RunSpec
 * and the result path from the job file, runs the path in this process, and writes the RunResult with
 * typed-json (temporary file + rename). Progress goes to stdout as `@@progress` lines. A crash or hang here is
 * contained by the parent (harness/paths/cell-process.ts), which kills the process and reports the log tail.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { stringifyWithTypedArrays } from '../../reference/runtime/typed-json.ts'
import { runHostPath } from './host.ts'
import { runLocalNew } from './local-new.ts'
import { runLocalOld } from './local-old.ts'
import { formatProgressLine, formatSessionLine, type ProgressNote } from './progress-line.ts'
import type { PathName, RunArtifacts, RunResult, RunSpec } from './types.ts'

/** The job file a parent hands to this entry. */
export interface CellJob {
  readonly spec: RunSpec
  readonly resultPath: string
}

/** What a running path reports to its parent: progress, and every host session it starts. */
export interface CellReporter {
  progress(note: ProgressNote): void
  session(id: string): void
}

/** The runner of each path: adding a path means adding its entry here. */
export const PATH_RUNNERS: Readonly<Record<PathName, (spec: RunSpec, report: CellReporter) => Promise<RunArtifacts>>> =
  {
    local_old: (spec, report) => runLocalOld(spec, (n) => report.progress(n)),
    local_new: (spec, report) => runLocalNew(spec, (n) => report.progress(n)),
    host_old: (spec, report) =>
      runHostPath(
        spec,
        (n) => report.progress(n),
        (id) => report.session(id),
      ),
    host_new: (spec, report) =>
      runHostPath(
        spec,
        (n) => report.progress(n),
        (id) => report.session(id),
      ),
  }

/** Runs one job and writes its result; an exception becomes an `error` result (the parent adds the log tail). */
export async function runJob(job: CellJob): Promise<RunResult> {
  const { spec } = job
  const identity = {
    path: spec.path,
    strategy: spec.strategy,
    seed: spec.seed,
    canary: spec.canary,
    replicate: spec.replicate,
  }
  const started = performance.now()
  let result: RunResult
  try {
    const artifacts = await PATH_RUNNERS[spec.path](spec, {
      progress: (note) => process.stdout.write(formatProgressLine(note)),
      session: (id) => process.stdout.write(formatSessionLine({ host: spec.hostUrl ?? '', id })),
    })
    result = { status: 'ok', spec: identity, ...artifacts }
  } catch (error) {
    const e = error as Error
    result = {
      status: 'error',
      spec: identity,
      error: `${e.name ?? 'Error'}: ${e.message}`,
      logTail: e.stack ?? '',
      timedOut: false,
      timings: { wall: (performance.now() - started) / 1000 },
    }
  }
  const temp = `${job.resultPath}.tmp-${process.pid}`
  writeFileSync(temp, stringifyWithTypedArrays(result))
  renameSync(temp, job.resultPath)
  return result
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').at(-1)!)) {
  const job = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as CellJob
  await runJob(job)
}
