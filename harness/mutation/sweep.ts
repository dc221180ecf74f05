/**
 * `runMutationSweep`: the mutation sweep of the gate (docs/architecture.md §6b; docs/testing-guide.md "Mutation sweep").
 * It finds the mutation sites of the matched files, draws the sample, copies the repository once, checks that the
 * unmutated copy's stage outputs are reproducible (recording V8's function coverage per strategy) and that its
 * gate passes on every strategy, then takes one mutant at a time (drawn only among the ones that type-check, in
 * memory, and stratified by owning stage): skip the run when no
 * strategy's observation calls the function holding the site; else write it into the copy, observe the stage
 * outputs of the strategies that call it on the gate's data and on the anomaly dataset, and run the gate only
 * when something changed, one changed strategy at a time
 * (stopping once the owning stage is blamed); classify; put the file back. Progress goes to `log`, one line per
 * mutant. The CLI (`ktrdr-train mutate`) only parses arguments.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { stageIndex, type StageName } from '../compare/stages.ts'
import { PROFILES, type ProfileName } from '../matrix/profile.ts'
import { classify, type Evidence } from './classify.ts'
import { functionCalls, isReached, type FunctionCalls } from './coverage.ts'
import { observedDatasets } from './datasets.ts'
import { explanationFor, type SurvivorExplanation } from './explanations.ts'
import { combineGateOutcomes, runGate, type GateMode, type GateOutcome, type GateSettings } from './gate.ts'
import {
  compareObservations,
  byStageOrder,
  earliestStage,
  observeMutant,
  observeStages,
  type ObservationOutcome,
  type ObservedChange,
} from './observe.ts'
import type { ObserveJob, ObserveResult } from './observe-run.ts'
import { owningStage } from './ownership.ts'
import type { MutationSite } from './operators.ts'
import { drawMutants, matchFiles, siteDiff, type PlannedMutant } from './plan.ts'
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

/**
 * The observation limit: eight times the unmutated run and at least 60 s. A mutant may loop forever (`i++` → `i--`
 * in a loop over a typed array never ends, so does a binary search whose `mid + 1` became `mid`), and those are
 * `crashed` by timeout; the floor keeps a mutant that is merely slow on a machine loaded after the baseline was
 * timed (one reached mutant's observation takes a few seconds) from being taken for one.
 */
export function observeTimeoutMs(baselineS: number): number {
  return Math.max(OBSERVE_TIMEOUT_FLOOR_S, 8 * baselineS) * 1000
}

/** @default 60 s — the observation limit's floor. */
export const OBSERVE_TIMEOUT_FLOOR_S = 60

/** @default 30 min — the unmutated observation, on a loaded machine. */
const BASELINE_TIMEOUT_MS = 30 * 60 * 1000

function describe(m: PlannedMutant): string {
  const to = m.mutated === '' ? '(removed)' : m.mutated
  return `${m.id} ${m.file}:${m.line}:${m.column} '${m.original}' → '${to}' (${m.operator})`
}

/** The gate command a reader can run to replay a mutant's judgement in a mutated copy. */
function gateCommand(mode: GateMode, profile: string, seed: number): string {
  const command = `node --import tsx harness/cli/bin.ts equivalence --paths local_old,local_new --strategies <one changed strategy> --no-canaries --profile ${profile} --seed ${seed}`
  return mode === 'in-process' ? `${command} (every run in one process: harness/mutation/gate-run.ts)` : command
}

/** Everything a mutant is judged with, fixed for the sweep. */
interface SweepContext {
  readonly o: MutationSweepOptions
  readonly scratch: ScratchCopy
  readonly jobDir: string
  readonly job: Omit<ObserveJob, 'resultPath'>
  readonly baseline: ObserveResult
  /** Function calls of the mutated files per strategy (coverage of the unmutated observation). */
  readonly calls: ReadonlyMap<string, FunctionCalls>
  readonly observeTimeoutMs: number
  readonly gateSettings: GateSettings
}

