/**
 * Strategy configurations within the schema of reference/strategy (docs/legacy-behaviour.md §3.1, §4.1): a non-empty
 * subset of rsi / macd / sma / ema / atr (names exactly these, since the old trainer infers the type from the
 * name), sometimes with period parameters the old trainer drops; fuzzy sets of all three shapes with valid
 * parameters on each indicator's scale; lookback 0–5; zigzag threshold 0.005–0.1; 1–3 hidden layers. The
 * arbitrary yields a JSON-able {@link StrategySpec}; {@link strategyYaml} writes its YAML text and
 * {@link strategyConfig} parses that text into the typed `StrategyConfig`.
 */
import fc from 'fast-check'
import { stringify } from 'yaml'
import { parseStrategy } from '../../reference/strategy/load.ts'
import type { FuzzyShape, StrategyConfig } from '../../reference/strategy/types.ts'

/** Indicator names the generator draws from by default. */
export const STRATEGY_INDICATORS = ['rsi', 'macd', 'sma', 'ema', 'atr'] as const

/**
 * Names that validate but exercise the old trainer's type-inference quirks (docs/legacy-behaviour.md §3.2.1): `stoch`,
 * `bbands` and `zigzag` infer unknown registry types and are dropped; `stochastic` and `bollinger_bands` resolve
 * (the latter to generic `upper`/`middle`/`lower` columns no name maps to); `adx` carries an explicit `type: ADX`;
 * `volume_sma` is an SMA of the close whose mapped column is the raw average (no close / SMA ratio).
 */
export const QUIRKY_INDICATORS = [
  'stochastic',
  'stoch',
  'adx',
  'bollinger_bands',
  'bbands',
  'volume_sma',
  'zigzag',
] as const

export type StrategyIndicator = (typeof STRATEGY_INDICATORS)[number] | (typeof QUIRKY_INDICATORS)[number]

/** One generated fuzzy set. */
export interface FuzzySetChoice {
  readonly name: string
  readonly type: FuzzyShape
  readonly parameters: readonly number[]
}

/** A generated strategy, plain data. */
export interface StrategySpec {
  readonly indicators: ReadonlyArray<{
    readonly name: StrategyIndicator
    /** An explicit registry `type`, when the entry has one. */
    readonly type?: string
    readonly params: Record<string, number>
  }>
  readonly fuzzySets: ReadonlyArray<{ readonly indicator: StrategyIndicator; readonly sets: readonly FuzzySetChoice[] }>
  readonly lookback: number
  readonly zigzagThreshold: number
  readonly hiddenLayers: readonly number[]
  readonly activation: 'relu' | 'tanh' | 'sigmoid'
  readonly dropout: number
  readonly learningRate: number
  readonly batchSize: number
  readonly epochs: number
  /** train / validation / test fractions, or null for no `data_split` (validation_split 0.2). */
  readonly dataSplit: readonly [number, number, number] | null
}

/** Knobs of {@link strategySpecArb}. */
export interface StrategyOptions {
  /** Indicators to draw from. @default STRATEGY_INDICATORS */
  readonly indicators?: readonly StrategyIndicator[]
  /** @default 2 (short trainings) */
  readonly maxEpochs?: number
}

/**
 * The value range each indicator's mapped column lives in (mapping: sma / ema give close / MA, the others the raw
 * column), with a grid step so that generated parameters sometimes coincide exactly with values the data produces
 * (RSI 50 and 100, a NaN→0 warm-up 0, a flat close / SMA of 1).
 */
const SCALES: Readonly<Record<StrategyIndicator, { lo: number; hi: number; step: number }>> = {
  rsi: { lo: 0, hi: 100, step: 5 },
  sma: { lo: 0.94, hi: 1.06, step: 0.005 },
  ema: { lo: 0.94, hi: 1.06, step: 0.005 },
  macd: { lo: -3, hi: 3, step: 0.25 },
  atr: { lo: 0, hi: 6, step: 0.25 },
  stochastic: { lo: 0, hi: 100, step: 5 },
  stoch: { lo: 0, hi: 100, step: 5 },
  adx: { lo: 0, hi: 100, step: 5 },
  bollinger_bands: { lo: 40, hi: 160, step: 5 },
  bbands: { lo: 40, hi: 160, step: 5 },
  volume_sma: { lo: 40, hi: 160, step: 5 },
  zigzag: { lo: 0, hi: 1, step: 0.05 },
}

