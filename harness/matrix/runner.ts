/**
 * The matrix runner (docs/architecture.md §6): plans the runs, starts the host services once (unless `hostUrl` is given),
 * executes every run in its own child process with `jobs` in parallel and a per-run timeout (the old host one
 * session at a time), reports progress on stderr, and assesses the results into an {@link EquivalenceReport}.
 * The CLI only parses arguments and calls {@link runEquivalence}; a library user calls it the same way.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { ChildProcessAdapter } from '../paths/cell-process.ts'
import type { SessionNote } from '../paths/progress-line.ts'
import { strategyRequest } from '../paths/run-request.ts'
import {
  runKey,
  type CanaryName,
  type PathAdapter,
  type PathName,
  type RunIdentity,
  type RunResult,
  type RunSettings,
  type RunSpec,
} from '../paths/types.ts'
import type { Ledger } from '../ledger/types.ts'
import { SCHEMA_VERSION, type EquivalenceReport, type OracleReport } from '../report/model.ts'
import { machinePathPlaceholders, redactPaths } from '../report/redact.ts'
import { runOracleChecks } from '../oracle/matrix.ts'
import { assessMatrix, gateOf } from './assess.ts'
import { startMatrixHosts, type HostPath } from './hosts.ts'
import { planMatrix } from './plan.ts'
import { DEFAULT_HOST_OLD_SIZING, type HostOldSizing } from './profile.ts'
import { runPool } from './pool.ts'
import { cpuCount, fileHashes, gitCommit, platformLine, versions } from './provenance.ts'

/** What {@link runEquivalence} runs: strategies × paths, profile, seeds, canaries, parallelism, shard, data. @public */
export interface EquivalenceOptions {
  readonly strategies: readonly string[]
  readonly paths: readonly PathName[]
  readonly profile: string
  /** Every run's settings, and the old host's sizing. @default hostOld DEFAULT_HOST_OLD_SIZING */
  readonly settings: RunSettings & { readonly hostOld?: HostOldSizing }
  readonly seed: number
  /** Second seed of the seed-noise pairs. @default seed + 1 */
  readonly noiseSeed: number
  readonly canaries: readonly CanaryName[]
  /** Plant this fault into every local_new run of the cells (see `PlanOptions.plantFault`). @default null */
  readonly plantFault?: CanaryName | null
  readonly jobs: number
  readonly shard: { readonly index: number; readonly count: number } | null
  readonly cellTimeoutS: number
  /** Folder of `<name>.yaml` strategies. */
  readonly strategiesDir: string
  readonly dataDir: string
  /** A running host to use for host paths (both impls must then be served there); null starts our own. */
  readonly hostUrl: string | null
  readonly ledger: Ledger
  /** Scratch folder for models, probes and job files. @default a fresh temp folder, removed afterwards */
  readonly workDir?: string
  /** Progress lines (stderr by default). */
  readonly log?: (line: string) => void
  /** Replaces the child-process adapter (the harness's own tests use in-process adapters). */
  readonly adapter?: PathAdapter
  readonly now?: () => Date
  /** Reports present beside this one, linked from it (e.g. `{ bench_html: 'bench.html' }`). */
  readonly links?: Readonly<Record<string, string>>
  /**
   * The path ktrdr_py (KTRDR's own code, harness/oracle): its checkout (null → `KTRDR_SRC`) and the training seeds
   * a side. Absent or null: ktrdr_py is not among the paths.
   */
  readonly oracle?: { readonly ktrdrSrc: string | null; readonly seeds: number } | null
}

/** The training seeds of the oracle: the matrix seed, the noise seed, then the following integers. */
export function oracleSeeds(seed: number, noiseSeed: number, count: number): number[] {
  const seeds = [seed, noiseSeed]
  for (let s = seed + 1; seeds.length < count; s++) if (!seeds.includes(s)) seeds.push(s)
  return seeds.slice(0, count)
}

/** Creates `dir` (and its parents) and returns it: the legacy store creates only its own base folder. */
function freshDir(dir: string): string {
  mkdirSync(dir, { recursive: true })
  return dir
}