/** What judging one mutant produced. */
interface Judged {
  readonly evidence: Evidence
  readonly gate: GateOutcome | null
  readonly gateStrategies: readonly string[]
}

/**
 * The order the gate tries the changed strategies: those changed on the gate's data first, the ones whose
 * earliest changed stage is the owner first among them, then in the sweep's order.
 */
export function gateOrder(
  strategies: readonly string[],
  changes: readonly ObservedChange[],
  expected: StageName | null,
): string[] {
  const rank = (s: string): number => {
    const mine = changes.filter((c) => c.strategy === s)
    const onGateData = mine.some((c) => c.dataset === 'gate')
    const earliest = earliestStage(mine.flatMap((c) => c.stages))
    return (onGateData ? 0 : 2) + (earliest === expected ? 0 : 1)
  }
  return strategies
    .filter((s) => changes.some((c) => c.strategy === s))
    .map((s, i) => ({ s, i, r: rank(s) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.s)
}

/**
 * Runs the gate one strategy at a time, judged as one gate over those run. It stops early once the owning stage is
 * blamed and no observed change lies in an earlier stage: no other strategy could then move the blame earlier.
 */
async function gateOneByOne(
  ctx: SweepContext,
  order: readonly string[],
  expected: StageName | null,
  changes: readonly ObservedChange[],
): Promise<{ gate: GateOutcome; strategies: string[] }> {
  const earliest = earliestStage(changes.flatMap((c) => c.stages))
  const final = expected !== null && earliest !== null && stageIndex(earliest) >= stageIndex(expected)
  const outcomes: GateOutcome[] = []
  const ran: string[] = []
  for (const strategy of order) {
    outcomes.push(await runGate(ctx.scratch.dir, ctx.jobDir, [strategy], ctx.gateSettings, ctx.o.signal))
    ran.push(strategy)
    const combined = combineGateOutcomes(outcomes)
    if (final && combined.kind === 'failed' && combined.blamed === expected) break
  }
  return { gate: combineGateOutcomes(outcomes), strategies: ran }
}

async function judgeMutant(ctx: SweepContext, m: PlannedMutant, text: string): Promise<Judged> {
  const reaching = ctx.job.strategies.filter((s) => isReached(ctx.calls.get(s.name)!, m.file, m.functionName))
  if (reaching.length === 0) {
    const observation: ObservationOutcome = { kind: 'unreached', functionName: m.functionName!, wallS: 0 }
    return { evidence: { observation, gate: null }, gate: null, gateStrategies: [] }
  }
  const names = new Set(reaching.map((s) => s.name))
  const baseline = Object.fromEntries(
    Object.entries(ctx.baseline).filter(([key]) => names.has(key.slice(key.indexOf('/') + 1))),
  )
  ctx.scratch.write(m.file, text)
  try {
    const observation = await observeMutant(
      ctx.scratch.dir,
      ctx.jobDir,
      { ...ctx.job, strategies: reaching },
      baseline,
      ctx.observeTimeoutMs,
      ctx.o.signal,
    )
    if (observation.kind !== 'observed' || observation.changes.length === 0) {
      return { evidence: { observation, gate: null }, gate: null, gateStrategies: [] }
    }
    const expected = owningStage(m.file, m.scope)
    const order = gateOrder(ctx.o.strategies, observation.changes, expected)
    const { gate, strategies } = await gateOneByOne(ctx, order, expected, observation.changes)
    return { evidence: { observation, gate }, gate, gateStrategies: strategies }
  } finally {
    ctx.scratch.restore()
  }
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
  const sources = new Map(files.map((f) => [f, readSource(root, f)]))
  const compileErrors = new Map<string, string>()
  const compiles = (m: PlannedMutant): boolean => {
    const errors = program.errorsWith(m.file, mutatedText(sources.get(m.file)!, m))
    if (errors.length > 0) compileErrors.set(m.id, errors[0]!)
    return errors.length === 0
  }
  const stageOf = (s: MutationSite): StageName => owningStage(s.file, s.scope)!
  const draw = drawMutants(sites, o.max, o.seed, stageOf, compiles)
  const mutants = draw.mutants
  const stageSites = new Map<StageName, number>()
  for (const s of sites) stageSites.set(stageOf(s), (stageSites.get(stageOf(s)) ?? 0) + 1)
  const drawnPerStage = [...stageSites.keys()]
    .sort(byStageOrder)
    .map((k) => `${k} ${mutants.filter((m) => stageOf(m) === k).length}/${stageSites.get(k)}`)
  log(
    `mutate: ${files.length} files, ${sites.length} sites, ${mutants.length} mutants (seed ${o.seed}; per stage ${drawnPerStage.join(', ')}); ${draw.notCompiling.length} sites passed over: the mutant does not type-check`,
  )

  const work = mkdtempSync(join(o.workParent ?? tmpdir(), 'ktrdr-mutate-'))
  const scratch = ScratchCopy.create(root, repoFiles, work)
  const redact = (text: string | null): string | null =>
    text === null ? null : text.replaceAll(scratch.dir, '<copy>').replaceAll(work, '<work>').replaceAll(root, '<repo>')
  try {
    const jobDir = join(work, 'jobs')
    mkdirSync(jobDir, { recursive: true })
    const datasets = observedDatasets(work, PROFILES[o.gate.profile])
    const job: Omit<ObserveJob, 'resultPath'> = {
      datasets,
      strategies: o.strategies.map((name) => ({ name, path: join(scratch.dir, 'strategies', `${name}.yaml`) })),
      seed: o.gate.seed,
    }
    const gateSettings: GateSettings = { ...o.gate, dataDir: datasets[0]!.dataDir }
    const tb = performance.now()
    const { baseline, calls, runS } = await baselineObservation(scratch.dir, work, job, files, o.signal)
    log(`mutate: unmutated stages reproducible (${runS.toFixed(1)} s a run); running the unmutated gate per strategy`)
    for (const strategy of o.strategies) {
      const gate = await runGate(scratch.dir, jobDir, [strategy], gateSettings, o.signal)
      if (gate.kind !== 'passed') {
        const why = gate.kind === 'failed' || gate.kind === 'error' ? gate.reason : ''
        throw new Error(
          `mutate: the gate fails on ${strategy} without any mutant (${gate.kind}: ${redact(why)}); fix that first`,
        )
      }
    }
    const baselineS = (performance.now() - tb) / 1000
    log(`mutate: unmutated gate passed on ${o.strategies.join(', ')} (${baselineS.toFixed(1)} s in all)`)
    const ctx: SweepContext = {
      o,
      scratch,
      jobDir,
      job,
      baseline,
      calls,
      observeTimeoutMs: observeTimeoutMs(runS),
      gateSettings,
    }
    let observeS = 0
    let gateS = 0
    const records: MutantRecord[] = []
    for (const [k, m] of mutants.entries()) {
      if (o.signal?.aborted) throw new Error('mutate: aborted')
      const started = performance.now()
      const source = sources.get(m.file)!
      const expected = owningStage(m.file, m.scope)
      const { evidence, gate, gateStrategies } = await judgeMutant(ctx, m, mutatedText(source, m))
      const observation = evidence.observation
      observeS += observation.wallS
      gateS += gate?.wallS ?? 0
      const verdict = classify(evidence, expected)
      const { sourceLine, diff } = siteDiff(source, m)
      const observed = observation.kind === 'observed' ? observation.changes : []
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
        crash_kind: verdict.crashKind,
        blamed_stage: verdict.blamedStage,
        expected_stage: expected,
        observed_stage: earliestStage(observed.flatMap((c) => c.stages)),
        reached: evidence.observation.kind !== 'unreached',
        observed,
        gate:
          gate === null
            ? null
            : { strategies: gateStrategies, cells: gate.cells.filter((c) => c.verdict !== 'equivalent') },
        detail: redact(verdict.detail),
        explanation,
        source_line: sourceLine,
        diff,
        duration_s: (performance.now() - started) / 1000,
      }
      records.push(record)
      const blamed = record.blamed_stage ? ` (blamed ${record.blamed_stage}, owner ${record.expected_stage})` : ''
      const why = record.status === 'crashed' || record.detail?.startsWith('not reached') ? ` — ${record.detail}` : ''
      log(
        `mutate: [${k + 1}/${mutants.length}] ${describe(m)}: ${record.status}${blamed}${why} ${record.duration_s.toFixed(1)} s`,
      )
    }
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
      stage_sites: stageSites,
      not_compiling: draw.notCompiling.map((m) => ({
        id: m.id,
        file: m.file,
        line: m.line,
        original: m.original,
        mutated: m.mutated,
        error: compileErrors.get(m.id)!,
      })),
      stale_explanations: staleExplanations(o, files, sites, sources),
      timings: { total_s: (performance.now() - t0) / 1000, baseline_s: baselineS, observe_s: observeS, gate_s: gateS },
    })
  } finally {
    scratch.remove()
    rmSync(work, { recursive: true, force: true })
  }
}