/** Explicit registry types of the entries that carry one. */
const EXPLICIT_TYPES: Partial<Readonly<Record<StrategyIndicator, string>>> = { adx: 'ADX' }

const PERIOD_PARAMS: Readonly<Record<StrategyIndicator, fc.Arbitrary<Record<string, number>>>> = {
  rsi: fc.record({ period: fc.integer({ min: 2, max: 30 }) }, { requiredKeys: [] }),
  sma: fc.record({ period: fc.integer({ min: 2, max: 30 }) }, { requiredKeys: [] }),
  ema: fc.record({ period: fc.integer({ min: 2, max: 30 }) }, { requiredKeys: [] }),
  atr: fc.record({ period: fc.integer({ min: 2, max: 30 }) }, { requiredKeys: [] }),
  macd: fc.record(
    {
      fast_period: fc.integer({ min: 2, max: 20 }),
      slow_period: fc.integer({ min: 21, max: 40 }),
      signal_period: fc.integer({ min: 2, max: 12 }),
    },
    { requiredKeys: [] },
  ),
  stochastic: fc.record({ k_period: fc.integer({ min: 2, max: 20 }) }, { requiredKeys: [] }),
  stoch: fc.constant({}),
  adx: fc.record({ period: fc.integer({ min: 2, max: 20 }) }, { requiredKeys: [] }),
  bollinger_bands: fc.record({ period: fc.integer({ min: 2, max: 30 }) }, { requiredKeys: [] }),
  bbands: fc.constant({}),
  volume_sma: fc.record({ period: fc.integer({ min: 2, max: 30 }) }, { requiredKeys: [] }),
  zigzag: fc.constant({}),
}

const SET_NAMES = ['low', 'mid', 'high', 'oversold', 'overbought', 'neutral', 'below', 'above', 'near'] as const

/** A grid point of an indicator's scale (exact decimal steps from `lo`). */
function gridPoint(indicator: StrategyIndicator): fc.Arbitrary<number> {
  const { lo, hi, step } = SCALES[indicator]
  const steps = Math.round((hi - lo) / step)
  return fc.integer({ min: 0, max: steps }).map((k) => Number((lo + k * step).toFixed(6)))
}

/**
 * One fuzzy set on the scale of `indicator`: triangular a ≤ b ≤ c, trapezoidal a ≤ b ≤ c ≤ d (equal points
 * allowed: degenerate shoulders), gaussian μ on the grid with σ > 0.
 */
export function fuzzySetArb(indicator: StrategyIndicator, name: string): fc.Arbitrary<FuzzySetChoice> {
  const point = gridPoint(indicator)
  const sorted = (n: number): fc.Arbitrary<number[]> =>
    fc.array(point, { minLength: n, maxLength: n }).map((p) => [...p].sort((a, b) => a - b))
  const { lo, hi } = SCALES[indicator]
  const sigma = fc.integer({ min: 1, max: 40 }).map((k) => Number((((hi - lo) / 80) * k).toFixed(6)))
  return fc.oneof(
    sorted(3).map((parameters) => ({ name, type: 'triangular' as const, parameters })),
    sorted(4).map((parameters) => ({ name, type: 'trapezoidal' as const, parameters })),
    fc.tuple(point, sigma).map((parameters) => ({ name, type: 'gaussian' as const, parameters })),
  )
}

/** The fuzzy sets of one indicator: 1–3 sets with distinct names. */
function fuzzyIndicatorArb(indicator: StrategyIndicator): fc.Arbitrary<StrategySpec['fuzzySets'][number]> {
  return fc
    .uniqueArray(fc.constantFrom(...SET_NAMES), { minLength: 1, maxLength: 3 })
    .chain((names) => fc.tuple(...names.map((name) => fuzzySetArb(indicator, name))))
    .map((sets) => ({ indicator, sets }))
}

/**
 * Strategy specs. Every fuzzy key is one of the strategy's indicators (at least one has sets).
 */
