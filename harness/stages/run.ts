/**
 * Running the pre-model stages of one symbol through a chosen path and dumping them as stage files (the library
 * side of `ktrdr-train stages`): `local_old` is the legacy port (legacy/local), `local_new` the refactored stages
 * (reference/pipeline), `ktrdr_py` KTRDR's own code through the oracle driver (harness/oracle). Each path is one
 * entry of {@link STAGE_RUNNERS}; all of them return the same probes, written by one writer.
 */
import { join } from 'node:path'
import { readOhlcvCsv } from '../../reference/data/csv.ts'
import { loadMarketData } from '../../reference/data/market-data.ts'
import type { MarketDataSource } from '../../reference/data/types.ts'
import { computeSymbolStages } from '../../reference/pipeline/symbol-stages.ts'
import type { SymbolStageProbes } from '../../reference/runtime/probes.ts'
import { loadStrategy } from '../../reference/strategy/load.ts'
import { ktrdrPyStagesForCli } from '../oracle/cli.ts'
import { writeStageFiles } from './files.ts'

/** Every path `stages` can run. */
export const STAGES_PATHS = ['local_old', 'local_new', 'ktrdr_py'] as const

/** A path `stages` can run. */
export type StagesPath = (typeof STAGES_PATHS)[number]

/** What the stages of one symbol need. */
export interface StagesRequest {
  readonly path: StagesPath
  readonly strategyPath: string
  readonly symbol: string
  /** CSV file per timeframe, in request order (the first is the old coordinator's base request). */
  readonly csvFiles: Readonly<Record<string, string>>
  /** Inclusive bounds, ISO-8601 UTC (a date-only end means 00:00); null = the old runner's defaults. */
  readonly startDate: string | null
  readonly endDate: string | null
  readonly warn: (message: string) => void
  /** The KTRDR checkout for `ktrdr_py` (null/absent → `KTRDR_SRC`). */
  readonly ktrdrSrc?: string | null
}

/** Runs one path's stages for a request. */
export type StageRunner = (request: StagesRequest) => Promise<SymbolStageProbes>

async function legacyStages(request: StagesRequest): Promise<SymbolStageProbes> {
  const { runLegacySymbolStages } = await import('../../legacy/local/symbol-stages.ts')
  return runLegacySymbolStages({
    strategyPath: request.strategyPath,
    symbol: request.symbol,
    csvFiles: request.csvFiles,
    startDate: request.startDate,
    endDate: request.endDate,
  })
}

async function referenceStages(request: StagesRequest): Promise<SymbolStageProbes> {
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

/** The runner of every path. */
export const STAGE_RUNNERS: Readonly<Record<StagesPath, StageRunner>> = {
  local_old: legacyStages,
  local_new: referenceStages,
  ktrdr_py: (request) => ktrdrPyStagesForCli(request, request.warn),
}

/**
 * `<dataDir>/<SYMBOL>_<tf>.csv` for every timeframe, in the given order.
 */
export function csvFilesInDataDir(
  dataDir: string,
  symbol: string,
  timeframes: readonly string[],
): Record<string, string> {
  return Object.fromEntries(timeframes.map((tf) => [tf, join(dataDir, `${symbol}_${tf}.csv`)]))
}

/**
 * Runs the stages of `request.path` for one symbol and returns its probes.
 */
export function runStages(request: StagesRequest): Promise<SymbolStageProbes> {
  return STAGE_RUNNERS[request.path](request)
}

/**
 * Runs `request.path`'s stages and writes the stage files into `outDir`.
 *
 * @returns the paths written
 */
export async function dumpStages(request: StagesRequest, outDir: string): Promise<string[]> {
  return writeStageFiles(await runStages(request), outDir)
}