/** Explanations of files the sweep covered completely (no `--max` draw) that match no site of them. */
function staleExplanations(
  o: MutationSweepOptions,
  files: readonly string[],
  sites: readonly MutationSite[],
  sources: ReadonlyMap<string, string>,
): SurvivorExplanation[] {
  if (o.max !== null) return []
  return o.explanations.filter(
    (x) =>
      files.includes(x.file) &&
      !sites.some(
        (s) =>
          s.file === x.file &&
          s.original === x.original &&
          s.mutated === x.mutated &&
          siteDiff(sources.get(s.file)!, s).sourceLine.trim() === x.line_text,
      ),
  )
}

/**
 * Observes the unmutated copy once per strategy with V8 coverage on (which functions each strategy's stages call),
 * then once whole, and returns the result, the calls per strategy and the time of the whole run.
 *
 * @throws Error when a run fails, an entry errs, the runs differ (the stages are not reproducible), or the
 *   coverage names none of `files`
 */
async function baselineObservation(
  scratchDir: string,
  work: string,
  job: Omit<ObserveJob, 'resultPath'>,
  files: readonly string[],
  signal: AbortSignal | undefined,
): Promise<{ baseline: ObserveResult; calls: ReadonlyMap<string, FunctionCalls>; runS: number }> {
  const jobDir = join(work, 'jobs')
  const calls = new Map<string, FunctionCalls>()
  const parts: ObserveResult[] = []
  for (const strategy of job.strategies) {
    const coverageDir = join(work, 'coverage', strategy.name)
    mkdirSync(coverageDir, { recursive: true })
    const one = await observeStages(
      scratchDir,
      jobDir,
      { ...job, strategies: [strategy] },
      BASELINE_TIMEOUT_MS,
      signal,
      {
        NODE_V8_COVERAGE: coverageDir,
      },
    )
    if (one.result === null)
      throw new Error(`mutate: the unmutated stages fail on ${strategy.name}: ${one.outcome.tail}`)
    parts.push(one.result)
    const strategyCalls = functionCalls(coverageDir, scratchDir, files)
    if (strategyCalls.size === 0) {
      throw new Error(
        `mutate: the coverage of the unmutated stages of ${strategy.name} names none of ${files.join(', ')}`,
      )
    }
    calls.set(strategy.name, strategyCalls)
  }
  const whole = await observeStages(scratchDir, jobDir, job, BASELINE_TIMEOUT_MS, signal)
  if (whole.result === null) throw new Error(`mutate: the unmutated stages fail: ${whole.outcome.tail}`)
  const baseline: ObserveResult = Object.assign({}, ...parts)
  const { changes } = compareObservations(baseline, whole.result)
  if (changes.length > 0) {
    throw new Error(
      `mutate: the unmutated stage outputs differ between two runs (${changes[0]!.key}: ${changes[0]!.artifacts.join(', ')})`,
    )
  }
  return { baseline: whole.result, calls, runS: whole.outcome.wallS }
}