export function strategySpecArb(options: StrategyOptions = {}): fc.Arbitrary<StrategySpec> {
  const pool = options.indicators ?? STRATEGY_INDICATORS
  return fc.uniqueArray(fc.constantFrom(...pool), { minLength: 1, maxLength: pool.length }).chain((names) =>
    fc.record({
      indicators: fc.tuple(
        ...names.map((name) =>
          PERIOD_PARAMS[name].map((params) => {
            const type = EXPLICIT_TYPES[name]
            return type === undefined ? { name, params } : { name, type, params }
          }),
        ),
      ),
      fuzzySets: fc
        .subarray(names, { minLength: 1 })
        .chain((keys) => fc.tuple(...keys.map((key) => fuzzyIndicatorArb(key)))),
      lookback: fc.integer({ min: 0, max: 5 }),
      zigzagThreshold: fc.integer({ min: 5, max: 100 }).map((k) => k / 1000),
      hiddenLayers: fc.array(fc.integer({ min: 2, max: 16 }), { minLength: 1, maxLength: 3 }),
      activation: fc.constantFrom('relu' as const, 'tanh' as const, 'sigmoid' as const),
      dropout: fc.constantFrom(0, 0.1, 0.2, 0.5),
      learningRate: fc.constantFrom(0.001, 0.005, 0.01),
      batchSize: fc.constantFrom(8, 16, 32, 64),
      epochs: fc.integer({ min: 1, max: options.maxEpochs ?? 2 }),
      dataSplit: fc.option(
        fc.constantFrom<readonly [number, number, number]>([0.7, 0.15, 0.15], [0.6, 0.2, 0.2], [0.8, 0.1, 0.1]),
        { nil: null },
      ),
    }),
  )
}

/**
 * The KTRDR strategy YAML text of a spec (numbers written in JavaScript's shortest round-trip form).
 */
export function strategyYaml(spec: StrategySpec, name = 'property_strategy'): string {
  const document = {
    name,
    description: 'generated by harness/arbitraries/strategy.ts',
    indicators: spec.indicators.map((i) => ({ name: i.name, ...(i.type ? { type: i.type } : {}), ...i.params })),
    fuzzy_sets: Object.fromEntries(
      spec.fuzzySets.map((f) => [
        f.indicator,
        Object.fromEntries(f.sets.map((s) => [s.name, { type: s.type, parameters: [...s.parameters] }])),
      ]),
    ),
    model: {
      type: 'mlp',
      architecture: { hidden_layers: [...spec.hiddenLayers], activation: spec.activation, dropout: spec.dropout },
      features: { lookback_periods: spec.lookback },
      training: {
        learning_rate: spec.learningRate,
        batch_size: spec.batchSize,
        epochs: spec.epochs,
        optimizer: 'adam',
      },
    },
    training: {
      labels: { source: 'zigzag', zigzag_threshold: spec.zigzagThreshold, label_lookahead: 20 },
      data_split: spec.dataSplit
        ? { train: spec.dataSplit[0], validation: spec.dataSplit[1], test: spec.dataSplit[2] }
        : {},
    },
  }
  return stringify(document)
}

/**
 * The typed configuration of a spec, parsed from {@link strategyYaml} with `parseStrategy`.
 */
export function strategyConfig(spec: StrategySpec, sourcePath = '<property>'): StrategyConfig {
  return parseStrategy(strategyYaml(spec), sourcePath)
}

/** Both forms of one generated strategy. */
export interface GeneratedStrategy {
  readonly spec: StrategySpec
  readonly yaml: string
  readonly config: StrategyConfig
}

/**
 * Generated strategies with their YAML text and typed configuration.
 */
export function generatedStrategyArb(options: StrategyOptions = {}): fc.Arbitrary<GeneratedStrategy> {
  return strategySpecArb(options).map((spec) => ({ spec, yaml: strategyYaml(spec), config: strategyConfig(spec) }))
}

/**
 * Training seeds (the full uint32 range SeededRng accepts).
 */
export function seedArb(): fc.Arbitrary<number> {
  return fc.integer({ min: 0, max: 2 ** 32 - 1 })
}
