/**
 * The gate-stability check: runs the equivalence gate (`ktrdr-train equivalence`, quick profile by default) N
 * times in a row while the machine is kept busy (harness/stability/load.ts), and reports whether every run gave
 * the same verdict for every cell and canary, and whether all passed. A gate whose verdicts change with the
 * machine's load would be ignored; this check makes that visible.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { writeFileAtomic } from '../../reference/data/atomic-write.ts'
import { packageRoot } from '../matrix/provenance.ts'
import type { EquivalenceReport } from '../report/model.ts'
import { startMachineLoad, type LoadOptions } from './load.ts'

/** The package's root; the gate runs through its `ktrdr-train` entry (the compiled CLI, as `make equivalence`). */
const ROOT = packageRoot()
const CLI = join(ROOT, 'bin/ktrdr-train.js')

/** How to run the check. */
export interface GateStabilityOptions {
  /** @default 5 */
  readonly runs: number
  /** @default 'quick' */
  readonly profile: string
  /** The load kept up during the runs. @default 2 CPU workers, 1 file writer */
  readonly load: Omit<LoadOptions, 'maxSeconds'>
  /** Where `gate-stability.json` and the runs' reports (`gate-stability/run-<i>/`) go. */
  readonly reportDir: string
  /** A run still going after this long is killed (its verdict: `error`). @default 1_800 s */
  readonly runLimitS: number
  readonly log: (line: string) => void
}

/** One gate run: its verdict, exit code, wall time and the verdict of every cell and canary. */
export interface GateRunOutcome {
  /** `pass` | `fail` from the report; `error` when the run wrote no report (exit 2, killed). */
  readonly verdict: 'pass' | 'fail' | 'error'
  readonly exitCode: number | null
  readonly durationS: number
  /** Cell id → verdict, canary name → `caught` | `missed` | `misplaced`. */
  readonly cells: Readonly<Record<string, string>>
}

/** `reports/gate-stability.json`. */
export interface GateStabilityReport {
  readonly runs: number
  readonly verdicts: readonly string[]
  /** True when every run gave every cell and canary the same verdict. */
  readonly cell_verdicts_identical: boolean
  readonly durations_s: readonly number[]
  readonly exit_codes: readonly (number | null)[]
  readonly all_passed: boolean
  /** Cells and canaries whose verdict differed between runs, with the verdict of each run. */
  readonly differing: Readonly<Record<string, readonly string[]>>
  readonly profile: string
  readonly load: { readonly cpu_workers: number; readonly file_writers: number }
  readonly cpus: number
  readonly generated_at: string
}

/** Cell id → verdict and canary → outcome, from one equivalence report. */
export function verdictMap(report: EquivalenceReport): Record<string, string> {
  const out: Record<string, string> = {}
  for (const cell of report.cells) out[cell.id] = cell.verdict
  for (const c of report.canaries) out[`canary:${c.name}`] = !c.caught ? 'missed' : c.localized ? 'caught' : 'misplaced'
  return out
}

/** Summarizes the runs. */
export function summarizeRuns(
  outcomes: readonly GateRunOutcome[],
  context: Pick<GateStabilityReport, 'profile' | 'load' | 'cpus' | 'generated_at'>,
): GateStabilityReport {
  const keys = [...new Set(outcomes.flatMap((o) => Object.keys(o.cells)))].sort()
  const differing: Record<string, string[]> = {}
  for (const key of keys) {
    const seen = outcomes.map((o) => o.cells[key] ?? 'absent')
    if (new Set(seen).size > 1) differing[key] = seen
  }
  const sameVerdict = new Set(outcomes.map((o) => o.verdict)).size <= 1
  return {
    runs: outcomes.length,
    verdicts: outcomes.map((o) => o.verdict),
    cell_verdicts_identical: sameVerdict && Object.keys(differing).length === 0,
    durations_s: outcomes.map((o) => Math.round(o.durationS * 10) / 10),
    exit_codes: outcomes.map((o) => o.exitCode),
    all_passed: outcomes.length > 0 && outcomes.every((o) => o.verdict === 'pass'),
    differing,
    ...context,
  }
}

/** Runs `ktrdr-train equivalence` once into `dir`; its output goes to `dir/run.log`. */
function runGate(profile: string, dir: string, limitS: number): Promise<GateRunOutcome> {
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const started = performance.now()
  return new Promise((resolve) => {
    const log: Buffer[] = []
    const child = spawn(process.execPath, [CLI, 'equivalence', '--profile', profile, '--report-dir', dir], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    })
    child.stdout.on('data', (b: Buffer) => log.push(b))
    child.stderr.on('data', (b: Buffer) => log.push(b))
    const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), limitS * 1000)
    child.on('close', (code) => {
      clearTimeout(timer)
      writeFileSync(join(dir, 'run.log'), Buffer.concat(log))
      const durationS = (performance.now() - started) / 1000
      const reportPath = join(dir, 'equivalence.json')
      if (!existsSync(reportPath)) return resolve({ verdict: 'error', exitCode: code, durationS, cells: {} })
      const report = JSON.parse(readFileSync(reportPath, 'utf8')) as EquivalenceReport
      resolve({ verdict: report.verdict, exitCode: code, durationS, cells: verdictMap(report) })
    })
  })
}

/** Runs the check and writes `<reportDir>/gate-stability.json`; the load is stopped whatever happens. */
export async function runGateStability(options: GateStabilityOptions): Promise<GateStabilityReport> {
  const load = startMachineLoad({ ...options.load, maxSeconds: options.runs * options.runLimitS + 60 })
  options.log(
    `gate-stability: ${options.runs} × equivalence --profile ${options.profile} under load ` +
      `(${options.load.cpuWorkers} CPU-bound, ${options.load.fileWriters} file-writing processes: ${load.pids.join(', ')})`,
  )
  const outcomes: GateRunOutcome[] = []
  const onSignal = (signal: NodeJS.Signals): void => {
    void load.stop().then(() => process.exit(signal === 'SIGINT' ? 130 : 143))
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  try {
    for (let i = 1; i <= options.runs; i++) {
      const outcome = await runGate(
        options.profile,
        join(options.reportDir, 'gate-stability', `run-${i}`),
        options.runLimitS,
      )
      outcomes.push(outcome)
      options.log(
        `gate-stability: run ${i}/${options.runs}: ${outcome.verdict} (exit ${outcome.exitCode}) in ${outcome.durationS.toFixed(1)} s`,
      )
    }
  } finally {
    process.removeListener('SIGINT', onSignal)
    process.removeListener('SIGTERM', onSignal)
    await load.stop()
  }
  const report = summarizeRuns(outcomes, {
    profile: options.profile,
    load: { cpu_workers: options.load.cpuWorkers, file_writers: options.load.fileWriters },
    cpus: availableParallelism(),
    generated_at: new Date().toISOString(),
  })
  writeFileAtomic(join(options.reportDir, 'gate-stability.json'), `${JSON.stringify(report, null, 2)}\n`)
  return report
}
