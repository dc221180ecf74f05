/**
 * `runMutationSweep`: the mutation sweep of the gate (DESIGN.md §6b; docs/testing-guide.md "Mutation sweep").
 * It finds the mutation sites of the matched files, draws the sample, copies the repository once, checks that the
 * unmutated copy's stage outputs are reproducible and that its gate passes, then takes one mutant at a time:
 * type-check (in memory), write it into the copy, observe the stage outputs on the gate's data and on the anomaly
 * dataset, run the gate only when something changed — on the strategies that changed —, classify, put the file
 * back. Progress goes to `log`, one line per mutant. The CLI (`ktrdr-train mutate`) only parses arguments.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { PROFILES, type ProfileName } from '../matrix/profile.ts'
import { classify, type Evidence } from './classify.ts'
import { observedDatasets } from './datasets.ts'
import { explanationFor, type SurvivorExplanation } from './explanations.ts'
import { runGate, type GateMode, type GateOutcome, type GateSettings } from './gate.ts'
import { compareObservations, earliestStage, observeMutant, observeStages, type ObservationOutcome } from './observe.ts'
import type { ObserveJob, ObserveResult } from './observe-run.ts'
import { owningStage } from './ownership.ts'
import { matchFiles, sampleMutants, siteDiff, type PlannedMutant } from './plan.ts'
import { buildMutationReport, type MutantRecord, type MutationReport } from './report.ts'
import { repositoryFiles, ScratchCopy } from './scratch.ts'
import { MutationProgram, mutatedText, readSource } from './typecheck.ts'

/** What a sweep mutates and how it judges. */
export interface MutationSweepOptions {
  /** The repository root (a git work tree with node_modules). */
  readonly root: string
  /** Globs of `reference/` files. */
  readonly files: readonly string[]
  /** How many mutants to draw; null: every site. */
  readonly max: number | null
  /** Seed of the draw. */
  readonly seed: number
  /** Strategies (names under `strategies/`) the stages are observed on and the gate runs. */
  readonly strategies: readonly string[]
  readonly gate: {
    readonly mode: GateMode
    readonly profile: ProfileName
    /** The gate's run seed (also the combine stage's in the observation). */
    readonly seed: number
    readonly cellTimeoutS: number
  }
  readonly explanations: readonly SurvivorExplanation[]
  /** Progress lines. @default stderr */
  readonly log?: (line: string) => void
  readonly now?: () => Date
  /** Where the scratch copy and the datasets go. @default the OS temp folder */
  readonly workParent?: string
  /** Aborts the sweep (the running child is killed, the copy removed). */
  readonly signal?: AbortSignal
}

/** The observation limit: five times the unmutated run and at least a minute (a mutant may loop forever). */
function observeTimeoutMs(baselineS: number): number {
  return Math.max(60, 5 * baselineS) * 1000
}

function describe(m: PlannedMutant): string {
  const to = m.mutated === '' ? '(removed)' : m.mutated
  return `${m.id} ${m.file}:${m.line}:${m.column} '${m.original}' → '${to}' (${m.operator})`
}

/** The gate command a reader can run to replay a mutant's judgement in a mutated copy. */
function gateCommand(mode: GateMode, profile: string, seed: number): string {
  return `node bin/ktrdr-train.js equivalence --paths local_old,local_new --strategies <changed> --no-canaries --profile ${profile} --seed ${seed}${mode === 'in-process' ? ' (runs in one process: harness/mutation/gate-run.ts)' : ''}`
}

/**
 * Runs the sweep and resolves to its report (not yet written: see `writeMutationReports`).
 *
 * @throws Error when no file matches, a file has no owning stage, the unmutated stages are not reproducible or
 *   fail, or the unmutated gate does not pass
 */
