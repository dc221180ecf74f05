/**
 * The pre-model stages of one symbol through `ktrdr_py` (KTRDR's own StrategyTrainer steps 1–5), returned as
 * {@link SymbolStageProbes} like the TypeScript paths return them: the driver writes its stage files (with the
 * loaded OHLCV) into a scratch folder, and {@link readStageDirectory} reads them back exactly.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { SymbolStageProbes } from '../../reference/runtime/probes.ts'
import {
  NO_CHECKOUT,
  OracleError,
  resolveKtrdrSrc,
  runDriver,
  type OracleEnvelope,
  type OracleSession,
} from './driver.ts'
import { readStageDirectory } from './stage-files.ts'

/** One symbol's stages as `ktrdr_py` runs them. */
export interface OracleStagesRequest {
  readonly strategyPath: string
  readonly symbol: string
  /** timeframe → CSV file, in request order (the first is the base). */
  readonly csvFiles: Readonly<Record<string, string>>
  readonly startDate: string | null
  readonly endDate: string | null
  /** The checkout (`--ktrdr-src`); null/absent → `KTRDR_SRC`. */
  readonly ktrdrSrc?: string | null
  /** A running driver to reuse (batches many requests in one interpreter); absent → one driver process. */
  readonly session?: OracleSession
}

/** The stages and what the driver changed to run them. */
export interface OracleStagesResult {
  readonly probes: SymbolStageProbes
  readonly answer: OracleEnvelope
}

/** The driver's `stages` request for {@link OracleStagesRequest} writing into `out`. */
function stagesRequest(request: OracleStagesRequest, out: string): Record<string, unknown> {
  return {
    command: 'stages',
    strategy: request.strategyPath,
    symbol: request.symbol,
    csv: Object.values(request.csvFiles),
    timeframe: Object.keys(request.csvFiles),
    out,
    with_data: true,
    ...(request.startDate ? { start: request.startDate } : {}),
    ...(request.endDate ? { end: request.endDate } : {}),
  }
}

/** The same request as command-line flags (for a one-off driver process). */
function stagesFlags(request: Record<string, unknown>): string[] {
  const flags = ['stages', '--strategy', String(request.strategy), '--symbol', String(request.symbol)]
  flags.push('--out', String(request.out), '--with-data')
  const csv = request.csv as string[]
  const tfs = request.timeframe as string[]
  csv.forEach((file, i) => flags.push('--csv', file, '--timeframe', tfs[i]!))
  if (request.start) flags.push('--start', String(request.start))
  if (request.end) flags.push('--end', String(request.end))
  return flags
}

/**
 * Runs the stages of `request` through KTRDR's own code.
 *
 * @throws OracleError kind `setup` ({@link NO_CHECKOUT} or missing packages), or the KTRDR failure
 */
export async function runOracleStages(request: OracleStagesRequest): Promise<OracleStagesResult> {
  const scratch = mkdtempSync(join(tmpdir(), 'ktrdr-py-stages-'))
  try {
    const body = stagesRequest(request, scratch)
    let answer: OracleEnvelope
    if (request.session) answer = await request.session.request(body)
    else {
      const src = resolveKtrdrSrc(request.ktrdrSrc)
      if (src === null) throw new OracleError(NO_CHECKOUT, 'setup')
      answer = await runDriver(src, stagesFlags(body))
    }
    return { probes: readStageDirectory(scratch, request.symbol, Object.keys(request.csvFiles)), answer }
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}