/** The replay command of one cell or canary. */
export function replayCommand(
  o: Pick<EquivalenceOptions, 'seed' | 'profile'>,
  strategy: string,
  paths: readonly (PathName | 'ktrdr_py')[],
  canary?: string,
): string {
  const base = `node bin/ktrdr-train.js equivalence --strategies ${strategy} --paths ${paths.join(',')} --seed ${o.seed} --profile ${o.profile}`
  return canary ? `${base} --canary ${canary}` : `${base} --no-canaries`
}

/**
 * Runs the matrix and resolves to its report (not yet written: see harness/report), the paths of this machine
 * replaced by placeholders (harness/report/redact.ts).
 *
 * @public
 */
export async function runEquivalence(o: EquivalenceOptions): Promise<EquivalenceReport> {
  const t0 = performance.now()
  const log = o.log ?? ((line: string) => process.stderr.write(`${line}\n`))
  const now = o.now ?? (() => new Date())
  const plan = planMatrix({
    strategies: o.strategies,
    paths: o.paths,
    seed: o.seed,
    noiseSeed: o.noiseSeed,
    canaries: o.canaries,
    shard: o.shard,
    plantFault: o.plantFault ?? null,
  })
  const workDir = o.workDir ?? mkdtempSync(join(tmpdir(), 'ktrdr-equivalence-'))
  const dirs = {
    models: join(workDir, 'host-models'),
    probes: join(workDir, 'host-probes'),
    jobs: join(workDir, 'jobs'),
    oldHostData: join(workDir, 'host-old-data'),
  }
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true })
  const strategyPath = (name: string): string => resolve(o.strategiesDir, `${name}.yaml`)
  const hostOld = o.settings.hostOld ?? DEFAULT_HOST_OLD_SIZING
  const isHostPath = (p: PathName): p is HostPath => p === 'host_old' || p === 'host_new'
  const hostPaths = new Set(plan.runs.map((r) => r.path).filter(isHostPath))
  const hosts = await startMatrixHosts(hostPaths, {
    modelsDir: dirs.models,
    probesDir: dirs.probes,
    dataDir: o.dataDir,
    oldHostDataDir: dirs.oldHostData,
    strategiesDir: o.strategiesDir,
    seed: o.seed,
    endDate: o.settings.endDate,
    hostOld,
    jobs: o.jobs,
    sessionTimeLimitS: o.cellTimeoutS,
    hostUrl: o.hostUrl,
    log,
  })

  const total = plan.runs.length
  let done = 0
  const label = (id: RunIdentity): string =>
    `${id.path} ${id.strategy} seed ${id.seed}${id.replicate ? ' (A/A repeat)' : ''}${id.canary ? ` canary ${id.canary}` : ''}`
  const adapter =
    o.adapter ??
    new ChildProcessAdapter({
      workDir: dirs.jobs,
      timeoutMs: o.cellTimeoutS * 1000,
      onProgress: (spec, n) =>
        log(
          `  [${done}/${total}] ${label(spec)}: ${n.stage}${n.epoch !== null ? ` epoch ${n.epoch}${n.epochs ? `/${n.epochs}` : ''}` : ''}`,
        ),
    })
  const { hostOld: _sizing, ...runSettings } = o.settings
  const settingsOf = (path: PathName): RunSettings =>
    path === 'host_old' && hostOld.epochs !== null ? { ...runSettings, epochs: hostOld.epochs } : runSettings
  const specOf = (id: RunIdentity, i: number): RunSpec => ({
    ...id,
    strategyPath: strategyPath(id.strategy),
    settings: settingsOf(id.path),
    dataDir: o.dataDir,
    modelsDir: isHostPath(id.path) ? dirs.models : freshDir(join(workDir, 'models', String(i))),
    hostUrl: isHostPath(id.path) ? hosts.url(id.path) : null,
    probesDir: id.path === 'host_new' ? dirs.probes : null,
  })
  log(
    `equivalence: ${plan.cells.length} cells, ${plan.canaries.length} canaries, ${total} runs, ${o.jobs} jobs (profile ${o.profile})`,
  )
  let results: RunResult[]
  try {
    results = await runPool(
      plan.runs.map((id, i) => ({
        group: id.path,
        run: async () => {
          const sessions: SessionNote[] = []
          const r = await adapter.run(specOf(id, i), (note) => void sessions.push(note))
          if (r.status === 'error' && isHostPath(id.path)) await hosts.settle(id.path, sessions)
          done++
          const wall = r.timings.wall ?? 0
          log(
            `  [${done}/${total}] ${label(id)}: ${r.status === 'ok' ? 'ok' : `ERROR ${r.error}`} (${wall.toFixed(1)} s)`,
          )
          return r
        },
      })),
      o.jobs,
      (group) => (group === 'host_old' ? 1 : Infinity),
    )
  } finally {
    await hosts.stop()
  }
  const byKey = new Map(results.map((r, i) => [runKey(plan.runs[i]!), r]))
  let extra = plan.runs.length
  const oracle: OracleReport | undefined =
    o.oracle && (o.shard === null || o.shard.index === 1)
      ? await runOracleChecks({
          ktrdrSrc: o.oracle.ktrdrSrc,
          strategies: o.strategies,
          strategyPath,
          dataDir: o.dataDir,
          settings: runSettings,
          seeds: oracleSeeds(o.seed, o.noiseSeed, o.oracle.seeds),
          references: o.paths.filter((p) => p === 'local_old' || p === 'local_new'),
          results: byKey,
          runReference: (id) => adapter.run(specOf(id, extra++)),
          replay: (strategy, reference) => replayCommand(o, strategy, [reference, 'ktrdr_py']),
          log,
        })
      : undefined
  const assessedCells = assessMatrix(plan, byKey, {
    ledger: o.ledger,
    today: now().toISOString().slice(0, 10),
    profile: o.profile,
    replay: (strategy, paths, canary) => replayCommand(o, strategy, paths, canary),
  })
  const assessed = {
    ...assessedCells,
    gate: gateOf(assessedCells.cells, assessedCells.canaries, assessedCells.ledger, oracle),
  }
  if (!o.workDir) rmSync(workDir, { recursive: true, force: true })
  const dataFiles = [...new Set(plan.runs.map((r) => r.strategy))].flatMap((name) => {
    const { symbols, timeframes } = strategyRequest(strategyPath(name))
    return symbols.flatMap((s) => timeframes.map((tf) => `${s}_${tf}.csv`))
  })
  const walls = assessed.runs.map((r) => ({ key: r.key, wall_s: r.timings.wall ?? 0 }))
  const slowest = walls.reduce<{ key: string; wall_s: number } | null>(
    (best, w) => (best === null || w.wall_s > best.wall_s ? w : best),
    null,
  )
  const device = [...new Set(assessed.runs.flatMap((r) => (r.device ? [r.device] : [])))].join(', ') || 'unknown'
  const report: EquivalenceReport = {
    schema_version: SCHEMA_VERSION,
    generated_at: now().toISOString(),
    verdict: assessed.gate.verdict,
    exit_code: assessed.gate.exitCode,
    reasons: assessed.gate.reasons,
    environment: { device, versions: versions(), commit: gitCommit(), platform: platformLine(), cpus: cpuCount() },
    settings: {
      profile: o.profile,
      seed: o.seed,
      noise_seed: o.noiseSeed,
      start_date: o.settings.startDate,
      end_date: o.settings.endDate,
      epochs: o.settings.epochs,
      jobs: o.jobs,
      shard: o.shard ? `${o.shard.index}/${o.shard.count}` : null,
      cell_timeout_s: o.cellTimeoutS,
      host_old_delays_ms:
        hostPaths.has('host_old') && !o.hostUrl
          ? { batch: hostOld.batchDelayMs, epoch: 5 * hostOld.batchDelayMs }
          : null,
      host_old_epochs: hostPaths.has('host_old') ? hostOld.epochs : null,
      host_url: o.hostUrl,
      data_dir: o.dataDir,
      data_hashes: fileHashes(o.dataDir, dataFiles),
    },
    strategies: [...o.strategies],
    paths: o.oracle ? [...o.paths, 'ktrdr_py'] : [...o.paths],
    cells: assessed.cells,
    canaries: assessed.canaries,
    ledger: { file: o.ledger.file, entries: assessed.ledger },
    runs: assessed.runs,
    timings: {
      total_s: (performance.now() - t0) / 1000,
      runs_s: walls.reduce((s, w) => s + w.wall_s, 0),
      slowest_run: slowest,
    },
    links: { ...o.links },
    ...(oracle ? { oracle } : {}),
  }
  return redactPaths(report, machinePathPlaceholders([[workDir, '<work>']]))
}
