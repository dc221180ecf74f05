/**
 * `ktrdr-train data synth`: writes the seeded synthetic market as `<SYMBOL>_<TF>.csv` files (docs/architecture.md §3.6).
 * Defaults are the embedded dataset's, so `data synth --out DIR` reproduces exactly what `make equivalence` uses.
 */
import type { CommandModule } from 'yargs'
import { validateSymbol } from '../../../reference/data/csv-source.ts'
import { DataError } from '../../../reference/data/errors.ts'
import { EMBEDDED_DATASET, writeSyntheticDataset } from '../../../reference/data/synthetic.ts'
import { parseUtcTimestamp } from '../../../reference/data/timestamps.ts'
import { UsageError } from '../../errors.ts'
import { listOption } from '../list-option.ts'

interface DataArgs {
  action: 'synth'
  out: string
  symbols: string
  bars: number
  seed: number
  start: string
  timeframes: string
  clean: boolean
}

/** `ktrdr-train data synth …` (the only action so far). */
export const dataCommand: CommandModule<object, DataArgs> = {
  command: 'data <action>',
  describe: 'Market-data tools. synth: write the seeded synthetic OHLCV dataset as <SYMBOL>_<TF>.csv files',
  builder: (y) =>
    y
      .positional('action', { choices: ['synth'] as const, demandOption: true, describe: 'what to do' })
      .option('out', { type: 'string', demandOption: true, describe: 'output directory (created if missing)' })
      .option('symbols', {
        type: 'string',
        default: EMBEDDED_DATASET.symbols.join(','),
        describe: 'comma-separated symbols',
      })
      .option('bars', { type: 'number', default: EMBEDDED_DATASET.bars, describe: 'number of 1h bars per symbol' })
      .option('seed', { type: 'number', default: EMBEDDED_DATASET.seed, describe: 'generator seed' })
      .option('start', { type: 'string', default: EMBEDDED_DATASET.start, describe: 'first bar time, ISO-8601 UTC' })
      .option('timeframes', {
        type: 'string',
        default: EMBEDDED_DATASET.timeframes.join(','),
        describe: 'comma-separated timeframes: 1h and whole multiples (4h, 1d, 1w)',
      })
      .option('clean', {
        type: 'boolean',
        default: false,
        describe: 'leave out the embedded anomalies (missing closes, flat stretches, gaps, spikes)',
      }),
  handler: (args) => {
    if (typeof args.out !== 'string' || args.out === '') throw new UsageError('--out DIR is required')
    const symbols = listOption(args.symbols, '--symbols')
    const timeframes = listOption(args.timeframes, '--timeframes')
    if (!Number.isInteger(args.bars) || args.bars <= 0)
      throw new UsageError(`--bars must be a positive integer, got ${args.bars}`)
    if (!Number.isInteger(args.seed)) throw new UsageError(`--seed must be an integer, got ${args.seed}`)
    if (Number.isNaN(parseUtcTimestamp(args.start)))
      throw new UsageError(`--start: cannot parse ${JSON.stringify(args.start)}`)
    let written: string[]
    try {
      symbols.forEach(validateSymbol)
      const { anomalies, anomalyWindow, derivedMissingCloses } = EMBEDDED_DATASET
      written = writeSyntheticDataset(args.out, {
        symbols,
        bars: args.bars,
        seed: args.seed,
        start: args.start,
        timeframes,
        ...(args.clean ? {} : { anomalies, anomalyWindow, derivedMissingCloses }),
      })
    } catch (error) {
      if (error instanceof DataError) throw new UsageError(error.message)
      if (error instanceof RangeError) throw new UsageError(`${error.message} (give more --bars, or --clean)`)
      throw error
    }
    process.stdout.write(written.map((path) => `${path}\n`).join(''))
  },
}
