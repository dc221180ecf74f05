/**
 * Turns the runs of a matrix into its judgement (pure: no I/O): cell comparisons with noise floors, A/A noise
 * and tolerance flags, cell verdicts, canary catches, the ledger account and the gate. The matrix runner calls it
 * after the runs; tests call it with synthetic RunResults.
 */
import { compareRuns } from '../compare/run-pair.ts'
import { sci } from '../compare/format.ts'
import { isStageName, stageIndex, type StageName } from '../compare/stages.ts'
import type { ToleranceContext } from '../compare/tolerance.ts'
import { accountLedger, ledgerForProfile } from '../ledger/match.ts'
import type { Ledger } from '../ledger/types.ts'
import type {
  CanaryReport,
  CellReport,
  LedgerEntryReport,
  OracleReport,
  ReportedComparison,
  RunReport,
} from '../report/model.ts'
import { runKey, type PathName, type RunArtifacts, type RunIdentity, type RunResult } from '../paths/types.ts'
import { judgeComparisons, ledgerHits, outcomeOf, type CellOutcome } from '../verdict/cell-outcome.ts'
import { decideGate, type GateResult } from '../verdict/gate.ts'
import type { MatrixPlan, PlannedCell } from './plan.ts'

export interface AssessContext {
  readonly ledger: Ledger
  /** Today, YYYY-MM-DD (UTC), for ledger expiry. */
  readonly today: string
  /** The run profile (ledger entries may be limited to some profiles). */
  readonly profile: string
  /** Builds the replay command of a cell (or canary, when given its name). */
  readonly replay: (strategy: string, paths: readonly PathName[], canary?: string) => string
}

export interface Assessment {
  readonly cells: CellReport[]
  readonly canaries: CanaryReport[]
  readonly ledger: LedgerEntryReport[]
  readonly runs: RunReport[]
  readonly gate: GateResult
}

type Ok = Extract<RunResult, { status: 'ok' }>

function contextOf(
  pair: readonly [PathName, PathName],
  kind: ToleranceContext['pairKind'],
  a: Ok,
  b: Ok,
): ToleranceContext {
  return {
    pairKind: kind,
    bitwiseWhenSameDevice: pair[0] === 'local_new' && pair[1] === 'local_old',
    sameDevice: a.device === b.device,
  }
}

function observedByArtifact(
  a: RunArtifacts | undefined,
  b: RunArtifacts | undefined,
  ctx: ToleranceContext,
): Map<string, { observed: number; passed: boolean }> {
  const out = new Map<string, { observed: number; passed: boolean }>()
  if (!a || !b) return out
  for (const c of compareRuns(a, b, ctx))
    out.set(`${c.stage}|${c.artifact}`, { observed: c.observed, passed: c.passed })
  return out
}

/** The stage of an `observedByArtifact` key (`stage|artifact`). */
function stageOfKey(key: string): StageName {
  const stage = key.slice(0, key.indexOf('|'))
  if (!isStageName(stage)) throw new Error(`assess: no stage in comparison key ${JSON.stringify(key)}`)
  return stage
}

function budgetOf(comparisons: readonly ReportedComparison[]): CellReport['budget'] {
  let best: CellReport['budget'] = null
  for (const c of comparisons) {
    if (c.statistic !== 'allclose' || c.budget_used === null || c.tolerance.kind !== 'close') continue
    if (best === null || c.budget_used > best.used) {
      best = {
        statistic: 'max rel',
        observed: c.observed,
        allowed: c.tolerance.rtol,
        used: c.budget_used,
        artifact: `${c.stage} ${c.artifact}`,
      }
    }
  }
  return best
}

function summarize(
  outcome: CellOutcome,
  comparisons: readonly ReportedComparison[],
  budget: CellReport['budget'],
  pair: readonly [PathName, PathName],
): string {
  switch (outcome.verdict) {
    case 'equivalent': {
      const n = comparisons.length
      if (!budget) return `all ${n} comparisons equal (bitwise / exact)`
      return `all ${n} comparisons within tolerance; ${budget.statistic} ${sci(budget.observed)} of ${sci(budget.allowed)} = ${(budget.used * 100).toFixed(0)} % (${budget.artifact})`
    }
    case 'known-divergence': {
      const n = comparisons.filter((c) => c.ledger_id).length
      return `${n} differences, all explained by the ledger (${outcome.ledgerIds.join(', ')})`
    }
    case 'diverged': {
      const f = outcome.firstDivergence
      const where = f.location ? ` at ${f.location}` : ''
      const after = outcome.affected.length ? `; affected after it: ${outcome.affected.join(', ')}` : ''
      return `first divergence: ${f.stage} / ${f.artifact}${where}${after}`
    }
    case 'error':
      return `${outcome.side === 'a' ? pair[0] : pair[1]} run failed${outcome.timedOut ? ' (timed out)' : ''}: ${outcome.error}`
    case 'inconclusive':
      return outcome.reason
  }
}

