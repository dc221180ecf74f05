/**
 * Running a fast-check property inside a japa test the way every property suite here does: bounded runs from
 * `KTRDR_PROPERTY_RUNS`, replay from `KTRDR_FC_SEED` / `KTRDR_FC_PATH` (for the property named by
 * `KTRDR_FC_PROPERTY`), saved counterexamples in `tests/fixtures/property-regressions/` replayed as plain examples
 * first, and a failure message carrying the seed, the path, the shrunk counterexample and a one-line replay command.
 */
import fc from 'fast-check'
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { writeFileAtomic } from '../../reference/data/atomic-write.ts'
import { decodeCounterexample, encodeCounterexample } from './json-codec.ts'

/** Runs per property when `KTRDR_PROPERTY_RUNS` is unset: enough to catch most slips, small enough for `make test`. */
export const DEFAULT_PROPERTY_RUNS = 30

/** Where saved counterexamples live (one JSON file each, named `<property id>--<label>.json`). */
export const REGRESSIONS_DIR = resolve(import.meta.dirname, '../../tests/fixtures/property-regressions')

const REPO_ROOT = resolve(import.meta.dirname, '../..')

/** One property: its id, the spec file that runs it, its arbitraries and its predicate. */
export interface PropertySpec<Ts extends unknown[]> {
  /** Stable identifier (kebab-case): names regression fixtures and is the `KTRDR_FC_PROPERTY` value. */
  readonly id: string
  /** The spec file (absolute or repository-relative), for the replay command. */
  readonly file: string
  readonly arbitraries: { [K in keyof Ts]: fc.Arbitrary<Ts[K]> }
  /** Throws (or returns false) when the property does not hold. */
  readonly predicate: (...args: Ts) => boolean | void | Promise<boolean | void>
  /**
   * Relative cost of one run: the property gets ⌈runs / cost⌉ runs (at least 2), so that slow properties (files,
   * trainings, HTTP) stay inside the suite's time budget. @default 1
   */
  readonly cost?: number
}

/** A saved counterexample. */
export interface RegressionFixture {
  readonly property: string
  readonly seed: number
  readonly path: string
  /** What the failure was, in one line. */
  readonly note: string
  /** The predicate's arguments. */
  readonly args: readonly unknown[]
}

/**
 * Runs per property: `KTRDR_PROPERTY_RUNS` (default {@link DEFAULT_PROPERTY_RUNS}) divided by `cost`, at least 2.
 */
export function propertyRuns(cost = 1, env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.KTRDR_PROPERTY_RUNS
  const base = raw === undefined || raw === '' ? DEFAULT_PROPERTY_RUNS : Number(raw)
  if (!Number.isInteger(base) || base < 1) throw new Error(`KTRDR_PROPERTY_RUNS must be a positive integer, got ${raw}`)
  return Math.max(2, Math.ceil(base / cost))
}

/**
 * The fast-check parameters of one property: bounded runs, plus the replay seed and path when `KTRDR_FC_PROPERTY`
 * names this property (or is unset while `KTRDR_FC_SEED` is set).
 */
export function propertyParameters(id: string, cost = 1, env: NodeJS.ProcessEnv = process.env): fc.Parameters<unknown> {
  const params: { numRuns: number; seed?: number; path?: string; endOnFailure?: boolean } = {
    numRuns: propertyRuns(cost, env),
  }
  const targeted = env.KTRDR_FC_PROPERTY === undefined || env.KTRDR_FC_PROPERTY === id
  if (targeted && env.KTRDR_FC_SEED) {
    const seed = Number(env.KTRDR_FC_SEED)
    if (!Number.isInteger(seed)) throw new Error(`KTRDR_FC_SEED must be an integer, got ${env.KTRDR_FC_SEED}`)
    params.seed = seed
    if (env.KTRDR_FC_PATH) {
      params.path = env.KTRDR_FC_PATH
      params.endOnFailure = true
    }
  }
  return params
}

/**
 * The one-line command that replays a failure of property `id`.
 */
export function replayCommand(id: string, file: string, seed: number, path: string | undefined): string {
  const spec = relative(REPO_ROOT, resolve(REPO_ROOT, file))
  const pathPart = path ? ` KTRDR_FC_PATH=${path}` : ''
  return `KTRDR_FC_PROPERTY=${id} KTRDR_FC_SEED=${seed}${pathPart} node --import tsx bin/test.ts --files=${spec}`
}