export async function runMutationSweep(o: MutationSweepOptions): Promise<MutationReport> {
  const t0 = performance.now()
  const log = o.log ?? ((line: string) => process.stderr.write(`${line}\n`))
  const now = o.now ?? (() => new Date())
  const root = resolve(o.root)
  const repoFiles = repositoryFiles(root)
  const files = matchFiles(o.files, repoFiles)
  const program = new MutationProgram(root, files)
  const sites = program.sites()
  const unowned = [...new Set(sites.filter((s) => owningStage(s.file, s.scope) === null).map((s) => s.file))]
  if (unowned.length > 0) {
    throw new Error(`mutate: no stage owns ${unowned.join(', ')} (add a rule to harness/mutation/ownership.ts)`)
  }
  const mutants = sampleMutants(sites, o.max, o.seed)
  const sources = new Map(files.map((f) => [f, readSource(root, f)]))
  log(`mutate: ${files.length} files, ${sites.length} sites, ${mutants.length} mutants (seed ${o.seed})`)

  const work = mkdtempSync(join(o.workParent ?? tmpdir(), 'ktrdr-mutate-'))
  const scratch = ScratchCopy.create(root, repoFiles, work)
  try {
    const jobDir = join(work, 'jobs')
    mkdirSync(jobDir, { recursive: true })
    const settings = PROFILES[o.gate.profile]
    const datasets = observedDatasets(work, settings)
    const strategyPath = (name: string): string => join(scratch.dir, 'strategies', `${name}.yaml`)
    const job: Omit<ObserveJob, 'resultPath'> = {
      datasets,
      strategies: o.strategies.map((name) => ({ name, path: strategyPath(name) })),
      seed: o.gate.seed,
    }
    const gateSettings: GateSettings = { ...o.gate, dataDir: datasets[0]!.dataDir }

    const tb = performance.now()
    const baseline = await baselineObservation(scratch.dir, jobDir, job, o.signal)
    const baselineObserveS = (performance.now() - tb) / 2000
    log(`mutate: baseline stages reproducible (${baselineObserveS.toFixed(1)} s a run); running the unmutated gate`)
    const baseGate = await runGate(scratch.dir, jobDir, o.strategies, gateSettings, o.signal)
    if (baseGate.kind !== 'passed') {
      throw new Error(
        `mutate: the gate fails without any mutant (${baseGate.kind}: ${'reason' in baseGate ? baseGate.reason : ''}); fix that first`,
      )
    }
    const baselineS = (performance.now() - tb) / 1000
    log(`mutate: unmutated gate passed (${baseGate.wallS.toFixed(1)} s)`)

    let observeS = 0
    let gateS = 0
    const records: MutantRecord[] = []
    for (const [k, m] of mutants.entries()) {
      if (o.signal?.aborted) throw new Error('mutate: aborted')
      const started = performance.now()
      const source = sources.get(m.file)!
      const text = mutatedText(source, m)
      const expected = owningStage(m.file, m.scope)
      let evidence: Evidence
      let gate: GateOutcome | null = null
      let strategies: string[] = []
      const compileErrors = program.errorsWith(m.file, text)
      if (compileErrors.length > 0) evidence = { compileErrors }
      else {
        scratch.write(m.file, text)
        try {
          const observation: ObservationOutcome = await observeMutant(
            scratch.dir,
            jobDir,
            job,
            baseline,
            observeTimeoutMs(baselineObserveS),
            o.signal,
          )
          observeS += observation.wallS
          if (observation.kind === 'observed' && observation.changes.length > 0) {
            strategies = o.strategies.filter((s) => observation.changes.some((c) => c.strategy === s))
            gate = await runGate(scratch.dir, jobDir, strategies, gateSettings, o.signal)
            gateS += gate.wallS
          }
          evidence = { observation, gate }
        } finally {
          scratch.restore()
        }
      }
      const verdict = classify(evidence, expected)
      const { sourceLine, diff } = siteDiff(source, m)
      const observed =
        'observation' in evidence && evidence.observation.kind === 'observed' ? evidence.observation.changes : []
      const explanation =
        verdict.status === 'survived'
          ? (explanationFor(o.explanations, { ...m, source_line: sourceLine })?.reason ?? null)
          : null
      const record: MutantRecord = {
        id: m.id,
        file: m.file,
        line: m.line,
        column: m.column,
        operator: m.operator,
        original: m.original,
        mutated: m.mutated,
        scope: m.scope,
        status: verdict.status,
        blamed_stage: verdict.blamedStage,
        expected_stage: expected,
        observed_stage: earliestStage(observed.flatMap((c) => c.stages)),
        observed,
        gate: gate === null ? null : { strategies, cells: gate.cells.filter((c) => c.verdict !== 'equivalent') },
        detail: verdict.detail,
        explanation,
        source_line: sourceLine,
        diff,
        duration_s: (performance.now() - started) / 1000,
      }
      records.push(record)
      const blamed = record.blamed_stage ? ` (blamed ${record.blamed_stage}, owner ${record.expected_stage})` : ''
      log(
        `mutate: [${k + 1}/${mutants.length}] ${describe(m)}: ${record.status}${blamed}${record.status === 'crashed' ? ` — ${record.detail}` : ''} ${record.duration_s.toFixed(1)} s`,
      )
    }
    const covered = new Set(o.max === null ? files : [])
    const stale = o.explanations.filter(
      (x) =>
        covered.has(x.file) &&
        !sites.some(
          (s) =>
            s.file === x.file &&
            s.original === x.original &&
            s.mutated === x.mutated &&
            siteDiff(sources.get(s.file)!, s).sourceLine.trim() === x.line_text,
        ),
    )
    return buildMutationReport({
      generated_at: now().toISOString(),
      settings: {
        files: [...o.files],
        matched_files: files,
        sites_total: sites.length,
        max: o.max,
        seed: o.seed,
        strategies: [...o.strategies],
        gate: {
          mode: o.gate.mode,
          command: gateCommand(o.gate.mode, o.gate.profile, o.gate.seed),
          profile: o.gate.profile,
          seed: o.gate.seed,
        },
        datasets: datasets.map((d) => ({ name: d.name, start_date: d.startDate, end_date: d.endDate })),
      },
      mutants: records,
      stale_explanations: stale,
      timings: { total_s: (performance.now() - t0) / 1000, baseline_s: baselineS, observe_s: observeS, gate_s: gateS },
    })
  } finally {
    scratch.remove()
    rmSync(work, { recursive: true, force: true })
  }
}

/**
 * Observes the unmutated copy twice and returns the result.
 *
 * @throws Error when a run fails, an entry errs, or the two runs differ (the stages are not reproducible)
 */
async function baselineObservation(
  scratchDir: string,
  jobDir: string,
  job: Omit<ObserveJob, 'resultPath'>,
  signal: AbortSignal | undefined,
): Promise<ObserveResult> {
  const limit = 30 * 60 * 1000
  const first = await observeStages(scratchDir, jobDir, job, limit, signal)
  if (first.result === null) throw new Error(`mutate: the unmutated stages fail: ${first.outcome.tail}`)
  const second = await observeStages(scratchDir, jobDir, job, limit, signal)
  if (second.result === null) throw new Error(`mutate: the unmutated stages fail: ${second.outcome.tail}`)
  const { changes } = compareObservations(first.result, second.result)
  if (changes.length > 0) {
    throw new Error(
      `mutate: the unmutated stage outputs differ between two runs (${changes[0]!.key}: ${changes[0]!.artifacts.join(', ')})`,
    )
  }
  return first.result
}
