/**
 * The mutation report, `reports/mutation.json` (version {@link MUTATION_SCHEMA_VERSION}): the sweep's settings,
 * one record per mutant (`file, line, original, mutated, status, blamed_stage, expected_stage` and what the sweep
 * saw), the counts per status, per file, the two scores and the timings. No absolute path of the machine that
 * ran it appears in it. Written atomically with the HTML page (harness/mutation/html.ts).
 */
import { join } from 'node:path'
import { writeFileAtomic } from '../../reference/data/atomic-write.ts'
import type { StageName } from '../compare/stages.ts'
import { MUTANT_STATUSES, scoreOf, type CrashKind, type MutantStatus, type MutationCounts } from './classify.ts'
import type { SurvivorExplanation } from './explanations.ts'
import type { GateCell, GateMode } from './gate.ts'
import { byStageOrder, type ObservedChange } from './observe.ts'
import type { OperatorName } from './operators.ts'
import { renderMutationHtml } from './html.ts'

/** Bumped on any incompatible change of the JSON shape. */
export const MUTATION_SCHEMA_VERSION = '1.1.0'

/** One mutant as reported. */
export interface MutantRecord {
  readonly id: string
  readonly file: string
  readonly line: number
  readonly column: number
  readonly operator: OperatorName
  readonly original: string
  readonly mutated: string
  /** The top-level declaration holding the site. */
  readonly scope: string | null
  readonly status: MutantStatus
  /** Why it crashed (crashed only): the stages threw, ran past the limit, or a gate run erred. */
  readonly crash_kind: CrashKind | null
  /** The gate's first divergence (killed mutants); null otherwise. */
  readonly blamed_stage: StageName | null
  /** The stage owning the code (harness/mutation/ownership.ts). */
  readonly expected_stage: StageName | null
  /** The earliest stage whose outputs changed, over every dataset × strategy; null when none did. */
  readonly observed_stage: StageName | null
  /** False when no strategy's observation calls the function holding the site (not run). */
  readonly reached: boolean
  /** What changed, per dataset × strategy. */
  readonly observed: readonly ObservedChange[]
  /** Strategies the gate ran for this mutant, and its cells; null when the gate did not run. */
  readonly gate: { readonly strategies: readonly string[]; readonly cells: readonly GateCell[] } | null
  /** Why it crashed, or the gate's first reason. */
  readonly detail: string | null
  /** A reviewed reason why the survivor cannot be killed (survivors only). */
  readonly explanation: string | null
  readonly source_line: string
  readonly diff: string
  readonly duration_s: number
}

/** Per-file counts; `not_reached` is the part of `not_observable` no strategy's stages call. */
export interface FileSummary extends Record<MutantStatus, number> {
  readonly file: string
  readonly total: number
  readonly not_reached: number
}

/** Per-stage counts (the stage owning the mutated code), stages in pipeline order. */
export interface StageSummary extends Record<MutantStatus, number> {
  readonly stage: StageName
  /** Sites of the matched files this stage owns. */
  readonly sites: number
  readonly total: number
  readonly not_reached: number
  readonly score_killed: number | null
  readonly score_localized: number | null
}

/** A site the draw looked at and passed over: the mutant does not type-check, so it is no mutant. */
export interface NotCompiling {
  readonly id: string
  readonly file: string
  readonly line: number
  readonly original: string
  readonly mutated: string
  /** The compiler's first error. */
  readonly error: string
}

/** The whole report. */
export interface MutationReport {
  readonly schema_version: string
  readonly generated_at: string
  readonly settings: {
    readonly files: readonly string[]
    readonly matched_files: readonly string[]
    readonly sites_total: number
    readonly max: number | null
    readonly seed: number
    readonly strategies: readonly string[]
    readonly gate: {
      readonly mode: GateMode
      readonly command: string
      readonly profile: string
      readonly seed: number
    }
    readonly datasets: readonly { readonly name: string; readonly start_date: string; readonly end_date: string }[]
  }
  readonly counts: MutationCounts
  readonly score_killed: number | null
  readonly score_localized: number | null
  readonly per_file: readonly FileSummary[]
  readonly per_stage: readonly StageSummary[]
  readonly mutants: readonly MutantRecord[]
  /** Sites looked at by the draw whose mutant does not type-check: not drawn, in no count. */
  readonly not_compiling: readonly NotCompiling[]
  /** Explanations of files this sweep covered completely that matched no mutation site. */
  readonly stale_explanations: readonly SurvivorExplanation[]
  readonly timings: {
    readonly total_s: number
    readonly baseline_s: number
    readonly observe_s: number
    readonly gate_s: number
  }
}

/** Per-file counts, files in name order. */
export function perFile(mutants: readonly MutantRecord[]): FileSummary[] {
  const files = [...new Set(mutants.map((m) => m.file))].sort()
  return files.map((file) => {
    const mine = mutants.filter((m) => m.file === file)
    const counts = Object.fromEntries(MUTANT_STATUSES.map((s) => [s, mine.filter((m) => m.status === s).length]))
    const notReached = mine.filter((m) => m.reached === false).length
    return { file, total: mine.length, not_reached: notReached, ...(counts as Record<MutantStatus, number>) }
  })
}

/** Per-stage counts and scores; `sites` is the number of sites per owning stage over the matched files. */
export function perStage(mutants: readonly MutantRecord[], sites: ReadonlyMap<StageName, number>): StageSummary[] {
  const stages = [...sites.keys()].sort(byStageOrder)
  return stages.map((stage) => {
    const mine = mutants.filter((m) => m.expected_stage === stage)
    const counts = Object.fromEntries(MUTANT_STATUSES.map((s) => [s, mine.filter((m) => m.status === s).length]))
    const { score_killed, score_localized } = scoreOf(mine)
    return {
      stage,
      sites: sites.get(stage)!,
      total: mine.length,
      not_reached: mine.filter((m) => m.reached === false).length,
      ...(counts as Record<MutantStatus, number>),
      score_killed,
      score_localized,
    }
  })
}

/** Assembles the report from the mutants and the rest (`stage_sites`: sites per owning stage). */
export function buildMutationReport(
  parts: Omit<
    MutationReport,
    'schema_version' | 'counts' | 'score_killed' | 'score_localized' | 'per_file' | 'per_stage'
  > & { readonly stage_sites: ReadonlyMap<StageName, number> },
): MutationReport {
  const { counts, score_killed, score_localized } = scoreOf(parts.mutants)
  return {
    schema_version: MUTATION_SCHEMA_VERSION,
    generated_at: parts.generated_at,
    settings: parts.settings,
    counts,
    score_killed,
    score_localized,
    per_file: perFile(parts.mutants),
    per_stage: perStage(parts.mutants, parts.stage_sites),
    mutants: parts.mutants,
    not_compiling: parts.not_compiling,
    stale_explanations: parts.stale_explanations,
    timings: parts.timings,
  }
}

/** Writes `mutation.json` and `mutation.html` into `dir` (each atomically) and returns their paths. */
export function writeMutationReports(report: MutationReport, dir: string): string[] {
  const json = join(dir, 'mutation.json')
  const html = join(dir, 'mutation.html')
  writeFileAtomic(json, `${JSON.stringify(report, null, 2)}\n`)
  writeFileAtomic(html, renderMutationHtml(report))
  return [json, html]
}