/**
 * The saved counterexamples of property `id`, in file-name order.
 */
export function loadRegressions(
  id: string,
  dir: string = REGRESSIONS_DIR,
): Array<{ file: string } & RegressionFixture> {
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .filter((name) => name.startsWith(`${id}--`) && name.endsWith('.json'))
    .sort()
    .map((name) => {
      const file = join(dir, name)
      const fixture = decodeCounterexample(readFileSync(file, 'utf8')) as RegressionFixture
      if (fixture.property !== id || !Array.isArray(fixture.args)) {
        throw new Error(`${file}: not a regression fixture of property ${id}`)
      }
      return { file, ...fixture }
    })
}

/**
 * Writes a counterexample as a regression fixture `<id>--<label>.json` (atomically) and returns its path.
 */
export function saveRegression(fixture: RegressionFixture, label: string, dir: string = REGRESSIONS_DIR): string {
  mkdirSync(dir, { recursive: true })
  const file = join(dir, `${fixture.property}--${label}.json`)
  writeFileAtomic(file, `${encodeCounterexample(fixture)}\n`)
  return file
}

/**
 * Replays the saved counterexamples of the property as plain examples, then checks it with fast-check (a failing
 * fixture does not stop the random search). On failure, throws one Error naming every failing fixture and, for a
 * fast-check failure, the seed, path, shrunk counterexample and the replay command; with `KTRDR_FC_RECORD=1`
 * that counterexample is also saved as a regression fixture `<id>--seed-<seed>.json`.
 */
export async function checkProperty<Ts extends unknown[]>(spec: PropertySpec<Ts>): Promise<void> {
  const failures: string[] = []
  for (const regression of loadRegressions(spec.id)) {
    const failure = await outcome(() => spec.predicate(...(regression.args as Ts)))
    if (failure !== null) {
      failures.push(
        `property ${spec.id}: saved counterexample ${relative(REPO_ROOT, regression.file)} fails (${regression.note}): ${failure}`,
      )
    }
  }
  const property = fc.asyncProperty(...(spec.arbitraries as unknown as [fc.Arbitrary<unknown>]), async (...args) => {
    const failure = await outcome(() => spec.predicate(...(args as unknown as Ts)))
    if (failure !== null) throw new Error(failure)
  })
  const details = await fc.check(property, propertyParameters(spec.id, spec.cost ?? 1))
  if (details.failed) failures.push(describeFailure(spec, details))
  if (failures.length > 0) throw new Error(failures.join('\n'))
}

function describeFailure<Ts extends unknown[]>(spec: PropertySpec<Ts>, details: fc.RunDetails<unknown>): string {
  const args = (details.counterexample ?? []) as unknown[]
  const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)
  const lines = [
    `property ${spec.id} failed after ${details.numRuns} run(s), shrunk ${details.numShrinks} time(s)`,
    `  seed: ${details.seed}  path: ${details.counterexamplePath ?? '(none)'}`,
    `  cause: ${cause.split('\n').slice(0, 12).join('\n         ')}`,
    `  counterexample: ${truncate(describeCounterexample(args), 4000)}`,
    `  replay: ${replayCommand(spec.id, spec.file, details.seed, details.counterexamplePath ?? undefined)}`,
  ]
  if (process.env.KTRDR_FC_RECORD === '1' && isEncodable(args)) {
    const saved = saveRegression(
      {
        property: spec.id,
        seed: details.seed,
        path: details.counterexamplePath ?? '',
        note: cause.split('\n')[0]!.slice(0, 300),
        args,
      },
      `seed-${details.seed}`,
    )
    lines.push(`  saved: ${relative(REPO_ROOT, saved)}`)
  }
  return lines.join('\n')
}

/** null when `run` passes; otherwise the reason (a thrown error's message, or "returned false"). */
async function outcome(run: () => boolean | void | Promise<boolean | void>): Promise<string | null> {
  try {
    return (await run()) === false ? 'the predicate returned false' : null
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  }
}

function isEncodable(args: readonly unknown[]): boolean {
  try {
    encodeCounterexample(args)
    return true
  } catch {
    return false
  }
}

/** The JSON encoding when the values allow it (so it can be saved as a fixture), else fast-check's rendering. */
function describeCounterexample(args: readonly unknown[]): string {
  try {
    return encodeCounterexample(args, 0)
  } catch {
    return fc.stringify(args)
  }
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} chars)`
}
