/**
 * The judge of an observable mutant: the equivalence gate on the local paths without canaries, run inside the
 * scratch copy on the strategies whose stage outputs the mutant changed. Two ways to run it, judged alike:
 * `in-process` (harness/mutation/gate-run.ts, every run in one process) and `cli` (`ktrdr-train equivalence`, one
 * child process per run, as `make equivalence` runs it). Either writes `equivalence.json`; this module reads the
 * exit code, the failing cells and their first divergences.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { isStageName, type StageName } from '../compare/stages.ts'
import type { ProfileName } from '../matrix/profile.ts'
import { runChild } from './child.ts'
import type { GateJob } from './gate-run.ts'
import { earliestStage, lastLine } from './observe.ts'

/** How the gate is run. */
export const GATE_MODES = ['in-process', 'cli'] as const
export type GateMode = (typeof GATE_MODES)[number]

/** One cell as the mutation report keeps it. */
export interface GateCell {
  readonly id: string
  readonly kind: string
  readonly verdict: string
  readonly first_divergence: StageName | null
}

/** The gate's verdict on one mutant. */
export type GateOutcome =
  | { readonly kind: 'passed'; readonly cells: readonly GateCell[]; readonly wallS: number }
  | {
      readonly kind: 'failed'
      /** The stage the gate blames: the earliest first divergence of the diverged cells, cross pairs first. */
      readonly blamed: StageName | null
      readonly cells: readonly GateCell[]
      readonly reason: string
      readonly wallS: number
    }
  | { readonly kind: 'error'; readonly reason: string; readonly cells: readonly GateCell[]; readonly wallS: number }

/** The fields of `equivalence.json` the sweep reads. */
interface GateReport {
  readonly exit_code: number
  readonly reasons: readonly string[]
  readonly cells: readonly {
    readonly id: string
    readonly kind: string
    readonly verdict: string
    readonly first_divergence: { readonly stage: string } | null
    readonly error: { readonly message: string } | null
  }[]
}

/** What the gate needs besides the strategies. */
export interface GateSettings {
  readonly mode: GateMode
  readonly profile: ProfileName
  readonly seed: number
  readonly dataDir: string
  /** Per-run limit inside the gate (cli mode) and, ×4 + 120 s, the whole gate's. */
  readonly cellTimeoutS: number
}

/**
 * Judges a gate report: exit 0 passes; exit 1 with diverged cells fails, blamed on the earliest first divergence
 * (cross cells before A/A cells); exit 1 whose only blocking cells are run errors is an error (the mutant crashed
 * a run); any other exit code is an error.
 */
export function judgeGateReport(exitCode: number | null, report: GateReport | null, wallS: number): GateOutcome {
  const cells: GateCell[] = (report?.cells ?? []).map((c) => ({
    id: c.id,
    kind: c.kind,
    verdict: c.verdict,
    first_divergence: c.first_divergence && isStageName(c.first_divergence.stage) ? c.first_divergence.stage : null,
  }))
  if (report === null || (exitCode !== 0 && exitCode !== 1)) {
    return { kind: 'error', reason: `the gate exited with code ${exitCode} and no report`, cells, wallS }
  }
  if (exitCode === 0) return { kind: 'passed', cells, wallS }
  const diverged = cells.filter((c) => c.verdict === 'diverged')
  const errors = report.cells.filter((c) => c.verdict === 'error')
  if (diverged.length === 0 && errors.length > 0) {
    return { kind: 'error', reason: `a run failed: ${errors[0]!.error?.message ?? errors[0]!.id}`, cells, wallS }
  }
  return { kind: 'failed', blamed: blameOf(cells), cells, reason: report.reasons[0] ?? '', wallS }
}

/** The earliest first divergence of the diverged cross cells, else of the diverged A/A cells; null for none. */
function blameOf(cells: readonly GateCell[]): StageName | null {
  const diverged = cells.filter((c) => c.verdict === 'diverged')
  const cross = diverged.filter((c) => c.kind === 'cross')
  return earliestStage((cross.length > 0 ? cross : diverged).flatMap((c) => c.first_divergence ?? []))
}

/**
 * Gate runs over disjoint strategy sets judged as one gate over their union: it fails when any failed (blamed by
 * the same rule over all their cells), is an error when none failed and one was, and passes otherwise.
 */
export function combineGateOutcomes(outcomes: readonly GateOutcome[]): GateOutcome {
  const cells = outcomes.flatMap((o) => o.cells)
  const wallS = outcomes.reduce((t, o) => t + o.wallS, 0)
  const failed = outcomes.find((o) => o.kind === 'failed')
  if (failed) return { kind: 'failed', blamed: blameOf(cells), cells, reason: failed.reason, wallS }
  const error = outcomes.find((o) => o.kind === 'error')
  if (error) return { kind: 'error', reason: error.reason, cells, wallS }
  return { kind: 'passed', cells, wallS }
}

/** Runs the gate on `strategies` in `scratchDir` (job and report files under `workDir`). */
export async function runGate(
  scratchDir: string,
  workDir: string,
  strategies: readonly string[],
  settings: GateSettings,
  signal?: AbortSignal,
): Promise<GateOutcome> {
  const reportDir = join(workDir, 'gate-report')
  rmSync(reportDir, { recursive: true, force: true })
  mkdirSync(reportDir, { recursive: true })
  const timeoutMs = (settings.cellTimeoutS * 4 + 120) * 1000
  let args: string[]
  if (settings.mode === 'cli') {
    // The command line from the copy's sources (tsx): `bin/ktrdr-train.js` runs the compiled `dist/`, which the
    // copy does not have and which would not hold the mutant.
    args = [
      '--import',
      'tsx',
      'harness/cli/bin.ts',
      'equivalence',
      '--paths=local_old,local_new',
      `--strategies=${strategies.join(',')}`,
      '--no-canaries',
      `--profile=${settings.profile}`,
      `--seed=${settings.seed}`,
      '--jobs=2',
      `--cell-timeout=${settings.cellTimeoutS}`,
      `--data-dir=${settings.dataDir}`,
      `--report-dir=${reportDir}`,
    ]
  } else {
    const job: GateJob = {
      strategies,
      profile: settings.profile,
      seed: settings.seed,
      dataDir: settings.dataDir,
      reportDir,
      cellTimeoutS: settings.cellTimeoutS,
    }
    const jobPath = join(workDir, 'gate.job.json')
    writeFileSync(jobPath, JSON.stringify(job))
    args = ['--import', 'tsx', 'harness/mutation/gate-run.ts', jobPath]
  }
  const outcome = await runChild(scratchDir, args, timeoutMs, signal)
  const reportPath = join(reportDir, 'equivalence.json')
  if (outcome.timedOut) {
    return {
      kind: 'error',
      reason: `the gate ran past ${timeoutMs / 1000} s (killed)`,
      cells: [],
      wallS: outcome.wallS,
    }
  }
  const report = existsSync(reportPath) ? (JSON.parse(readFileSync(reportPath, 'utf8')) as GateReport) : null
  const judged = judgeGateReport(outcome.code, report, outcome.wallS)
  return judged.kind === 'error' && report === null
    ? { ...judged, reason: `${judged.reason}: ${lastLine(outcome.tail)}` }
    : judged
}
