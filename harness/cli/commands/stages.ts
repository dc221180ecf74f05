/**
 * `ktrdr-train stages`: runs the pre-model stages of one symbol through the old local path (`local_old`, the
 * legacy port) or the refactored one (`local_new`, reference/pipeline) and writes every stage as plain CSV/JSON
 * through one writer, so the two can be diffed with ordinary tools (docs/legacy-behaviour.md §3–§5.1).
 *
 * Files (single timeframe; with several, the per-timeframe stages get a `_<tf>` suffix, e.g. `fuzzy_4h.csv`):
 * `indicators.csv` (every engine column, warm-up NaN empty), `indicators_mapped.csv` (one column per strategy
 * indicator name), `fuzzy.csv`, `features.csv` + `feature_names.json` (float32 values, model order) and
 * `labels.csv` (`label`, and `zigzag_extreme` = the close at pivot bars). Timestamps are ISO-8601 UTC; numbers are
 * printed as the shortest text that reads back to the same double.
 */
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { CommandModule } from 'yargs'
import { writeFileAtomic } from '../../../reference/data/atomic-write.ts'
import { readOhlcvCsv } from '../../../reference/data/csv.ts'
import { loadMarketData } from '../../../reference/data/market-data.ts'
import { formatUtcTimestamp } from '../../../reference/data/timestamps.ts'
import type { MarketDataSource } from '../../../reference/data/types.ts'
import { baseTimeframe } from '../../../reference/features/timeframe-order.ts'
import { computeSymbolStages } from '../../../reference/pipeline/symbol-stages.ts'
import type { ColumnSet, SymbolStageProbes } from '../../../reference/runtime/probes.ts'
import { loadStrategy } from '../../../reference/strategy/load.ts'
import { KTRDR_SRC_OPTION, ktrdrPyStagesForCli } from '../../oracle/cli.ts'
import { UsageError } from '../usage-error.ts'

const PATHS = ['local_old', 'local_new', 'ktrdr_py'] as const

/** What `stages` needs to run one symbol. */
export interface StagesRequest {
  readonly path: (typeof PATHS)[number]
  readonly strategyPath: string
  readonly symbol: string
  /** CSV file per timeframe, in request order (the first is the old coordinator's base). */
  readonly csvFiles: Readonly<Record<string, string>>
  readonly startDate: string | null
  readonly endDate: string | null
  readonly warn: (message: string) => void
  /** The KTRDR checkout for `ktrdr_py` (null/absent → `KTRDR_SRC`). */
  readonly ktrdrSrc?: string | null
}

/**
 * Runs the stages of `request.path` for one symbol.
 */
export async function runStages(request: StagesRequest): Promise<SymbolStageProbes> {
  if (request.path === 'ktrdr_py') return ktrdrPyStagesForCli(request, request.warn)
  if (request.path === 'local_old') {
    const { runLegacySymbolStages } = await import('../../../legacy/local/symbol-stages.ts')
    return runLegacySymbolStages({
      strategyPath: request.strategyPath,
      symbol: request.symbol,
      csvFiles: request.csvFiles,
      startDate: request.startDate,
      endDate: request.endDate,
    })
  }
  const source: MarketDataSource = {
    description: `csv:${Object.values(request.csvFiles).join(',')}`,
    load: (symbol, timeframe) => readOhlcvCsv(request.csvFiles[timeframe]!, symbol, timeframe),
  }
  const timeframes = Object.keys(request.csvFiles)
  const frames = loadMarketData(source, request.symbol, timeframes, request.startDate, request.endDate, request.warn)
  return computeSymbolStages({
    strategy: loadStrategy(request.strategyPath),
    symbol: request.symbol,
    frames,
    warn: request.warn,
  })
}

/**
 * Writes the stage files of `probes` into `dir` (each atomically) and returns their paths.
 */
export function writeStageFiles(probes: SymbolStageProbes, dir: string): string[] {
  const timeframes = Object.keys(probes.data)
  const suffix = (tf: string): string => (timeframes.length > 1 ? `_${tf}` : '')
  const files: Record<string, string> = {}
  for (const tf of timeframes) {
    const prices = new Set(probes.data[tf]!.names)
    if (probes.indicators[tf]) files[`indicators${suffix(tf)}.csv`] = columnSetCsv(probes.indicators[tf])
    const mapped = probes.mapped[tf]
    if (mapped) files[`indicators_mapped${suffix(tf)}.csv`] = columnSetCsv(without(mapped, prices))
    if (probes.fuzzy[tf]) files[`fuzzy${suffix(tf)}.csv`] = columnSetCsv(probes.fuzzy[tf])
  }
  files['features.csv'] = featuresCsv(probes.features)
  files['feature_names.json'] = `${JSON.stringify(probes.features.names, null, 2)}\n`
  files['labels.csv'] = labelsCsv(probes, baseTimeframe(timeframes))
  return Object.entries(files).map(([name, content]) => {
    const path = join(dir, name)
    writeFileAtomic(path, content)
    return path
  })
}