/** Judges every planned cell, canary and ledger entry from `results` (keyed by {@link runKey}). */
export function assessMatrix(
  plan: MatrixPlan,
  results: ReadonlyMap<string, RunResult>,
  ctx: AssessContext,
): Assessment {
  const applicable = ledgerForProfile(ctx.ledger, ctx.profile)
  const get = (id: RunIdentity): RunResult | undefined => results.get(runKey(id))
  const okRun = (id: RunIdentity): Ok | undefined => {
    const r = get(id)
    return r?.status === 'ok' ? r : undefined
  }
  const noiseOf = (strategy: string, path: PathName) =>
    plan.noise.find((n) => n.strategy === strategy && n.path === path)
  const aaOf = (strategy: string, path: PathName) =>
    plan.cells.find((c) => c.kind === 'aa' && c.strategy === strategy && c.pair[0] === path)

  const judgeCell = (cell: PlannedCell): { report: CellReport; hits: Record<string, number> } => {
    const ra = get(cell.a)
    const rb = get(cell.b)
    const base = {
      id: cell.id,
      strategy: cell.strategy,
      pair: cell.pair,
      kind: cell.kind,
      runs: { a: runKey(cell.a), b: runKey(cell.b) },
      replay: ctx.replay(cell.strategy, [...new Set(cell.pair)]),
    }
    const failed =
      ra?.status !== 'ok' ? { side: 'a' as const, r: ra } : rb?.status !== 'ok' ? { side: 'b' as const, r: rb } : null
    if (failed) {
      const r = failed.r
      const message = r?.status === 'error' ? r.error : 'run missing'
      const outcome: CellOutcome = {
        verdict: 'error',
        side: failed.side,
        error: message,
        logTail: r?.status === 'error' ? r.logTail : '',
        timedOut: r?.status === 'error' ? r.timedOut : false,
      }
      return {
        report: {
          ...base,
          verdict: 'error',
          summary: summarize(outcome, [], null, cell.pair),
          first_divergence: null,
          affected: [],
          comparisons: [],
          ledger_ids: [],
          error: { side: failed.side, message, log_tail: outcome.logTail, timed_out: outcome.timedOut },
          budget: null,
        },
        hits: {},
      }
    }
    const a = ra as Ok
    const b = rb as Ok
    const tctx = contextOf(cell.pair, cell.kind, a, b)
    const judged = judgeComparisons(compareRuns(a, b, tctx), applicable, cell.pair, cell.strategy)
    const noise = noiseOf(cell.strategy, cell.pair[1])
    const seedNoise = observedByArtifact(noise && okRun(noise.a), noise && okRun(noise.b), tctx)
    const aaNoise = new Map<string, { observed: number; passed: boolean }>()
    if (cell.kind === 'cross') {
      for (const path of cell.pair) {
        const aa = aaOf(cell.strategy, path)
        if (!aa) continue
        for (const [k, v] of observedByArtifact(okRun(aa.a), okRun(aa.b), tctx)) {
          const prev = aaNoise.get(k)
          if (!prev || (!v.passed && prev.passed) || v.observed > prev.observed) aaNoise.set(k, v)
        }
      }
    }
    const comparisons: ReportedComparison[] = judged.map((c) => {
      const key = `${c.stage}|${c.artifact}`
      const sn = seedNoise.get(key)
      const an = aaNoise.get(key)
      const flag =
        an && !an.passed
          ? 'below_aa_noise'
          : c.tolerance.kind === 'close' && sn && sn.passed && sn.observed > 0
            ? 'above_seed_noise'
            : null
      return {
        ...c,
        values: c.passed ? null : c.values,
        noise_floor: sn?.observed ?? null,
        aa_noise: an?.observed ?? null,
        tolerance_flag: flag,
      }
    })
    let outcome = outcomeOf(judged)
    if (outcome.verdict === 'diverged' && cell.kind === 'cross') {
      // Only an A/A difference at or before the first divergence leaves it unattributed: a path that reproduces
      // itself bit for bit up to that stage cannot owe the difference there to its own noise.
      const at = stageIndex(outcome.firstDivergence.stage)
      const unstable = [...aaNoise].some(([key, v]) => !v.passed && stageIndex(stageOfKey(key)) <= at)
      if (unstable) {
        outcome = {
          verdict: 'inconclusive',
          reason: `a path of this pair does not reproduce itself (its A/A cell differs), so the divergence at ${outcome.firstDivergence.stage} cannot be attributed`,
        }
      }
    }
    const budget = budgetOf(comparisons)
    return {
      report: {
        ...base,
        verdict: outcome.verdict,
        summary: summarize(outcome, comparisons, budget, cell.pair),
        first_divergence: outcome.verdict === 'diverged' ? outcome.firstDivergence : null,
        affected: outcome.verdict === 'diverged' ? outcome.affected : [],
        comparisons,
        ledger_ids: 'ledgerIds' in outcome ? outcome.ledgerIds : [],
        error: null,
        budget,
      },
      hits: ledgerHits(judged),
    }
  }

  const judgedCells = plan.cells.map(judgeCell)
  const cells = judgedCells.map((j) => j.report)

  const canaries: CanaryReport[] = plan.canaries.map((c) => {
    const { definition } = c
    const a = get(c.a)
    const b = get(c.b)
    const replay = ctx.replay(definition.strategy, ['local_new', 'local_old'], definition.name)
    const base = {
      name: definition.name,
      description: definition.description,
      strategy: definition.strategy,
      expected_stage: definition.expectedStage,
      replay,
    }
    if (a?.status !== 'ok' || b?.status !== 'ok') {
      const which = a?.status !== 'ok' ? a : b
      return {
        ...base,
        caught: false,
        localized_stage: null,
        localized: false,
        detail: `run failed: ${which?.status === 'error' ? which.error : 'missing'}`,
      }
    }
    const pair = ['local_new', 'local_old'] as const
    const judged = judgeComparisons(
      compareRuns(a, b, contextOf(pair, 'cross', a, b)),
      applicable,
      pair,
      definition.strategy,
    )
    const outcome = outcomeOf(judged)
    if (outcome.verdict !== 'diverged')
      return {
        ...base,
        caught: false,
        localized_stage: null,
        localized: false,
        detail: `gate saw no unexplained divergence (${outcome.verdict})`,
      }
    const f = outcome.firstDivergence
    return {
      ...base,
      caught: true,
      localized_stage: f.stage,
      localized: f.stage === definition.expectedStage,
      detail: `${f.stage} / ${f.artifact}${f.location ? ` at ${f.location}` : ''}: ${f.detail}`,
    }
  })

  const accounts = accountLedger(
    ctx.ledger,
    plan.cells.map((cell, i) => ({ strategy: cell.strategy, pair: cell.pair, ledgerHits: judgedCells[i]!.hits })),
    ctx.today,
    ctx.profile,
  )
  const ledger: LedgerEntryReport[] = ctx.ledger.entries.map((e, i) => {
    const acc = accounts[i]!
    return {
      id: e.id,
      pair: e.pair,
      stage: e.stage,
      artifact: e.artifact,
      predicate: e.predicate,
      strategies: e.strategies,
      profiles: e.profiles,
      reason: e.reason,
      owner: e.owner,
      expires: e.expires,
      hits: acc.hits,
      evaluated: acc.evaluated,
      expired: acc.expired,
      stale: acc.stale,
    }
  })

  const runs: RunReport[] = plan.runs.map((id) => reportRun(id, get(id)))
  const gate = gateOf(cells, canaries, ledger)
  return { cells, canaries, ledger, runs, gate }
}

