// Test fixtures of the pipeline, model, storage and orchestrator suites: a small strategy, synthetic market data
// (in memory or as CSV files), a frozen clock and temporary directories.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateSyntheticMarket, writeSyntheticDataset } from '../../../../reference/data/synthetic.ts'
import type { MarketDataSource } from '../../../../reference/data/types.ts'
import { parseStrategy } from '../../../../reference/strategy/load.ts'
import type { StrategyConfig } from '../../../../reference/strategy/types.ts'

/** A frozen clock: dates and epoch durations are reproducible. */
export const FIXED_NOW = '2026-01-01T00:00:00.000Z'
export const fixedClock = (): Date => new Date(FIXED_NOW)

/** Knobs of {@link smallStrategyYaml}. */
export interface SmallStrategyOptions {
  readonly name?: string
  readonly hiddenLayers?: readonly number[]
  /** @default 'relu' */
  readonly activation?: string
  readonly lookback?: number
  readonly epochs?: number
  readonly batchSize?: number
  /** `data_split` train/validation/test, or null for none (validation_split 0.2). */
  readonly split?: readonly [number, number, number] | null
}

/** An RSI + MACD strategy with one rsi fuzzy set family: 3 × (1 + lookback) features. */
export function smallStrategyYaml(options: SmallStrategyOptions = {}): string {
  const split = options.split === undefined ? [0.7, 0.15, 0.15] : options.split
  return [
    `name: ${options.name ?? 'small_test_strategy'}`,
    'description: small strategy for tests',
    'indicators:',
    '  - name: rsi',
    '    period: 14',
    '  - name: macd',
    'fuzzy_sets:',
    '  rsi:',
    '    oversold: { type: triangular, parameters: [0, 20, 35] }',
    '    neutral: { type: triangular, parameters: [30, 50, 70] }',
    '    overbought: { type: triangular, parameters: [65, 80, 100] }',
    'model:',
    '  type: mlp',
    '  architecture:',
    `    hidden_layers: [${(options.hiddenLayers ?? [8, 6]).join(', ')}]`,
    `    activation: ${options.activation ?? 'relu'}`,
    '    dropout: 0.2',
    '  features:',
    `    lookback_periods: ${options.lookback ?? 1}`,
    '  training:',
    '    learning_rate: 0.005',
    `    batch_size: ${options.batchSize ?? 32}`,
    `    epochs: ${options.epochs ?? 2}`,
    '    optimizer: adam',
    'training:',
    '  labels:',
    '    source: zigzag',
    '    zigzag_threshold: 0.02',
    '    label_lookahead: 20',
    ...(split === null
      ? ['  data_split: {}']
      : ['  data_split:', `    train: ${split[0]}`, `    validation: ${split[1]}`, `    test: ${split[2]}`]),
    '',
  ].join('\n')
}

/** {@link smallStrategyYaml} parsed. */
export function smallStrategy(options: SmallStrategyOptions = {}): StrategyConfig {
  return parseStrategy(smallStrategyYaml(options), '<test>')
}

/** Synthetic 1h bars (and resampled timeframes) served from memory. */
export function memorySource(
  symbols: readonly string[],
  bars: number,
  timeframes: readonly string[] = ['1h'],
  seed = 11,
): MarketDataSource {
  const market = generateSyntheticMarket({ symbols, bars, seed, timeframes })
  return {
    description: 'memory:synthetic',
    load: (symbol, timeframe) => {
      const frame = market[symbol]?.[timeframe]
      if (!frame) throw new Error(`no synthetic data for ${symbol} ${timeframe}`)
      return frame
    },
  }
}

/** A fresh temporary directory; `cleanup()` removes it. */
export function tempDir(prefix: string): { path: string; cleanup: () => void } {
  const path = mkdtempSync(join(tmpdir(), `${prefix}-`))
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) }
}

/** Writes synthetic `<SYMBOL>_<TF>.csv` files into a fresh temporary directory. */
export function csvDataDir(symbols: readonly string[], bars: number, timeframes: readonly string[] = ['1h']) {
  const dir = tempDir('ktrdr-data')
  writeSyntheticDataset(dir.path, { symbols, bars, seed: 11, timeframes })
  return dir
}
