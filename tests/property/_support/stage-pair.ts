/**
 * Runs the pre-model stages of one generated symbol through both local paths: `local_old` (the legacy port,
 * which works on files: the frames are written with `formatOhlcvCsv` and the strategy YAML into a temp folder)
 * and `local_new` (`computeSymbolStages` on the typed strategy, frames read back through `loadMarketData`).
 * Each side's outcome is its probes or the message of the error it threw; `assertStagePairAgrees` turns the pair
 * into the differential check (bitwise-identical stages, or both refusing).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { stageProbeDifferences } from '../../../harness/arbitraries/bitwise-diff.ts'
import { runLegacySymbolStages } from '../../../legacy/local/symbol-stages.ts'
import { formatOhlcvCsv, readOhlcvCsv } from '../../../reference/data/csv.ts'
import { loadMarketData } from '../../../reference/data/market-data.ts'
import type { OhlcvFrame } from '../../../reference/data/types.ts'
import { computeSymbolStages } from '../../../reference/pipeline/symbol-stages.ts'
import type { SymbolStageProbes } from '../../../reference/runtime/probes.ts'
import type { StrategyConfig } from '../../../reference/strategy/types.ts'

/** One path's result. */
export type StageOutcome =
  | { readonly ok: true; readonly probes: SymbolStageProbes }
  | { readonly ok: false; readonly error: string }

/** Date range wide enough for every generated series (2024). */
const START = '2020-01-01'
const END = '2030-01-01'

function attempt(run: () => SymbolStageProbes): StageOutcome {
  try {
    return { ok: true, probes: run() }
  } catch (error) {
    return { ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }
  }
}

/**
 * Both paths on the same frames (keyed by timeframe, base first) and the same strategy (YAML text + its parsed
 * config).
 */
function runStagePair(
  frames: Readonly<Record<string, OhlcvFrame>>,
  yaml: string,
  config: StrategyConfig,
): { legacy: StageOutcome; reference: StageOutcome } {
  const dir = mkdtempSync(join(tmpdir(), 'ktrdr-prop-stages-'))
  try {
    const symbol = Object.values(frames)[0]!.symbol
    const csvFiles: Record<string, string> = {}
    for (const [tf, frame] of Object.entries(frames)) {
      csvFiles[tf] = join(dir, `${symbol}_${tf}.csv`)
      writeFileSync(csvFiles[tf], formatOhlcvCsv(frame))
    }
    const strategyPath = join(dir, 'strategy.yaml')
    writeFileSync(strategyPath, yaml)
    const legacy = attempt(() =>
      runLegacySymbolStages({ strategyPath, symbol, csvFiles, startDate: START, endDate: END }),
    )
    const reference = attempt(() => {
      const source = { description: dir, load: (s: string, tf: string) => readOhlcvCsv(csvFiles[tf]!, s, tf) }
      const loaded = loadMarketData(source, symbol, Object.keys(frames), START, END)
      return computeSymbolStages({ strategy: config, symbol, frames: loaded })
    })
    return { legacy, reference }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Throws with every stage difference of the pair (the first 8), or when only one side failed. */
export function assertStagePairAgrees(
  frames: Readonly<Record<string, OhlcvFrame>>,
  yaml: string,
  config: StrategyConfig,
): void {
  const { legacy, reference } = runStagePair(frames, yaml, config)
  if (legacy.ok && reference.ok) {
    const differences = stageProbeDifferences(legacy.probes, reference.probes)
    if (differences.length > 0) throw new Error(`stages differ:\n${differences.slice(0, 8).join('\n')}`)
  } else if (legacy.ok !== reference.ok) {
    throw new Error(
      legacy.ok
        ? `only local_new failed: ${reference.ok || reference.error}`
        : `only local_old failed: ${legacy.error}`,
    )
  }
}
