/**
 * The observability check (parent side): runs `observe-run.ts` in the scratch copy and compares its digests with
 * the unmutated baseline's. A mutant is observable when some stage artifact of some dataset × strategy differs;
 * the comparison says which, and the first changed stage in pipeline order.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { stageIndex, type StageName } from '../compare/stages.ts'
import { runChild, type ChildOutcome } from './child.ts'
import type { ObserveJob, ObserveResult } from './observe-run.ts'

/** What changed for one dataset × strategy. */
export interface ObservedChange {
  /** `<dataset>/<strategy>`. */
  readonly key: string
  readonly strategy: string
  readonly dataset: string
  /** Changed stages in pipeline order. */
  readonly stages: readonly StageName[]
  /** A few changed artifacts, e.g. `AAPL/fuzzy.csv`. */
  readonly artifacts: readonly string[]
}

/** The check's outcome for one mutant. */
export type ObservationOutcome =
  | { readonly kind: 'observed'; readonly changes: readonly ObservedChange[]; readonly wallS: number }
  /** The stages threw, or ran past the limit (`timedOut`). */
  | { readonly kind: 'crashed'; readonly reason: string; readonly timedOut: boolean; readonly wallS: number }
  /** Not run: the site is in a function the unmutated observation never calls (harness/mutation/coverage.ts). */
  | { readonly kind: 'unreached'; readonly functionName: string; readonly wallS: number }

/** The stage a digest key belongs to (keys as `observe-run.ts` writes them). */
export function stageOfArtifact(key: string): StageName {
  const [head, file = ''] = key.split('/')
  if (head === 'combine') return 'combine'
  if (head === 'split') return 'split'
  if (file.startsWith('indicators_mapped')) return 'mapped'
  if (file.startsWith('indicators')) return 'indicators'
  if (file.startsWith('fuzzy')) return 'fuzzy'
  if (file.startsWith('feature')) return 'features'
  if (file === 'labels.csv' || file === 'pivots') return 'labels'
  throw new Error(`observe: no stage for artifact ${JSON.stringify(key)}`)
}

/** Orders stage names as the pipeline runs them. */
export const byStageOrder = (x: StageName, y: StageName): number => stageIndex(x) - stageIndex(y)

/** The earliest of `stages` in pipeline order; null for none. */
export function earliestStage(stages: readonly StageName[]): StageName | null {
  return [...stages].sort(byStageOrder)[0] ?? null
}

/** How many changed artifacts a change lists. @default 3 */
const ARTIFACTS_SHOWN = 3

/**
 * The differences of `mutant` from `baseline`, entry by entry; an entry that errs in the mutant is a crash.
 *
 * @throws Error when the baseline itself has an error for an entry (that entry cannot be observed)
 */
export function compareObservations(
  baseline: ObserveResult,
  mutant: ObserveResult,
): { changes: ObservedChange[]; crash: string | null } {
  const changes: ObservedChange[] = []
  for (const [key, base] of Object.entries(baseline)) {
    if ('error' in base) throw new Error(`observe: the unmutated stages fail on ${key}: ${base.error}`)
    const now = mutant[key]
    if (!now) return { changes, crash: `no observation for ${key}` }
    if ('error' in now) return { changes, crash: `${key}: ${now.error}` }
    const keys = [...new Set([...Object.keys(base.digests), ...Object.keys(now.digests)])]
    const changed = keys.filter((k) => base.digests[k] !== now.digests[k])
    if (changed.length === 0) continue
    const stages = [...new Set(changed.map(stageOfArtifact))].sort(byStageOrder)
    const slash = key.indexOf('/')
    changes.push({
      key,
      dataset: key.slice(0, slash),
      strategy: key.slice(slash + 1),
      stages,
      artifacts: changed.slice(0, ARTIFACTS_SHOWN),
    })
  }
  return { changes, crash: null }
}

/** Runs the check in `scratchDir` (job and result files in `workDir`, `env` added to the child's environment). */
export async function observeStages(
  scratchDir: string,
  workDir: string,
  job: Omit<ObserveJob, 'resultPath'>,
  timeoutMs: number,
  signal?: AbortSignal,
  env: Readonly<Record<string, string>> = {},
): Promise<{ result: ObserveResult | null; outcome: ChildOutcome }> {
  const resultPath = join(workDir, 'observe.result.json')
  const jobPath = join(workDir, 'observe.job.json')
  writeFileSync(jobPath, JSON.stringify({ ...job, resultPath } satisfies ObserveJob))
  if (existsSync(resultPath)) writeFileSync(resultPath, '')
  const outcome = await runChild(
    scratchDir,
    ['--import', 'tsx', 'harness/mutation/observe-run.ts', jobPath],
    timeoutMs,
    signal,
    env,
  )
  const text = existsSync(resultPath) ? readFileSync(resultPath, 'utf8') : ''
  const result = outcome.code === 0 && text.length > 0 ? (JSON.parse(text) as ObserveResult) : null
  return { result, outcome }
}

/** The observation outcome of one mutant against `baseline`. */
export async function observeMutant(
  scratchDir: string,
  workDir: string,
  job: Omit<ObserveJob, 'resultPath'>,
  baseline: ObserveResult,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<ObservationOutcome> {
  const { result, outcome } = await observeStages(scratchDir, workDir, job, timeoutMs, signal)
  if (result === null) {
    const why = outcome.timedOut
      ? `the stages ran past ${Math.round(timeoutMs / 1000)} s (killed)`
      : `the stage run exited with code ${outcome.code}`
    const reason = `${why}: ${lastLine(outcome.tail)}`
    return { kind: 'crashed', reason, timedOut: outcome.timedOut, wallS: outcome.wallS }
  }
  const { changes, crash } = compareObservations(baseline, result)
  if (crash !== null) return { kind: 'crashed', reason: crash, timedOut: false, wallS: outcome.wallS }
  return { kind: 'observed', changes, wallS: outcome.wallS }
}

/** The last non-empty line of a log tail. */
export function lastLine(tail: string): string {
  return (
    tail
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.length > 0)
      .at(-1) ?? ''
  )
}
