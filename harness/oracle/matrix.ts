/**
 * The `ktrdr_py` part of the equivalence matrix: KTRDR's own code against the TypeScript local paths.
 *
 * - Stage cells, per strategy × symbol × reference path: the pre-model stages of ktrdr_py against the stage probes of
 *   the matrix's own local_old / local_new runs, within {@link ORACLE_TOLERANCE} (names, rows, labels exact).
 * - Training cells, per strategy: test accuracy over several seeds each side, ktrdr_py against local_old (else
 *   local_new), judged by the difference of the means against its standard error ({@link compareMeans}).
 *
 * Everything on the Python side goes through ONE driver process. Without a checkout, or without the packages, the
 * section says so ({@link NO_CHECKOUT}) and holds no cell: a skipped path never fails the gate.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runLegacySymbolStages } from '../../legacy/local/symbol-stages.ts'
import type { SymbolStageProbes } from '../../reference/runtime/probes.ts'
import type { Comparison } from '../compare/comparison.ts'
import { strategyRequest } from '../paths/run-request.ts'
import { runKey, type PathName, type RunIdentity, type RunResult, type RunSettings } from '../paths/types.ts'
import type {
  OracleReport,
  OracleStageCell,
  OracleTrainingCell,
  OracleTrainingSide,
  ReportedComparison,
} from '../report/model.ts'
import { judgeComparisons, outcomeOf } from '../verdict/cell-outcome.ts'
import { ORACLE_FEATURE_TOLERANCE, ORACLE_TOLERANCE, compareOracleStages, maxAbsByStage } from './compare.ts'
import {
  NO_CHECKOUT,
  OracleError,
  OracleSession,
  resolveKtrdrSrc,
  type OracleEnvelope,
  type OracleInjection,
} from './driver.ts'
import { runOracleStages } from './stages.ts'
import { runOracleTraining } from './train.ts'
import { DEFAULT_Z_THRESHOLD, compareMeans, summarize } from './training-stats.ts'

/** Seeds a side of each training cell trains with. @default 5 — the smallest count that gives a usable spread. */
export const DEFAULT_ORACLE_SEEDS = 5

/** What the oracle part of a matrix run needs. */
export interface OracleChecksOptions {
  /** The checkout option (`--ktrdr-src`); null → `KTRDR_SRC`. */
  readonly ktrdrSrc: string | null
  readonly strategies: readonly string[]
  readonly strategyPath: (strategy: string) => string
  readonly dataDir: string
  readonly settings: RunSettings
  /** Training seeds, the matrix seed first (its reference runs are reused). */
  readonly seeds: readonly number[]
  /** The TypeScript local paths selected in the matrix (stage cells are made against each; local_old is used alone when none). */
  readonly references: readonly PathName[]
  /** The matrix's own runs, keyed by {@link runKey}. */
  readonly results: ReadonlyMap<string, RunResult>
  /** Runs one more reference training (the matrix's child-process adapter). */
  readonly runReference: (id: RunIdentity) => Promise<RunResult>
  /** Replay command of a strategy's oracle cells. */
  readonly replay: (strategy: string, reference: PathName) => string
  readonly log: (line: string) => void
}

const PAIR_PATH = 'ktrdr_py' as const

/** The section of a run whose oracle could not start. */
export function skippedOracle(reason: string, ktrdrSrc: string | null = null): OracleReport {
  return {
    status: 'skipped',
    reason,
    ktrdr_src: ktrdrSrc,
    versions: {},
    shims: [],
    injections: [],
    stage_atol: ORACLE_TOLERANCE.kind === 'close' ? ORACLE_TOLERANCE.atol : 0,
    feature_rtol: ORACLE_FEATURE_TOLERANCE.kind === 'close' ? ORACLE_FEATURE_TOLERANCE.rtol : 0,
    stage_cells: [],
    training_cells: [],
  }
}

function reported(c: Comparison): ReportedComparison {
  return { ...c, ledger_id: null, aa_noise: null, tolerance_flag: null }
}

