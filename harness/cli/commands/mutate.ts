/**
 * `ktrdr-train mutate`: the mutation sweep of the gate (harness/mutation) over the matched `reference/` files;
 * writes reports/mutation.{json,html}. Exit code: 0 when the sweep ran (whatever its scores), 2 for usage and
 * environment errors (bad flag, no matching file, a gate that fails without any mutant). Progress goes to stderr,
 * the counts, scores and report paths to stdout. Ctrl-C stops the running child and removes the scratch copy.
 */
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Argv, CommandModule } from 'yargs'
import { packageRoot } from '../../matrix/provenance.ts'
import { PROFILE_NAMES, PROFILE_STRATEGIES, isProfileName } from '../../matrix/profile.ts'
import { DEFAULT_EXPLANATIONS_PATH, loadExplanations } from '../../mutation/explanations.ts'
import { GATE_MODES, type GateMode } from '../../mutation/gate.ts'
import { writeMutationReports } from '../../mutation/report.ts'
import { UsageError } from '../../errors.ts'
import { listOptionOf } from '../list-option.ts'
import { shippedStrategies } from './equivalence.ts'

/** The repository the sweep mutates: the one this command runs from (sources or its compiled `dist/`). */
const ROOT = packageRoot()

/** @default 42 — the draw's seed and the gate's run seed (as `equivalence`). */
export const DEFAULT_MUTATION_SEED = 42
/** @default 120 s a run inside the gate: a mutant that makes a run hang is stopped well before the 300 s default. */
export const DEFAULT_MUTATION_CELL_TIMEOUT_S = 120

interface MutateArgs {
  files: string[]
  max?: number
  seed: number
  strategies?: string
  'report-dir': string
  gate: string
  'gate-profile': string
  'cell-timeout': number
  explanations: string
}

export const mutateCommand: CommandModule<object, MutateArgs> = {
  command: 'mutate',
  describe: 'Mutation sweep of the gate over reference/ files → reports/mutation.{json,html}',
  builder: (y: Argv) =>
    y
      .option('files', {
        type: 'string',
        array: true,
        demandOption: true,
        describe: 'Globs of reference/ files to mutate (e.g. "reference/fuzzy/**/*.ts")',
      })
      .option('max', { type: 'number', describe: 'Draw at most this many mutants (default: every site)' })
      .option('seed', { type: 'number', default: DEFAULT_MUTATION_SEED, describe: 'Seed of the draw and of the runs' })
      .option('strategies', {
        type: 'string',
        describe: 'Comma-separated strategies (default: those `equivalence` runs in the gate profile)',
      })
      .option('report-dir', { type: 'string', default: 'reports', describe: 'Where the reports are written' })
      .option('gate', {
        type: 'string',
        default: 'in-process',
        describe: `How the gate runs: ${GATE_MODES.join(' | ')} (cli = one child process per run, as make equivalence)`,
      })
      .option('gate-profile', {
        type: 'string',
        default: 'quick',
        describe: `Gate profile: ${PROFILE_NAMES.join(' | ')}`,
      })
      .option('cell-timeout', {
        type: 'number',
        default: DEFAULT_MUTATION_CELL_TIMEOUT_S,
        describe: 'Per-run limit inside the gate, seconds',
      })
      .option('explanations', {
        type: 'string',
        default: DEFAULT_EXPLANATIONS_PATH,
        describe: 'Reviewed survivor explanations (YAML)',
      }) as unknown as Argv<MutateArgs>,
  handler: async (args) => {
    if (!isProfileName(args['gate-profile']))
      throw new UsageError(
        `--gate-profile must be one of ${PROFILE_NAMES.join(', ')}, got ${JSON.stringify(args['gate-profile'])}`,
      )
    const shipped = shippedStrategies(join(ROOT, 'strategies'))
    const strategies =
      args.strategies === undefined
        ? [...(PROFILE_STRATEGIES[args['gate-profile']] ?? shipped)]
        : listOptionOf(args.strategies, '--strategies', shipped, 'strategy')
    if (args.max !== undefined && !(Number.isInteger(args.max) && args.max >= 1))
      throw new UsageError(`--max must be a positive integer, got ${args.max}`)
    if (!Number.isInteger(args.seed)) throw new UsageError(`--seed must be an integer, got ${args.seed}`)
    if (!(GATE_MODES as readonly string[]).includes(args.gate))
      throw new UsageError(`--gate must be one of ${GATE_MODES.join(', ')}, got ${JSON.stringify(args.gate)}`)
    if (!(args['cell-timeout'] > 0))
      throw new UsageError(`--cell-timeout must be positive, got ${args['cell-timeout']}`)
    if (!existsSync(args.explanations) && args.explanations !== DEFAULT_EXPLANATIONS_PATH)
      throw new UsageError(`--explanations ${args.explanations} does not exist`)
    let explanations
    try {
      explanations = loadExplanations(args.explanations)
    } catch (error) {
      throw new UsageError((error as Error).message)
    }
    const abort = new AbortController()
    const stop = (): void => abort.abort()
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
    try {
      // Loaded here: the sweep brings the TypeScript compiler, which no other command needs.
      const { runMutationSweep } = await import('../../mutation/sweep.ts')
      const report = await runMutationSweep({
        root: ROOT,
        files: args.files,
        max: args.max ?? null,
        seed: args.seed,
        strategies,
        gate: {
          mode: args.gate as GateMode,
          profile: args['gate-profile'],
          seed: args.seed,
          cellTimeoutS: args['cell-timeout'],
        },
        explanations,
        signal: abort.signal,
      }).catch((error: unknown) => {
        if (error instanceof Error && /^mutate: (?!aborted)/.test(error.message)) throw new UsageError(error.message)
        throw error
      })
      const written = writeMutationReports(report, resolve(args['report-dir']))
      const c = report.counts
      const pct = (v: number | null): string => (v === null ? '—' : `${(v * 100).toFixed(1)} %`)
      process.stdout.write(
        `mutate: ${c.total} mutants — ${c.not_observable} not observable, ${c.killed} killed (${c.localized} localized), ` +
          `${c.survived} survived (${c.survived_explained} explained), ${c.crashed} crashed ` +
          `(${Object.entries(c.crashed_by_kind)
            .map(([k, n]) => `${n} ${k}`)
            .join(', ')}); ${report.not_compiling.length} not compiling, not drawn; ` +
          `score_killed ${pct(report.score_killed)}, score_localized ${pct(report.score_localized)}\n`,
      )
      for (const path of written) process.stdout.write(`  ${path}\n`)
    } finally {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
    }
  },
}
