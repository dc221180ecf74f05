/**
 * `ktrdr-train equivalence`: runs the equivalence matrix (strategies × paths, A/A, seed noise, canaries) and
 * writes reports/equivalence.{json,html,md}. Exit code: 0 gate passed, 1 gate failed, 2 usage or environment
 * error (bad flag, unknown strategy, unreadable ledger, host that will not start). Progress goes to stderr; the
 * verdict line and the report paths to stdout.
 */
import { existsSync, readdirSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join, resolve } from 'node:path'
import type { Argv, CommandModule } from 'yargs'
import { materializeEmbeddedDataset } from '../../../reference/data/synthetic.ts'
import { SHIPPED_STRATEGIES_DIR } from '../../../reference/strategy/shipped.ts'
import { loadLedger, DEFAULT_LEDGER_PATH } from '../../ledger/load.ts'
import { PROFILES, PROFILE_NAMES, PROFILE_STRATEGIES, isProfileName } from '../../matrix/profile.ts'
import { runEquivalence } from '../../matrix/runner.ts'
import { CANARY_NAMES, PATH_NAMES, type CanaryName, type PathName } from '../../paths/types.ts'
import { htmlReporter } from '../../report/html.ts'
import { jsonReporter } from '../../report/json.ts'
import { markdownReporter } from '../../report/markdown.ts'
import { writeReports } from '../../report/reporter.ts'
import { UsageError } from '../../errors.ts'
import { KTRDR_SRC_OPTION } from '../../oracle/cli.ts'
import { DEFAULT_ORACLE_SEEDS } from '../../oracle/matrix.ts'
import { listOptionOf } from '../list-option.ts'

/** The paths `--paths` accepts: the four of the matrix and ktrdr_py (KTRDR's own code, harness/oracle). */
const ALL_PATHS = [...PATH_NAMES, 'ktrdr_py'] as const

/** @default 300 s — ten times the slowest quick-profile run measured here, short enough to stop a hang. */
export const DEFAULT_CELL_TIMEOUT_S = 300
/** @default 42 */
export const DEFAULT_SEED = 42

interface EquivalenceArgs {
  strategies?: string
  paths: string
  profile: string
  seed: number
  'noise-seed'?: number
  jobs?: number
  shard?: string
  'report-dir': string
  'host-url'?: string
  'cell-timeout': number
  canaries: boolean
  canary?: string
  'plant-fault'?: string
  'data-dir'?: string
  'strategies-dir': string
  ledger: string
  'ktrdr-src'?: string
  'oracle-seeds': number
}

/** Parses `i/n` (1 ≤ i ≤ n). */
export function parseShard(value: string | undefined): { index: number; count: number } | null {
  if (value === undefined) return null
  const m = /^(\d+)\/(\d+)$/.exec(value)
  const index = Number(m?.[1])
  const count = Number(m?.[2])
  if (!m || count < 1 || index < 1 || index > count)
    throw new UsageError(`--shard must be i/n with 1 ≤ i ≤ n, got ${JSON.stringify(value)}`)
  return { index, count }
}

/** The strategy names (`<name>.yaml`) in `dir`, sorted. @throws UsageError when `dir` does not exist */
export function shippedStrategies(dir: string): string[] {
  if (!existsSync(dir)) throw new UsageError(`--strategies-dir ${dir} does not exist`)
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -5))
    .sort()
}

