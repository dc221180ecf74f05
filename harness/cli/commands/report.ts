/**
 * `ktrdr-train report merge <shard.json…> --out DIR`: combines the JSON reports of sharded `equivalence` runs
 * and writes the merged equivalence.{json,html,md}. Exit code: the merged gate's (0 / 1); 2 for unreadable or
 * incompatible shard files.
 */
import { resolve } from 'node:path'
import type { Argv, CommandModule } from 'yargs'
import { htmlReporter } from '../../report/html.ts'
import { jsonReporter } from '../../report/json.ts'
import { markdownReporter } from '../../report/markdown.ts'
import { mergeReports, readShard } from '../../report/merge.ts'
import { writeReports } from '../../report/reporter.ts'

interface MergeArgs {
  shards: string[]
  out: string
}

const mergeCommand: CommandModule<object, MergeArgs> = {
  command: 'merge <shards..>',
  describe: 'Merge shard reports (equivalence --shard i/n) into one report',
  builder: (y: Argv) =>
    y.positional('shards', { type: 'string', array: true, describe: 'Shard equivalence.json files' }).option('out', {
      type: 'string',
      default: 'reports',
      describe: 'Folder for the merged reports',
    }) as unknown as Argv<MergeArgs>,
  handler: (args) => {
    const merged = mergeReports(args.shards.map(readShard), args.shards)
    const written = writeReports(merged, resolve(args.out), [jsonReporter, htmlReporter, markdownReporter])
    process.stdout.write(
      `report merge: ${merged.verdict.toUpperCase()} (exit ${merged.exit_code}) over ${merged.cells.length} cells\n`,
    )
    for (const path of written) process.stdout.write(`  ${path}\n`)
    process.exitCode = merged.exit_code
  },
}

export const reportCommand: CommandModule = {
  command: 'report <command>',
  describe: 'Work with equivalence reports (merge shards)',
  builder: (y: Argv) => y.command(mergeCommand).demandCommand(1),
  handler: () => undefined,
}
