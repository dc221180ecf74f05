/**
 * Child-process entry of the in-process gate: `node --import tsx harness/mutation/gate-run.ts <job.json>`, run
 * inside the scratch copy. It is `equivalence --paths local_old,local_new --no-canaries` — the same plan, runs,
 * comparisons, ledger and gate rules through `runEquivalence` — with every run executed in this one process
 * (`runJob`, the child-process entry's own function) instead of one child process per run: a local run computes
 * in about a second but takes 4–7 s to start as a process on a loaded 2-core machine. It writes
 * `equivalence.json` into `reportDir` and exits with the gate's code.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { loadLedger } from '../ledger/load.ts'
import { PROFILES, type ProfileName } from '../matrix/profile.ts'
import { runEquivalence } from '../matrix/runner.ts'
import { runJob } from '../paths/run-cell.ts'
import type { PathAdapter } from '../paths/types.ts'
import { jsonReporter } from '../report/json.ts'
import { writeReports } from '../report/reporter.ts'

/** What the parent asks for. */
export interface GateJob {
  readonly strategies: readonly string[]
  readonly profile: ProfileName
  readonly seed: number
  readonly dataDir: string
  readonly reportDir: string
  readonly cellTimeoutS: number
}

/** Runs the gate of `job` and resolves to its exit code (the report is in `job.reportDir`). */
export async function runGateJob(job: GateJob): Promise<number> {
  const workDir = mkdtempSync(join(tmpdir(), 'ktrdr-mutation-gate-'))
  let n = 0
  const adapter: PathAdapter = {
    run: (spec) => runJob({ spec, resultPath: join(workDir, `run-${n++}.result.json`) }),
  }
  try {
    const report = await runEquivalence({
      strategies: job.strategies,
      paths: ['local_old', 'local_new'],
      profile: job.profile,
      settings: PROFILES[job.profile],
      seed: job.seed,
      noiseSeed: job.seed + 1,
      canaries: [],
      jobs: 1,
      shard: null,
      cellTimeoutS: job.cellTimeoutS,
      strategiesDir: resolve('strategies'),
      dataDir: job.dataDir,
      hostUrl: null,
      ledger: loadLedger(),
      workDir: join(workDir, 'matrix'),
      adapter,
      log: () => {},
    })
    writeReports(report, job.reportDir, [jsonReporter])
    return report.exit_code
  } finally {
    rmSync(workDir, { recursive: true, force: true })
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').at(-1)!)) {
  process.exitCode = await runGateJob(JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as GateJob)
}