export const equivalenceCommand: CommandModule<object, EquivalenceArgs> = {
  command: 'equivalence',
  describe: 'Run the equivalence matrix and write reports/equivalence.{json,html,md} (exit 0 pass, 1 fail, 2 usage)',
  builder: (y: Argv) =>
    y
      .option('strategies', {
        type: 'string',
        describe:
          'Comma-separated strategy names (default: the profile’s own list — quick: the four original ones — or every strategies/*.yaml)',
      })
      .option('paths', {
        type: 'string',
        default: ALL_PATHS.join(','),
        describe: 'Comma-separated paths to compare (ktrdr_py: KTRDR’s own code, skipped without a checkout)',
      })
      .option('profile', { type: 'string', default: 'quick', describe: `Run profile: ${PROFILE_NAMES.join(' | ')}` })
      .option('seed', { type: 'number', default: DEFAULT_SEED, describe: 'Seed of every compared run' })
      .option('noise-seed', { type: 'number', describe: 'Second seed of the seed-noise pairs (default: seed + 1)' })
      .option('jobs', { type: 'number', describe: 'Runs in parallel (default: number of cores)' })
      .option('shard', { type: 'string', describe: 'Run slice i of n (e.g. 2/4); merge with `report merge`' })
      .option('report-dir', { type: 'string', default: 'reports', describe: 'Where the reports are written' })
      .option('host-url', { type: 'string', describe: 'Use a running host for host paths instead of starting them' })
      .option('cell-timeout', {
        type: 'number',
        default: DEFAULT_CELL_TIMEOUT_S,
        describe: 'Per-run time limit in seconds',
      })
      .option('canaries', { type: 'boolean', default: true, describe: 'Plant the canaries (--no-canaries skips them)' })
      .option('canary', { type: 'string', describe: `Only these canaries: ${CANARY_NAMES.join(', ')}` })
      .option('plant-fault', {
        type: 'string',
        describe: 'Break every local_new run of the cells with this canary fault (to see a failing report)',
      })
      .option('data-dir', {
        type: 'string',
        describe: 'Folder of <SYMBOL>_<TF>.csv files (default: the embedded dataset)',
      })
      .option('strategies-dir', {
        type: 'string',
        default: SHIPPED_STRATEGIES_DIR,
        describe: 'Folder of strategy YAML files',
      })
      .option('ledger', {
        type: 'string',
        default: DEFAULT_LEDGER_PATH,
        describe: 'Known-divergence ledger file',
      })
      .option('ktrdr-src', KTRDR_SRC_OPTION)
      .option('oracle-seeds', {
        type: 'number',
        default: DEFAULT_ORACLE_SEEDS,
        describe: 'ktrdr_py: training seeds a side of the statistical training comparison',
      }) as unknown as Argv<EquivalenceArgs>,
  handler: async (args) => {
    if (!isProfileName(args.profile))
      throw new UsageError(`--profile must be one of ${PROFILE_NAMES.join(', ')}, got ${JSON.stringify(args.profile)}`)
    const strategiesDir = resolve(args['strategies-dir'])
    const shipped = shippedStrategies(strategiesDir)
    const profileList = strategiesDir === SHIPPED_STRATEGIES_DIR ? PROFILE_STRATEGIES[args.profile] : null
    const strategies =
      args.strategies !== undefined
        ? listOptionOf(args.strategies, '--strategies', shipped, 'strategy')
        : (profileList ?? shipped)
    const requested = listOptionOf(args.paths, '--paths', ALL_PATHS, 'path')
    const paths = requested.filter((p) => p !== 'ktrdr_py')
    if (paths.length === 0) throw new UsageError('--paths names no path of the matrix (ktrdr_py is compared with them)')
    if (!(Number.isInteger(args['oracle-seeds']) && args['oracle-seeds'] >= 2))
      throw new UsageError(`--oracle-seeds must be an integer ≥ 2, got ${args['oracle-seeds']}`)
    const jobs = args.jobs ?? availableParallelism()
    if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs must be a positive integer, got ${args.jobs}`)
    if (!(args['cell-timeout'] > 0))
      throw new UsageError(`--cell-timeout must be positive, got ${args['cell-timeout']}`)
    if (!Number.isInteger(args.seed)) throw new UsageError(`--seed must be an integer, got ${args.seed}`)
    const canaries: CanaryName[] = !args.canaries
      ? []
      : args.canary === undefined
        ? [...CANARY_NAMES]
        : listOptionOf(args.canary, '--canary', CANARY_NAMES, 'canary')
    const plantFault = args['plant-fault'] ?? null
    if (plantFault !== null && !(CANARY_NAMES as readonly string[]).includes(plantFault)) {
      throw new UsageError(`unknown --plant-fault ${JSON.stringify(plantFault)} (known: ${CANARY_NAMES.join(', ')})`)
    }
    if (args['data-dir'] !== undefined && !existsSync(args['data-dir']))
      throw new UsageError(`--data-dir ${args['data-dir']} does not exist`)
    const shard = parseShard(args.shard)
    const ledger = loadLedger(resolve(args.ledger))
    const reportDir = resolve(args['report-dir'])
    const report = await runEquivalence({
      strategies,
      paths: paths as PathName[],
      profile: args.profile,
      settings: PROFILES[args.profile],
      seed: args.seed,
      noiseSeed: args['noise-seed'] ?? args.seed + 1,
      canaries,
      plantFault: plantFault as CanaryName | null,
      jobs,
      shard,
      cellTimeoutS: args['cell-timeout'],
      strategiesDir,
      dataDir: args['data-dir'] !== undefined ? resolve(args['data-dir']) : materializeEmbeddedDataset(),
      hostUrl: args['host-url'] ?? null,
      ledger,
      links: existsSync(join(reportDir, 'bench.html')) ? { bench_html: 'bench.html' } : {},
      oracle: requested.includes('ktrdr_py')
        ? { ktrdrSrc: args['ktrdr-src'] ?? null, seeds: args['oracle-seeds'] }
        : null,
    })
    const written = writeReports(report, reportDir, [jsonReporter, htmlReporter, markdownReporter])
    process.stdout.write(
      `equivalence: ${report.verdict.toUpperCase()} (exit ${report.exit_code}) — ${report.reasons[0] ?? ''}\n`,
    )
    if (report.oracle?.status === 'skipped') process.stdout.write(`  ktrdr_py: ${report.oracle.reason} (skipped)\n`)
    for (const path of written) process.stdout.write(`  ${path}\n`)
    process.exitCode = report.exit_code
  },
}
