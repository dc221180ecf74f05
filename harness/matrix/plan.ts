/**
 * The matrix plan (docs/architecture.md §6 "Pairs"): for each strategy, the cross pairs local_new↔local_old,
 * host_new↔local_new and host_new↔host_old (when both paths are selected), an A/A cell per path (same seed twice:
 * must be bitwise), a seed-noise pair per path (seed and noise seed: the noise floor), and the canaries. Every
 * run is planned once and shared by the cells that need it; `--shard i/n` keeps every n-th cell or canary.
 */
import { CANARIES, type CanaryDefinition } from '../canaries/catalog.ts'
import type { PairKind } from '../compare/tolerance.ts'
import { runKey, type CanaryName, type PathName, type RunIdentity } from '../paths/types.ts'

/** Cross pairs, path under test first, reference second. */
export const CROSS_PAIRS: readonly (readonly [PathName, PathName])[] = [
  ['local_new', 'local_old'],
  ['host_new', 'local_new'],
  ['host_new', 'host_old'],
]

export interface PlannedCell {
  readonly id: string
  readonly strategy: string
  readonly pair: readonly [PathName, PathName]
  readonly kind: Exclude<PairKind, 'seed-noise'>
  readonly a: RunIdentity
  readonly b: RunIdentity
}

export interface PlannedNoise {
  readonly strategy: string
  readonly path: PathName
  readonly a: RunIdentity
  readonly b: RunIdentity
}

export interface PlannedCanary {
  readonly definition: CanaryDefinition
  /** The faulty local_new run. */
  readonly a: RunIdentity
  /** The clean local_old run it is compared with. */
  readonly b: RunIdentity
}

export interface MatrixPlan {
  readonly cells: readonly PlannedCell[]
  readonly noise: readonly PlannedNoise[]
  readonly canaries: readonly PlannedCanary[]
  /**
   * Every run the cells, noise pairs and canaries need, de-duplicated, in first-use order except that old-host
   * runs come first: they run one at a time, so starting them early shortens the whole matrix.
   */
  readonly runs: readonly RunIdentity[]
}

export interface PlanOptions {
  readonly strategies: readonly string[]
  readonly paths: readonly PathName[]
  readonly seed: number
  readonly noiseSeed: number
  /** Canaries to plant; empty for none. */
  readonly canaries: readonly CanaryName[]
  /**
   * A fault planted into every local_new run of the cells (not only the canaries): the matrix then shows what a
   * real regression of that stage looks like. null for a normal run.
   */
  readonly plantFault?: CanaryName | null
  /** 1-based shard index and count; null for the whole matrix. */
  readonly shard: { readonly index: number; readonly count: number } | null
}

/**
 * Paths whose numbers respond to the seed. The old host is left out: its numbers are placeholders compared on
 * protocol and ledger only (docs/legacy-behaviour.md §12.1), so a seed-noise floor for it would measure nothing.
 */
export const SEED_SENSITIVE: readonly PathName[] = ['local_old', 'local_new', 'host_new']

const runIdentity = (
  path: PathName,
  strategy: string,
  seed: number,
  replicate: number,
  canary: CanaryName | null,
): RunIdentity => ({
  path,
  strategy,
  seed,
  canary,
  replicate,
})

/** Builds the plan. */
export function planMatrix(options: PlanOptions): MatrixPlan {
  const { seed, noiseSeed } = options
  const fault = options.plantFault ?? null
  const run = (path: PathName, strategy: string, seed: number, replicate = 0): RunIdentity =>
    runIdentity(path, strategy, seed, replicate, path === 'local_new' ? fault : null)
  const selected = new Set(options.paths)
  let cells: PlannedCell[] = []
  for (const strategy of options.strategies) {
    for (const pair of CROSS_PAIRS) {
      if (!selected.has(pair[0]) || !selected.has(pair[1])) continue
      cells.push({
        id: `${strategy}:${pair[0]}~${pair[1]}`,
        strategy,
        pair,
        kind: 'cross',
        a: run(pair[0], strategy, seed),
        b: run(pair[1], strategy, seed),
      })
    }
    for (const path of options.paths) {
      cells.push({
        id: `${strategy}:${path}~${path}`,
        strategy,
        pair: [path, path],
        kind: 'aa',
        a: run(path, strategy, seed, 1),
        b: run(path, strategy, seed),
      })
    }
  }
  let canaries: PlannedCanary[] = CANARIES.filter((c) => options.canaries.includes(c.name)).map((definition) => ({
    definition,
    a: runIdentity('local_new', definition.strategy, seed, 0, definition.name),
    b: runIdentity('local_old', definition.strategy, seed, 0, null),
  }))
  if (options.shard) {
    const { index, count } = options.shard
    const units = [...cells.map((c) => ({ cell: c })), ...canaries.map((c) => ({ canary: c }))]
    const mine = units.filter((_, i) => i % count === index - 1)
    cells = mine.flatMap((u) => ('cell' in u ? [u.cell] : []))
    canaries = mine.flatMap((u) => ('canary' in u ? [u.canary] : []))
  }
  const noiseKeys = new Set<string>()
  const noise: PlannedNoise[] = []
  for (const cell of cells) {
    for (const path of new Set(cell.pair)) {
      if (!SEED_SENSITIVE.includes(path)) continue
      const key = `${cell.strategy}|${path}`
      if (noiseKeys.has(key)) continue
      noiseKeys.add(key)
      noise.push({
        strategy: cell.strategy,
        path,
        a: run(path, cell.strategy, noiseSeed),
        b: run(path, cell.strategy, seed),
      })
    }
  }
  const runs = new Map<string, RunIdentity>()
  const need = (id: RunIdentity): void => void (runs.has(runKey(id)) || runs.set(runKey(id), id))
  for (const c of cells) [c.a, c.b].forEach(need)
  for (const c of canaries) [c.a, c.b].forEach(need)
  for (const n of noise) [n.a, n.b].forEach(need)
  const ordered = [...runs.values()].sort((x, y) => Number(y.path === 'host_old') - Number(x.path === 'host_old'))
  return { cells, noise, canaries, runs: ordered }
}
