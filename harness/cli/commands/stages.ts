/**
 * `ktrdr-train stages`: argument parsing for dumping one symbol's pre-model stages (the work is
 * harness/stages/). The CSV of each timeframe is given either as `--csv FILE --timeframe TF` (repeatable) or as
 * `--data-dir DIR --timeframes 1h,4h,1d` (reads `DIR/<SYMBOL>_<tf>.csv`). With several timeframes the per-timeframe
 * files are `indicators_<tf>.csv`, `indicators_mapped_<tf>.csv`, `fuzzy_<tf>.csv`; with one, `indicators.csv`, ….
 * Prints the paths written, one per line.
 */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import type { CommandModule } from 'yargs'
import { KTRDR_SRC_OPTION } from '../../oracle/cli.ts'
import { csvFilesInDataDir, dumpStages, STAGES_PATHS, type StagesPath } from '../../stages/run.ts'
import { UsageError } from '../../errors.ts'

interface StagesArgs {
  path: StagesPath
  strategy: string
  csv?: string[]
  timeframe?: string[]
  'data-dir'?: string
  timeframes?: string
  symbol: string
  out: string
  start?: string
  end?: string
  'ktrdr-src'?: string
}

/** The CSV file of each timeframe, in request order, from whichever form the arguments use. */
function csvFilesOf(args: StagesArgs): Record<string, string> {
  const csvForm = args.csv !== undefined || args.timeframe !== undefined
  const dirForm = args['data-dir'] !== undefined || args.timeframes !== undefined
  if (csvForm === dirForm)
    throw new UsageError('give either --csv FILE --timeframe TF or --data-dir DIR --timeframes LIST')
  const timeframes = dirForm ? (args.timeframes ?? '').split(',').map((tf) => tf.trim()) : (args.timeframe ?? [])
  const seen = new Set<string>()
  for (const tf of timeframes) {
    if (tf === '') throw new UsageError('--timeframes names an empty timeframe')
    if (seen.has(tf)) throw new UsageError(`timeframe ${tf} is given twice`)
    seen.add(tf)
  }
  if (dirForm) {
    if (args['data-dir'] === undefined || args.timeframes === undefined) {
      throw new UsageError('--data-dir and --timeframes go together')
    }
    return csvFilesInDataDir(resolve(args['data-dir']), args.symbol, timeframes)
  }
  const csv = args.csv ?? []
  if (csv.length !== timeframes.length) {
    throw new UsageError(`give one --csv per --timeframe (got ${csv.length} and ${timeframes.length})`)
  }
  return Object.fromEntries(timeframes.map((tf, i) => [tf, resolve(csv[i]!)]))
}

/**
 * `ktrdr-train stages --path local_old|local_new|ktrdr_py --strategy FILE (--csv FILE --timeframe TF … | --data-dir
 * DIR --timeframes LIST) --symbol SYM --out DIR [--ktrdr-src DIR]`.
 */
export const stagesCommand: CommandModule<object, StagesArgs> = {
  command: 'stages',
  describe: 'Write the pre-model stage outputs (indicators, mapped, fuzzy, features, labels) of one symbol as CSV',
  builder: (y) =>
    y
      .option('path', { choices: STAGES_PATHS, demandOption: true, describe: 'which implementation runs the stages' })
      .option('strategy', { type: 'string', demandOption: true, describe: 'strategy YAML file' })
      .option('csv', { type: 'string', array: true, describe: 'OHLCV CSV file, one per --timeframe' })
      .option('timeframe', {
        type: 'string',
        array: true,
        describe: 'timeframe of each --csv, in the same order (several = multi-timeframe, first = base request)',
      })
      .option('data-dir', { type: 'string', describe: 'folder of <SYMBOL>_<TF>.csv files (with --timeframes)' })
      .option('timeframes', {
        type: 'string',
        describe: 'comma-separated timeframes read from --data-dir, first = base request (e.g. 1h,4h,1d)',
      })
      .option('symbol', { type: 'string', demandOption: true, describe: 'symbol the CSV holds' })
      .option('out', { type: 'string', demandOption: true, describe: 'output directory (created if missing)' })
      .option('start', { type: 'string', describe: 'first bar to keep, ISO-8601 UTC (inclusive)' })
      .option('end', { type: 'string', describe: 'last bar to keep, ISO-8601 UTC (inclusive; a date means 00:00)' })
      .option('ktrdr-src', KTRDR_SRC_OPTION),
  handler: async (args) => {
    const csvFiles = csvFilesOf(args)
    for (const file of [args.strategy, ...Object.values(csvFiles)]) {
      if (!existsSync(file)) throw new UsageError(`no such file: ${file}`)
    }
    const written = await dumpStages(
      {
        path: args.path,
        strategyPath: resolve(args.strategy),
        symbol: args.symbol,
        csvFiles,
        startDate: args.start ?? null,
        endDate: args.end ?? null,
        warn: (message) => process.stderr.write(`warning: ${message}\n`),
        ktrdrSrc: args['ktrdr-src'] ?? null,
      },
      args.out,
    )
    for (const path of written) process.stdout.write(`${path}\n`)
  },
}
