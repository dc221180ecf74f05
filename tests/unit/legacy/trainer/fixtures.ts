/**
 * Hand-made inputs for the legacy trainer tests: per-symbol feature matrices and labels with learnable structure
 * (label = which of three feature bands is largest, plus noise), a tiny strategy dict, and temp directories.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { SymbolStageProbes } from '../../../../reference/runtime/probes.ts'
import { SeededRng } from '../../../../reference/runtime/rng.ts'
import type { LegacyCancellationToken } from '../../../../legacy/local/trainer/cancellation.ts'
import type { ConfigDict } from '../../../../legacy/local/trainer/config-dict.ts'
import { ModelStorage } from '../../../../legacy/local/trainer/model-storage.ts'
import type { TrainerProgressCallback } from '../../../../legacy/local/trainer/model-trainer.ts'
import {
  trainMultiSymbolStrategy,
  type StrategyTrainingResult,
} from '../../../../legacy/local/trainer/strategy-trainer.ts'
import { fusedRuntime } from '../../../../reference/runtime/fused-runtime.ts'

/** Stage probes of one symbol with only features and labels filled (the trainer reads nothing else). */
export function handMadeSymbol(symbol: string, rows: number, featureCount: number, seed: number): SymbolStageProbes {
  const gen = new SeededRng(seed)
  const values = new Float32Array(rows * featureCount)
  const labels = new Int32Array(rows)
  for (let r = 0; r < rows; r++) {
    for (let f = 0; f < featureCount; f++) values[r * featureCount + f] = gen.uniform()
    let best = 0
    for (let c = 1; c < Math.min(3, featureCount); c++)
      if (values[r * featureCount + c]! > values[r * featureCount + best]!) best = c
    labels[r] = gen.uniform() < 0.2 ? gen.intRange(0, 3) : best
  }
  return {
    symbol,
    data: {},
    indicators: {},
    mapped: {},
    fuzzy: {},
    features: {
      timestamps: Float64Array.from({ length: rows }, (_, i) => i * 3_600_000),
      names: Array.from({ length: featureCount }, (_, i) => `f${i}`),
      values,
    },
    labels,
  }
}

/** A minimal strategy document as the old trainer read it. */
export function tinyStrategy(
  overrides: { training?: ConfigDict; dataSplit?: unknown; hidden?: number[]; activation?: string } = {},
): ConfigDict {
  return {
    name: 'tiny_strategy',
    indicators: [{ name: 'rsi' }],
    fuzzy_sets: {},
    model: {
      type: 'mlp',
      architecture: {
        hidden_layers: overrides.hidden ?? [8],
        activation: overrides.activation ?? 'relu',
        dropout: 0.2,
      },
      features: { lookback_periods: 1 },
      training: { learning_rate: 0.01, batch_size: 16, epochs: 2, optimizer: 'adam', ...(overrides.training ?? {}) },
    },
    training: {
      labels: { source: 'zigzag', zigzag_threshold: 0.03, label_lookahead: 20 },
      data_split:
        overrides.dataSplit === undefined ? { train: 0.7, validation: 0.15, test: 0.15 } : overrides.dataSplit,
    },
  }
}

/** A fresh temp directory and its cleanup. */
export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`))
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

/** A clock frozen at `iso`. */
export function fixedClock(iso = '2025-10-09T12:34:56.789Z'): () => Date {
  return () => new Date(iso)
}

/** Runs the old StrategyTrainer flow on hand-made symbols with the fused runtime. */
export function trainHandMade(options: {
  readonly symbols: readonly SymbolStageProbes[]
  readonly config: ConfigDict
  readonly seed: number
  readonly modelsDir: string
  readonly progressCallback?: TrainerProgressCallback
  readonly token?: LegacyCancellationToken
  readonly log?: (line: string) => void
}): StrategyTrainingResult {
  const clock = fixedClock()
  const bySymbol = new Map(options.symbols.map((s) => [s.symbol, s]))
  return trainMultiSymbolStrategy(
    {
      config: options.config,
      configSource: '<hand-made>',
      symbols: options.symbols.map((s) => s.symbol),
      timeframes: ['1h'],
      startDate: '2020-01-01',
      endDate: '2025-10-09',
      validationSplit: 0.2,
      progressCallback: options.progressCallback ?? null,
      cancellationToken: options.token ?? null,
    },
    {
      runtime: fusedRuntime,
      rng: new SeededRng(options.seed),
      clock,
      storage: new ModelStorage(options.modelsDir, clock),
      symbolStages: (symbol) => bySymbol.get(symbol)!,
      log: options.log ?? (() => {}),
      timings: {},
    },
  )
}