/**
 * The gate over reported cells, canaries and ledger entries (also used when merging shards). The cells of a run
 * oracle (ktrdr_py) count like the others; a skipped oracle has none, so it never fails the gate.
 */
export function gateOf(
  cells: readonly CellReport[],
  canaries: readonly CanaryReport[],
  ledger: readonly LedgerEntryReport[],
  oracle?: OracleReport,
): GateResult {
  const oracleCells = oracle ? [...oracle.stage_cells, ...oracle.training_cells] : []
  return decideGate({
    cells: [
      ...cells.map((c) => ({
        label: `${c.strategy} ${c.pair[0]}↔${c.pair[1]}`,
        verdict: c.verdict,
        summary: c.summary,
      })),
      ...oracleCells.map((c) => ({
        label: c.id.replace(/^[^:]*:/, `${c.strategy} `),
        verdict: c.verdict,
        summary: c.summary,
      })),
    ],
    canaries: canaries.map((c) => ({
      name: c.name,
      caught: c.caught,
      localized: c.localized,
      summary: c.caught ? `expected ${c.expected_stage}, blamed ${c.localized_stage}` : c.detail,
    })),
    ledger,
  })
}

function reportRun(id: RunIdentity, r: RunResult | undefined): RunReport {
  const base = { key: runKey(id), ...id }
  if (!r || r.status === 'error') {
    return {
      ...base,
      status: 'error',
      device: null,
      weights_sha256: null,
      model_path: null,
      history: null,
      feature_importance: null,
      metrics: null,
      warnings: [],
      error: r ? r.error : 'not run',
      timings: r ? r.timings : {},
    }
  }
  return {
    ...base,
    status: 'ok',
    device: r.device,
    weights_sha256: r.weightsSha256,
    model_path: r.modelPath,
    history: r.history,
    feature_importance: r.featureImportance,
    metrics: r.metrics,
    warnings: r.warnings,
    error: null,
    timings: r.timings,
  }
}
