/**
 * The `ktrdr-train` command line: parses arguments with yargs and dispatches to one command module per
 * subcommand. Commands only parse and call the same library functions a programmatic user would.
 * Exit codes: 0 success / gate passed, 1 gate failed or command failed, 2 usage or environment error (decided by
 * the error's class, harness/cli/exit-code.ts).
 */
import yargs, { type CommandModule } from 'yargs'
import { benchCommand } from './commands/bench.ts'
import { dataCommand } from './commands/data.ts'
import { equivalenceCommand } from './commands/equivalence.ts'
import { hostCommand } from './commands/host.ts'
import { mutateCommand } from './commands/mutate.ts'
import { reportCommand } from './commands/report.ts'
import { stagesCommand } from './commands/stages.ts'
import { trainCommand } from './commands/train.ts'
import { UsageError } from '../errors.ts'
import { exitCodeOf } from './exit-code.ts'

/** Every command, in the order `--help` lists them. */
export const COMMANDS: readonly CommandModule<object, never>[] = [
  dataCommand,
  stagesCommand,
  trainCommand,
  hostCommand,
  benchCommand,
  equivalenceCommand,
  reportCommand,
  mutateCommand,
] as readonly CommandModule<object, never>[]

/** Runs the CLI on `argv` (without node and script) and resolves to the process exit code. @public */
export async function main(argv: string[]): Promise<number> {
  const parser = COMMANDS.reduce((y, command) => y.command(command), yargs(argv).scriptName('ktrdr-train'))
    .demandCommand(1, 'Name a command (see --help).')
    .strict()
    .help()
    .version(false)
    .wrap(Math.min(120, process.stdout.columns ?? 120))
    .fail((message, error) => {
      throw error ?? new UsageError(message)
    })
  try {
    await parser.parseAsync()
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error)
    const hint = error instanceof UsageError ? `\nRun 'ktrdr-train --help' for usage.` : ''
    process.stderr.write(`ktrdr-train: ${text}${hint}\n`)
    return exitCodeOf(error)
  }
  return typeof process.exitCode === 'number' ? process.exitCode : 0
}