function stageCell(
  base: Omit<
    OracleStageCell,
    'verdict' | 'summary' | 'first_divergence' | 'affected' | 'max_abs' | 'comparisons' | 'error'
  >,
  comparisons: readonly Comparison[] | null,
  error: string | null,
): OracleStageCell {
  if (comparisons === null) {
    return {
      ...base,
      verdict: 'error',
      summary: `run failed: ${error}`,
      first_divergence: null,
      affected: [],
      max_abs: {},
      comparisons: [],
      error,
    }
  }
  const outcome = outcomeOf(judgeComparisons(comparisons, { file: '', entries: [] }, ['local_old', 'local_old'], ''))
  const max = maxAbsByStage(comparisons)
  const worst = Object.entries(max)
    .filter(([, v]) => v !== null)
    .map(([stage, v]) => `${stage} ${v === 0 ? '0' : v!.toExponential(1)}`)
    .join(', ')
  if (outcome.verdict !== 'diverged') {
    return {
      ...base,
      verdict: 'equivalent',
      summary: `${comparisons.length} comparisons within tolerance (max |diff|: ${worst})`,
      first_divergence: null,
      affected: [],
      max_abs: max,
      comparisons: [],
      error: null,
    }
  }
  const f = outcome.firstDivergence
  return {
    ...base,
    verdict: 'diverged',
    summary: `first divergence: ${f.stage} / ${f.artifact}${f.location ? ` at ${f.location}` : ''} (max |diff|: ${worst})`,
    first_divergence: f,
    affected: outcome.affected,
    max_abs: max,
    comparisons: comparisons.filter((c) => !c.passed).map(reported),
    error: null,
  }
}

function referenceProbes(
  o: OracleChecksOptions,
  reference: PathName,
  strategy: string,
): { symbols: readonly SymbolStageProbes[] } | { error: string } {
  const id: RunIdentity = { path: reference, strategy, seed: o.seeds[0]!, canary: null, replicate: 0 }
  const r = o.results.get(runKey(id))
  if (r?.status === 'ok' && r.probes) return { symbols: r.probes.symbols }
  return {
    error: `${reference} run ${r ? (r.status === 'error' ? `failed: ${r.error}` : 'has no probes') : 'missing'}`,
  }
}

async function stageCells(
  o: OracleChecksOptions,
  session: OracleSession,
  answers: OracleEnvelope[],
): Promise<OracleStageCell[]> {
  const cells: OracleStageCell[] = []
  for (const strategy of o.strategies) {
    const path = o.strategyPath(strategy)
    const { symbols, timeframes } = strategyRequest(path)
    const references = o.references.length > 0 ? o.references : (['local_old'] as const)
    for (const symbol of symbols) {
      const csvFiles = Object.fromEntries(timeframes.map((tf) => [tf, join(o.dataDir, `${symbol}_${tf}.csv`)]))
      let oracle: SymbolStageProbes | null = null
      let oracleError: string | null = null
      try {
        const result = await runOracleStages({
          strategyPath: path,
          symbol,
          csvFiles,
          startDate: o.settings.startDate,
          endDate: o.settings.endDate,
          session,
        })
        oracle = result.probes
        answers.push(result.answer)
      } catch (error) {
        if (error instanceof OracleError && error.kind === 'setup') throw error
        oracleError = `ktrdr_py: ${error instanceof Error ? error.message : String(error)}`
      }
      for (const reference of references) {
        const base = {
          id: `${strategy}:${PAIR_PATH}~${reference}/${symbol}`,
          strategy,
          symbol,
          timeframes,
          pair: [PAIR_PATH, reference] as const,
          replay: o.replay(strategy, reference),
        }
        if (oracle === null) {
          cells.push(stageCell(base, null, oracleError))
          continue
        }
        let probes: SymbolStageProbes | undefined
        let refError: string | null = null
        if (o.references.length === 0) {
          probes = runLegacySymbolStages({
            strategyPath: path,
            symbol,
            csvFiles,
            startDate: o.settings.startDate,
            endDate: o.settings.endDate,
          })
        } else {
          const ref = referenceProbes(o, reference, strategy)
          if ('error' in ref) refError = ref.error
          else probes = ref.symbols.find((s) => s.symbol === symbol)
        }
        if (!probes) {
          cells.push(stageCell(base, null, refError ?? `${reference} has no stages of ${symbol}`))
          continue
        }
        const cell = stageCell(base, compareOracleStages(oracle, probes), null)
        o.log(`  ktrdr_py~${reference} ${strategy}/${symbol}: ${cell.verdict} — ${cell.summary}`)
        cells.push(cell)
      }
    }
  }
  return cells
}

function side(
  path: OracleTrainingSide['path'],
  outcomes: readonly ({ accuracy: number } | { error: string })[],
): OracleTrainingSide {
  const values = outcomes.map((x) => ('accuracy' in x ? x.accuracy : null))
  return {
    path,
    values,
    errors: outcomes.flatMap((x) => ('error' in x ? [x.error] : [])),
    ...summarize(values.filter((v): v is number => v !== null)),
  }
}

