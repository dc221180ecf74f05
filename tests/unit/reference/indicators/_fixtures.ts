// Small hand-made inputs shared by the reference engine tests: frames from literal closes and strategies from
// YAML text (validated by the real strategy loader).
import type { OhlcvFrame } from '../../../../reference/data/types.ts'
import { parseStrategy } from '../../../../reference/strategy/load.ts'
import type { StrategyConfig } from '../../../../reference/strategy/types.ts'

const HOUR = 3_600_000
const T0 = Date.UTC(2024, 0, 1)

/** A frame whose open = previous close, high / low = body ± `spread`, hourly bars from 2024-01-01. */
export function frameFromCloses(
  closes: readonly number[],
  options: { timeframe?: string; stepMs?: number; spread?: number } = {},
): OhlcvFrame {
  const step = options.stepMs ?? HOUR
  const spread = options.spread ?? 0.5
  const close = Float64Array.from(closes)
  const open = close.map((_, i) => (i === 0 ? close[0]! : close[i - 1]!))
  return {
    symbol: 'TEST',
    timeframe: options.timeframe ?? '1h',
    timestamps: Float64Array.from(closes, (_, i) => T0 + i * step),
    open,
    high: close.map((c, i) => Math.max(c, open[i]!) + spread),
    low: close.map((c, i) => Math.min(c, open[i]!) - spread),
    close,
    volume: close.map(() => 1000),
    extra: { names: [], columns: [] },
  }
}

/** A deterministic wavy close series of `n` bars. */
export function wave(n: number, base = 100): number[] {
  return Array.from({ length: n }, (_, i) => base + 5 * Math.sin(i / 4) + 2 * Math.cos(i / 1.7) + i * 0.05)
}

/** A valid strategy from its `indicators:` and `fuzzy_sets:` YAML blocks (indented two spaces per level). */
export function strategyFrom(
  indicators: string,
  fuzzySets: string,
  options: { lookback?: number; threshold?: number } = {},
): StrategyConfig {
  const yaml = `name: test_strategy
indicators:
${indicators}
fuzzy_sets:
${fuzzySets}
model:
  type: mlp
  architecture: { hidden_layers: [4], activation: relu, dropout: 0.2 }
  features: { lookback_periods: ${options.lookback ?? 0} }
  training: { learning_rate: 0.001, batch_size: 8, epochs: 1, optimizer: adam }
training:
  labels: { source: zigzag, zigzag_threshold: ${options.threshold ?? 0.03}, label_lookahead: 20 }
  data_split: { train: 0.7, validation: 0.15, test: 0.15 }
`
  return parseStrategy(yaml, '<inline>')
}

/** The rsi-only fuzzy sets of the shipped strategies. */
export const RSI_SETS = `  rsi:
    oversold: { type: triangular, parameters: [0, 20, 35] }
    neutral: { type: triangular, parameters: [30, 50, 70] }
    overbought: { type: triangular, parameters: [65, 80, 100] }`