function without(set: ColumnSet, names: ReadonlySet<string>): ColumnSet {
  const keep = set.names.flatMap((name, i) => (names.has(name) ? [] : [i]))
  return {
    timestamps: set.timestamps,
    names: keep.map((i) => set.names[i]!),
    columns: keep.map((i) => set.columns[i]!),
  }
}

function formatNumber(value: number): string {
  return Number.isNaN(value) ? '' : String(value)
}

function csvText(header: readonly string[], rows: number, cell: (row: number, col: number) => string): string {
  const lines = [header.join(',')]
  for (let r = 0; r < rows; r++) {
    const cells: string[] = []
    for (let c = 0; c < header.length; c++) cells.push(cell(r, c))
    lines.push(cells.join(','))
  }
  return `${lines.join('\n')}\n`
}

function columnSetCsv(set: ColumnSet): string {
  return csvText(['timestamp', ...set.names], set.timestamps.length, (r, c) =>
    c === 0 ? formatUtcTimestamp(set.timestamps[r]!) : formatNumber(set.columns[c - 1]![r]!),
  )
}

function featuresCsv(features: SymbolStageProbes['features']): string {
  const cols = features.names.length
  return csvText(['timestamp', ...features.names], features.timestamps.length, (r, c) =>
    c === 0 ? formatUtcTimestamp(features.timestamps[r]!) : formatNumber(features.values[r * cols + c - 1]!),
  )
}

function labelsCsv(probes: SymbolStageProbes, base: string): string {
  if (!probes.pivots) throw new Error(`stages: the ${probes.symbol} probes carry no zigzag pivots`)
  const close = probes.data[base]!.columns[probes.data[base]!.names.indexOf('close')]!
  const pivots = new Set(probes.pivots)
  const timestamps = probes.features.timestamps
  return csvText(['timestamp', 'label', 'zigzag_extreme'], probes.labels.length, (r, c) => {
    if (c === 0) return formatUtcTimestamp(timestamps[r]!)
    if (c === 1) return String(probes.labels[r]!)
    return pivots.has(r) ? formatNumber(close[r]!) : ''
  })
}

interface StagesArgs {
  path: (typeof PATHS)[number]
  strategy: string
  csv: string[]
  symbol: string
  timeframe: string[]
  out: string
  start?: string
  end?: string
  'ktrdr-src'?: string
}

/** `ktrdr-train stages --path local_old|local_new|ktrdr_py --strategy FILE --csv FILE --symbol SYM --timeframe TF --out DIR`. */
export const stagesCommand: CommandModule<object, StagesArgs> = {
  command: 'stages',
  describe: 'Write the pre-model stage outputs (indicators, mapped, fuzzy, features, labels) of one symbol as CSV',
  builder: (y) =>
    y
      .option('path', { choices: PATHS, demandOption: true, describe: 'which implementation runs the stages' })
      .option('strategy', { type: 'string', demandOption: true, describe: 'strategy YAML file' })
      .option('csv', {
        type: 'string',
        array: true,
        demandOption: true,
        describe: 'OHLCV CSV file, one per --timeframe',
      })
      .option('symbol', { type: 'string', demandOption: true, describe: 'symbol the CSV holds' })
      .option('timeframe', {
        type: 'string',
        array: true,
        demandOption: true,
        describe: 'timeframe of each --csv, in the same order (several = multi-timeframe, first = base request)',
      })
      .option('out', { type: 'string', demandOption: true, describe: 'output directory (created if missing)' })
      .option('start', { type: 'string', describe: 'first bar to keep, ISO-8601 UTC (inclusive)' })
      .option('end', { type: 'string', describe: 'last bar to keep, ISO-8601 UTC (inclusive; a date means 00:00)' })
      .option('ktrdr-src', KTRDR_SRC_OPTION),
  handler: async (args) => {
    if (args.csv.length !== args.timeframe.length) {
      throw new UsageError(`give one --csv per --timeframe (got ${args.csv.length} and ${args.timeframe.length})`)
    }
    const csvFiles: Record<string, string> = {}
    args.timeframe.forEach((tf, i) => {
      if (tf in csvFiles) throw new UsageError(`--timeframe ${tf} is given twice`)
      csvFiles[tf] = resolve(args.csv[i]!)
    })
    for (const file of [args.strategy, ...args.csv]) {
      if (!existsSync(file)) throw new UsageError(`no such file: ${file}`)
    }
    const probes = await runStages({
      path: args.path,
      strategyPath: resolve(args.strategy),
      symbol: args.symbol,
      csvFiles,
      startDate: args.start ?? null,
      endDate: args.end ?? null,
      warn: (message) => process.stderr.write(`warning: ${message}\n`),
      ktrdrSrc: args['ktrdr-src'] ?? null,
    })
    for (const path of writeStageFiles(probes, args.out)) process.stdout.write(`${path}\n`)
  },
}