async function trainingCell(
  o: OracleChecksOptions,
  session: OracleSession,
  strategy: string,
  answers: OracleEnvelope[],
): Promise<OracleTrainingCell> {
  const reference: PathName = o.references.includes('local_old') ? 'local_old' : (o.references[0] ?? 'local_old')
  const path = o.strategyPath(strategy)
  const { symbols, timeframes } = strategyRequest(path)
  const models = mkdtempSync(join(tmpdir(), 'ktrdr-py-models-'))
  const oracleRuns = (async () => {
    const out: ({ accuracy: number } | { error: string })[] = []
    for (const seed of o.seeds) {
      try {
        const json = await runOracleTraining({
          strategyPath: path,
          dataDir: o.dataDir,
          symbols,
          timeframes,
          startDate: o.settings.startDate,
          endDate: o.settings.endDate,
          seed,
          epochs: o.settings.epochs ?? undefined,
          modelsDir: join(models, String(seed)),
          session,
        })
        answers.push(json)
        out.push({ accuracy: json.metrics.test_accuracy })
      } catch (error) {
        if (error instanceof OracleError && error.kind === 'setup') throw error
        out.push({ error: `seed ${seed}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` })
      }
    }
    return out
  })()
  const referenceRuns = (async () => {
    const out: ({ accuracy: number } | { error: string })[] = []
    for (const seed of o.seeds) {
      const id: RunIdentity = { path: reference, strategy, seed, canary: null, replicate: 0 }
      const r = o.results.get(runKey(id)) ?? (await o.runReference(id))
      const accuracy = r.status === 'ok' ? r.metrics.test_accuracy : null
      out.push(
        typeof accuracy === 'number'
          ? { accuracy }
          : { error: `seed ${seed}: ${r.status === 'error' ? r.error : 'no test_accuracy'}` },
      )
    }
    return out
  })()
  try {
    const [a, b] = [side(PAIR_PATH, await oracleRuns), side(reference, await referenceRuns)]
    const judged = compareMeans(a, b, DEFAULT_Z_THRESHOLD)
    const failed = a.n < 2 || b.n < 2
    const cell: OracleTrainingCell = {
      id: `${strategy}:${PAIR_PATH}~${reference}/training`,
      strategy,
      pair: [PAIR_PATH, reference],
      metric: 'test_accuracy',
      epochs: o.settings.epochs,
      seeds: o.seeds,
      a,
      b,
      ...judged,
      verdict: failed ? 'error' : judged.passed ? 'equivalent' : 'diverged',
      summary: failed ? `${judged.detail}: ${[...a.errors, ...b.errors].join('; ')}` : `test accuracy ${judged.detail}`,
    }
    o.log(`  ktrdr_py~${reference} ${strategy} training: ${cell.verdict} — ${cell.summary}`)
    return cell
  } finally {
    rmSync(models, { recursive: true, force: true })
  }
}

function mergeInjections(answers: readonly OracleEnvelope[]): OracleInjection[] {
  const byId = new Map<string, OracleInjection>()
  for (const a of answers) for (const i of a.injections ?? []) if (!byId.has(i.id)) byId.set(i.id, i)
  return [...byId.values()]
}

/**
 * Runs the oracle's stage and training cells (or reports why it could not run).
 */
export async function runOracleChecks(o: OracleChecksOptions): Promise<OracleReport> {
  const src = resolveKtrdrSrc(o.ktrdrSrc)
  if (src === null) return skippedOracle(NO_CHECKOUT)
  o.log(`equivalence: ktrdr_py from ${src} (${o.seeds.length} training seeds a side)`)
  const session = OracleSession.start(src)
  const answers: OracleEnvelope[] = []
  try {
    const stage = await stageCells(o, session, answers)
    const training: OracleTrainingCell[] = []
    for (const strategy of o.strategies) training.push(await trainingCell(o, session, strategy, answers))
    const first = answers[0]
    return {
      status: 'run',
      reason: null,
      ktrdr_src: src,
      versions: first?.versions ?? {},
      shims: first?.shims ?? [],
      injections: mergeInjections(answers),
      stage_atol: ORACLE_TOLERANCE.kind === 'close' ? ORACLE_TOLERANCE.atol : 0,
      feature_rtol: ORACLE_FEATURE_TOLERANCE.kind === 'close' ? ORACLE_FEATURE_TOLERANCE.rtol : 0,
      stage_cells: stage,
      training_cells: training,
    }
  } catch (error) {
    if (error instanceof OracleError && error.kind === 'setup') return skippedOracle(`not run: ${error.message}`, src)
    throw error
  } finally {
    await session.close()
  }
}
