/**
 * Running the pre-model stages of one symbol through a chosen path and dumping them as stage files (the library
 * side of `ktrdr-train stages`): `local_old` is the legacy port (legacy/local), `local_new` the refactored stages
 * (reference/pipeline). Each path has one entry in {@link STAGE_DUMPERS}; a path that runs elsewhere (another
 * process, another language) adds its own dumper writing the same files.
 */
import { join } from 'node:path'
import { readOhlcvCsv } from '../../reference/data/csv.ts'
import { loadMarketData } from '../../reference/data/market-data.ts'
import type { MarketDataSource } from '../../reference/data/types.ts'
import { computeSymbolStages } from '../../reference/pipeline/symbol-stages.ts'
import type { SymbolStageProbes } from '../../reference/runtime/probes.ts'
import { loadStrategy } from '../../reference/strategy/load.ts'
import { type StageFileNaming, writeStageFiles } from './files.ts'

/** The paths whose stages run in this process. @public */
export const IN_PROCESS_STAGES_PATHS = ['local_old', 'local_new'] as const

/** @public */
export type InProcessStagesPath = (typeof IN_PROCESS_STAGES_PATHS)[number]

/** Every path `stages` can dump. @public */
export const STAGES_PATHS = [...IN_PROCESS_STAGES_PATHS] as const

/** @public */
export type StagesPath = (typeof STAGES_PATHS)[number]

/** What the stages of one symbol need. @public */
export interface StagesRequest<P extends StagesPath = StagesPath> {
  readonly path: P
  readonly strategyPath: string
  readonly symbol: string
  /** CSV file per timeframe, in request order (the first is the old coordinator's base request). */
  readonly csvFiles: Readonly<Record<string, string>>
  /** Inclusive bounds, ISO-8601 UTC (a date-only end means 00:00); null = the old runner's defaults. */
  readonly startDate: string | null
  readonly endDate: string | null
  readonly warn: (message: string) => void
}

/**
 * `<dataDir>/<SYMBOL>_<tf>.csv` for every timeframe, in the given order.
 *
 * @public
 */
export function csvFilesInDataDir(
  dataDir: string,
  symbol: string,
  timeframes: readonly string[],
): Record<string, string> {
  return Object.fromEntries(timeframes.map((tf) => [tf, join(dataDir, `${symbol}_${tf}.csv`)]))
}

/**
 * Runs the stages of an in-process path for one symbol and returns its probes.
 *
 * @public
 */
export async function runStages(request: StagesRequest<InProcessStagesPath>): Promise<SymbolStageProbes> {
  if (request.path === 'local_old') {
    const { runLegacySymbolStages } = await import('../../legacy/local/symbol-stages.ts')
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

/** Writes one path's stage files for `request` into `outDir` and resolves to their paths. @public */
export type StageDumper = (request: StagesRequest, outDir: string, naming: StageFileNaming) => Promise<string[]>

function isInProcessPath(path: StagesPath): path is InProcessStagesPath {
  return (IN_PROCESS_STAGES_PATHS as readonly string[]).includes(path)
}

async function dumpInProcess(request: StagesRequest, outDir: string, naming: StageFileNaming): Promise<string[]> {
  const { path } = request
  if (!isInProcessPath(path)) throw new Error(`stages: path ${String(path)} does not run in this process`)
  return writeStageFiles(await runStages({ ...request, path }), outDir, naming)
}

/** The dumper of every path. @public */
export const STAGE_DUMPERS: Readonly<Record<StagesPath, StageDumper>> = {
  local_old: dumpInProcess,
  local_new: dumpInProcess,
}

/**
 * Runs `request.path`'s stages and writes the stage files into `outDir`.
 *
 * @returns the paths written
 * @public
 */
export function dumpStages(request: StagesRequest, outDir: string, naming: StageFileNaming): Promise<string[]> {
  return STAGE_DUMPERS[request.path](request, outDir, naming)
}
