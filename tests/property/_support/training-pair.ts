/**
 * Runs one short training through both local paths on the same generated data, strategy and seed:
 * `runLegacyLocalTraining` (legacy/local, files in) and `runTrainingPipeline` (reference/pipeline), both on the
 * `cpu-fused` runtime with a frozen clock. Each side's outcome is what the comparison needs, or the error text.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runLegacyLocalTraining } from '../../../legacy/local/run-training.ts'
import { formatOhlcvCsv } from '../../../reference/data/csv.ts'
import { CsvDataSource } from '../../../reference/data/csv-source.ts'
import type { OhlcvFrame } from '../../../reference/data/types.ts'
import { runTrainingPipeline } from '../../../reference/pipeline/run.ts'
import { fusedRuntime } from '../../../reference/runtime/fused-runtime.ts'
import type { EpochRecord, TestMetrics } from '../../../reference/runtime/probes.ts'
import type { StrategyConfig } from '../../../reference/strategy/types.ts'

/** What the differential training property compares. */
export interface TrainingSummary {
  readonly weightsSha256: string
  readonly history: readonly EpochRecord[]
  readonly metrics: TestMetrics
  readonly split: { readonly train: number; readonly validation: number; readonly test: number }
  readonly featureImportance: Readonly<Record<string, number>>
}

export type TrainingOutcome =
  | { readonly ok: true; readonly summary: TrainingSummary }
  | { readonly ok: false; readonly error: string }

const FIXED_NOW = new Date('2026-01-01T00:00:00Z')
const clock = (): Date => FIXED_NOW
const START = '2020-01-01'
const END = '2030-01-01'

async function attempt(run: () => Promise<TrainingSummary>): Promise<TrainingOutcome> {
  try {
    return { ok: true, summary: await run() }
  } catch (error) {
    return { ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }
  }
}

/**
 * Trains `yaml` / `config` on `market` (symbol → timeframe → frame) with `seed` and `epochs` through both paths.
 */
export async function runTrainingPair(
  market: Readonly<Record<string, Readonly<Record<string, OhlcvFrame>>>>,
  yaml: string,
  config: StrategyConfig,
  seed: number,
  epochs: number,
): Promise<{ legacy: TrainingOutcome; reference: TrainingOutcome }> {
  const dir = mkdtempSync(join(tmpdir(), 'ktrdr-prop-train-'))
  try {
    const dataDir = join(dir, 'data')
    const symbols = Object.keys(market)
    const timeframes = Object.keys(market[symbols[0]!]!)
    writeFileSync(join(dir, 'strategy.yaml'), yaml)
    for (const [symbol, frames] of Object.entries(market)) {
      for (const [tf, frame] of Object.entries(frames)) {
        mkdirp(dataDir)
        writeFileSync(join(dataDir, `${symbol}_${tf}.csv`), formatOhlcvCsv(frame))
      }
    }
    const common = { symbols, timeframes, startDate: START, endDate: END, seed, epochs, runtime: fusedRuntime, clock }
    const legacy = await attempt(async () => {
      const run = await runLegacyLocalTraining({
        ...common,
        strategyPath: join(dir, 'strategy.yaml'),
        dataDir,
        modelsDir: join(dir, 'models-old'),
        log: () => {},
      })
      return {
        weightsSha256: run.weightsSha256,
        history: run.probes.history,
        metrics: run.probes.metrics,
        split: run.probes.split,
        featureImportance: run.probes.featureImportance,
      }
    })
    const reference = await attempt(async () => {
      const run = await runTrainingPipeline({
        ...common,
        strategy: config,
        dataSource: new CsvDataSource(dataDir),
        storage: null,
      })
      return {
        weightsSha256: run.weights_sha256,
        history: run.probes.history,
        metrics: run.probes.metrics,
        split: run.probes.split,
        featureImportance: run.probes.featureImportance,
      }
    })
    return { legacy, reference }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

function mkdirp(path: string): void {
  mkdirSync(path, { recursive: true })
}
