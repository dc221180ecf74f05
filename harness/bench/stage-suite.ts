/**
 * The old-versus-new task list of the performance gate: each pipeline stage of the legacy local path against its
 * reference counterpart on the same inputs (one synthetic symbol, the shipped universal_zero_shot_model strategy),
 * plus the whole local path for a short training (which covers the epoch loop, evaluation, importance and the
 * model save).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readLegacyCsv } from '../../legacy/local/data/csv-reader.ts'
import { runLegacyLocalTraining } from '../../legacy/local/run-training.ts'
import { readLegacyStrategy } from '../../legacy/local/strategy-file.ts'
import {
  legacyFeatureStage,
  legacyFuzzyStage,
  legacyIndicatorStage,
  legacyLabelStage,
  loadLegacySymbolData,
  runLegacySymbolStages,
} from '../../legacy/local/symbol-stages.ts'
import { CsvDataSource } from '../../reference/data/csv-source.ts'
import { readOhlcvCsv } from '../../reference/data/csv.ts'
import { writeSyntheticDataset } from '../../reference/data/synthetic.ts'
import { createFeatures } from '../../reference/features/engine.ts'
import { generateFuzzyMemberships } from '../../reference/fuzzy/engine.ts'
import { calculateIndicators, mapIndicators } from '../../reference/indicators/engine.ts'
import { createLabels } from '../../reference/labels/zigzag.ts'
import { runTrainingPipeline } from '../../reference/pipeline/run.ts'
import { computeSymbolStages } from '../../reference/pipeline/symbol-stages.ts'
import { fusedRuntime } from '../../reference/runtime/fused-runtime.ts'
import { ModelStorage } from '../../reference/storage/model-storage.ts'
import { loadStrategy } from '../../reference/strategy/load.ts'
import type { PairedTask } from './paired.ts'

/** Inputs shared by every task, plus a cleanup for the temporary files. */
export interface StageSuite {
  readonly tasks: readonly PairedTask[]
  readonly dispose: () => void
}

/**
 * @param bars - 1h bars of the synthetic symbol. @default 5000 (quick: 2000)
 * @param strategyPath - @default strategies/universal_zero_shot_model.yaml (RSI, MACD, SMA; lookback 5)
 */
export function buildStageSuite(options: { bars?: number; quick?: boolean; strategyPath?: string } = {}): StageSuite {
  const bars = options.bars ?? (options.quick ? 2000 : 5000)
  const strategyPath = options.strategyPath ?? 'strategies/universal_zero_shot_model.yaml'
  // tmpfs where there is one: the new store's fsyncs would otherwise time the disk, not the code
  const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'ktrdr-bench-'))
  const modelsOld = join(dir, 'models-old')
  const modelsNew = join(dir, 'models-new')
  writeSyntheticDataset(dir, { symbols: ['EURUSD'], bars, seed: 5, timeframes: ['1h'] })
  const csv = join(dir, 'EURUSD_1h.csv')
  const csvFiles = { '1h': csv }

  const legacyStrategy = readLegacyStrategy(strategyPath)
  const strategy = loadStrategy(strategyPath)
  const legacyData = loadLegacySymbolData(csvFiles, '2000-01-01', '2100-01-01')
  const frames = { '1h': readOhlcvCsv(csv, 'EURUSD', '1h') }
  const legacyIndicators = legacyIndicatorStage(legacyStrategy, legacyData)
  const indicators = calculateIndicators(frames, strategy)
  const mapped = mapIndicators(frames, indicators, strategy, false)
  const legacyFuzzy = legacyFuzzyStage(legacyStrategy, legacyIndicators.mapped)
  const fuzzy = generateFuzzyMemberships(mapped, strategy, false)
  const epochs = 1
  const shared = { symbols: ['EURUSD'], timeframes: ['1h'], startDate: '2000-01-01', endDate: '2100-01-01', seed: 3 }

  const tasks: PairedTask[] = [
    {
      name: 'data load (CSV parse)',
      stage: 'data',
      old: () => readLegacyCsv(csv),
      new: () => readOhlcvCsv(csv, 'EURUSD', '1h'),
    },
    {
      name: 'indicators + mapping',
      stage: 'indicators',
      old: () => legacyIndicatorStage(legacyStrategy, legacyData),
      new: () => mapIndicators(frames, calculateIndicators(frames, strategy), strategy, false),
    },
    {
      name: 'fuzzy memberships',
      stage: 'fuzzy',
      old: () => legacyFuzzyStage(legacyStrategy, legacyIndicators.mapped),
      new: () => generateFuzzyMemberships(mapped, strategy, false),
    },
    {
      name: 'features (lags, float32)',
      stage: 'features',
      old: () => legacyFeatureStage(legacyStrategy, legacyFuzzy),
      new: () => createFeatures(fuzzy, strategy, ['1h']),
    },
    {
      name: 'zigzag labels',
      stage: 'labels',
      old: () => legacyLabelStage(legacyStrategy, legacyData),
      new: () => createLabels(frames['1h'].close, strategy.labels.zigzagThreshold),
    },
    {
      name: 'pre-model stages (load → labels)',
      stage: 'stages',
      old: () =>
        runLegacySymbolStages({
          strategyPath,
          symbol: 'EURUSD',
          csvFiles,
          startDate: '2000-01-01',
          endDate: '2100-01-01',
        }),
      new: () =>
        computeSymbolStages({ strategy, symbol: 'EURUSD', frames: { '1h': readOhlcvCsv(csv, 'EURUSD', '1h') } }),
    },
    {
      name: `full local path (${epochs} epoch, eval, importance, save)`,
      stage: 'path',
      // one call takes 250–450 ms with ±30 % spread (GC, file writes): several calls per round, a longer budget
      measurement: { roundTargetMs: 1500, budgetMs: 150_000, maxPairs: 40 },
      old: () =>
        runLegacyLocalTraining({
          ...shared,
          strategyPath,
          dataDir: dir,
          epochs,
          modelsDir: modelsOld,
          runtime: fusedRuntime,
          log: () => {},
        }),
      new: () =>
        runTrainingPipeline({
          ...shared,
          strategy,
          epochs,
          dataSource: new CsvDataSource(dir),
          storage: new ModelStorage(modelsNew),
          runtime: fusedRuntime,
        }),
    },
  ]
  return { tasks, dispose: () => rmSync(dir, { recursive: true, force: true }) }
}
