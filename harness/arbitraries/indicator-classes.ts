/**
 * Generated strategies that reach the indicator classes built from `params:` (SMA, EMA, MACD, Stochastic, ATR,
 * BollingerBands, ADX, a second RSI, ZigZag, WilliamsR, OBV, CCI, Momentum, ROC, VWAP, ParabolicSAR, Ichimoku, RVI,
 * MFI, Aroon, DonchianChannels, KeltnerChannels, ADLine, CMF, SuperTrend, FisherTransform, BollingerBandWidth,
 * VolumeRatio, SqueezeIntensity, DistanceFromMA) the ways a strategy file can: an explicit `type:` (or its
 * `…Indicator` alias) with a `params:` mapping (YAML floats written with a dot, so PyYAML reads them as floats),
 * sometimes a top-level key the old flow drops, sometimes a parameter the old class refuses (the entry is then
 * dropped), or no type at all with a name the old inference turns into a registry type. `rsi` is always present,
 * so the strategy never loses every indicator. Each entry named like its column prefix gets a fuzzy set on its scale.
 */
import fc from 'fast-check'

/** A keyword value: a YAML int, string or bool, or a float (`{ float: x }`, written with a dot). */
export type ClassArg = number | string | boolean | { readonly float: number }

/** One generated indicator entry. */
export interface ClassEntry {
  readonly name: string
  readonly type: string | null
  readonly params: Readonly<Record<string, ClassArg>>
  /** A top-level key the old flow drops. */
  readonly dropped: number | null
  /** The fuzzy set's triangle on the indicator's scale, or null for no fuzzy sets. */
  readonly triangle: readonly [number, number, number] | null
}

/** A generated strategy: its entries (after `rsi`) and the zigzag threshold of its labels. */
export interface ClassStrategySpec {
  readonly entries: readonly ClassEntry[]
  readonly zigzagThreshold: number
}

const float = (lo: number, hi: number) =>
  fc.integer({ min: Math.round(lo * 1000), max: Math.round(hi * 1000) }).map((k) => ({ float: k / 1000 }))
const int = (lo: number, hi: number) => fc.integer({ min: lo, max: hi })
const OHLC = fc.constantFrom('open', 'high', 'low', 'close')
/** A period that is mostly an int, sometimes a float or a bool (both refused by RSI, SMA and EMA). */
const period = (lo: number, hi: number) =>
  fc.oneof(
    { arbitrary: int(lo, hi), weight: 8 },
    { arbitrary: int(lo, hi).map((k) => ({ float: k })), weight: 1 },
    { arbitrary: fc.boolean(), weight: 1 },
  )

/** Per type: the name its columns start with, its keyword arguments (mostly valid), the fuzzy triangle. */
const TYPES: ReadonlyArray<{
  readonly type: string
  readonly name: string
  readonly params: fc.Arbitrary<Record<string, ClassArg>>
  readonly triangle: readonly [number, number, number]
  /** A name without `type` that the old inference resolves to this type. */
  readonly inferred?: string
  /** The class-name alias of the registry. @default `<type>Indicator` */
  readonly alias?: string
}> = [
  {
    type: 'RSI',
    name: 'rsi_p',
    params: fc.record(
      { period: period(2, 30), source: fc.constantFrom('open', 'close', 'volume') },
      { requiredKeys: [] },
    ),
    triangle: [0, 50, 100],
  },
  {
    type: 'SMA',
    alias: 'SimpleMovingAverage',
    name: 'sma',
    params: fc.record({ period: period(2, 40), source: OHLC }, { requiredKeys: [] }),
    triangle: [0.95, 1, 1.05],
    inferred: 'volume_sma',
  },
  {
    type: 'EMA',
    alias: 'ExponentialMovingAverage',
    name: 'ema',
    params: fc.record({ period: period(2, 40), source: OHLC, adjust: fc.boolean() }, { requiredKeys: [] }),
    triangle: [0.95, 1, 1.05],
  },
  {
    type: 'MACD',
    name: 'macd',
    params: fc.record(
      { fast_period: period(1, 20), slow_period: int(5, 40), signal_period: period(1, 15), source: OHLC },
      { requiredKeys: [] },
    ),
    triangle: [-2, 0, 2],
  },
  {
    type: 'Stochastic',
    name: 'stochastic',
    params: fc.record(
      { k_period: period(1, 30), d_period: period(1, 8), smooth_k: period(1, 8) },
      { requiredKeys: [] },
    ),
    triangle: [0, 50, 100],
    inferred: 'stochastic',
  },
  {
    type: 'ATR',
    name: 'atr',
    params: fc.record({ period: period(1, 30) }, { requiredKeys: [] }),
    triangle: [0, 1, 5],
    inferred: 'atr',
  },
  {
    type: 'BollingerBands',
    name: 'upper',
    params: fc.record(
      { period: int(2, 30), multiplier: fc.oneof(float(0.5, 4), fc.constant(2)), source: OHLC },
      { requiredKeys: [] },
    ),
    triangle: [0, 100, 200],
    inferred: 'bollinger_bands',
  },
  {
    type: 'ADX',
    alias: 'AverageDirectionalIndex',
    name: 'adx',
    params: fc.record({ period: fc.oneof(int(2, 30), fc.constant(1)) }, { requiredKeys: [] }),
    triangle: [0, 25, 100],
    inferred: 'average_directional_index',
  },
  {
    type: 'ZigZag',
    name: 'zigzag',
    params: fc.record({ threshold: float(0.01, 0.3), source: OHLC }, { requiredKeys: [] }),
    triangle: [0, 50, 200],
    inferred: 'zig_zag',
  },
  {
    type: 'WilliamsR',
    name: 'williamsr',
    params: fc.record({ period: int(1, 30) }, { requiredKeys: [] }),
    triangle: [-100, -50, 0],
    inferred: 'williams_r',
  },
  { type: 'OBV', name: 'obv', params: fc.constant({}), triangle: [-100_000, 0, 100_000] },
  {
    type: 'CCI',
    name: 'cci',
    params: fc.record({ period: int(1, 30) }, { requiredKeys: [] }),
    triangle: [-200, 0, 200],
  },
  {
    type: 'Momentum',
    name: 'momentum',
    params: fc.record({ period: int(1, 30), source: OHLC }, { requiredKeys: [] }),
    triangle: [-10, 0, 10],
    inferred: 'momentum',
  },
  {
    type: 'ROC',
    name: 'roc',
    params: fc.record({ period: int(1, 30), source: OHLC }, { requiredKeys: [] }),
    triangle: [-10, 0, 10],
  },
  {
    type: 'VWAP',
    name: 'vwap',
    params: fc.record({ period: int(0, 30), use_typical_price: fc.boolean() }, { requiredKeys: [] }),
    triangle: [0, 100, 200],
  },
  {
    type: 'ParabolicSAR',
    name: 'parabolicsar',
    params: fc.record(
      { initial_af: float(0.001, 0.1), step_af: float(0.001, 0.1), max_af: fc.oneof(float(0.01, 1), fc.constant(1)) },
      { requiredKeys: [] },
    ),
    triangle: [0, 100, 200],
  },
  {
    type: 'Ichimoku',
    name: 'ichimoku',
    params: fc.record(
      { tenkan_period: int(1, 20), kijun_period: int(1, 40), senkou_b_period: int(1, 60), displacement: int(1, 30) },
      { requiredKeys: [] },
    ),
    triangle: [0, 100, 200],
    inferred: 'ichimoku',
  },
  {
    type: 'RVI',
    name: 'rvi',
    params: fc.record({ period: int(3, 20), signal_period: int(1, 10) }, { requiredKeys: [] }),
    triangle: [-1, 0, 1],
  },
  { type: 'MFI', name: 'mfi', params: fc.record({ period: int(1, 30) }, { requiredKeys: [] }), triangle: [0, 50, 100] },
  {
    type: 'Aroon',
    name: 'aroon',
    params: fc.record({ period: int(1, 30), include_oscillator: fc.boolean() }, { requiredKeys: [] }),
    triangle: [0, 50, 100],
    inferred: 'aroon',
  },
  {
    type: 'DonchianChannels',
    name: 'dc',
    params: fc.record({ period: int(2, 30), include_middle: fc.boolean() }, { requiredKeys: [] }),
    triangle: [0, 50, 200],
    inferred: 'donchian_channels',
  },
  {
    type: 'KeltnerChannels',
    name: 'kc',
    params: fc.record(
      { period: int(2, 30), atr_period: int(2, 20), multiplier: fc.oneof(float(0.5, 4), fc.constant(2)) },
      { requiredKeys: [] },
    ),
    triangle: [0, 50, 200],
    inferred: 'keltner_channels',
  },
  {
    type: 'ADLine',
    name: 'ad',
    params: fc.record({ use_sma_smoothing: fc.boolean(), smoothing_period: int(2, 30) }, { requiredKeys: [] }),
    triangle: [-100_000, 0, 100_000],
    inferred: 'accumulation_distribution',
  },
  {
    type: 'CMF',
    name: 'cmf',
    params: fc.record({ period: int(2, 30) }, { requiredKeys: [] }),
    triangle: [-1, 0, 1],
    inferred: 'chaikin_money_flow',
  },
  {
    type: 'SuperTrend',
    name: 'supertrend',
    params: fc.record(
      { period: int(2, 20), multiplier: fc.oneof(float(0.5, 5), fc.constant(3)) },
      { requiredKeys: [] },
    ),
    triangle: [0, 50, 200],
    inferred: 'super_trend',
  },
  {
    type: 'FisherTransform',
    name: 'fisher',
    params: fc.record({ period: int(2, 20), smoothing: int(1, 10) }, { requiredKeys: [] }),
    triangle: [-3, 0, 3],
    inferred: 'fisher_transform',
  },
  {
    type: 'BollingerBandWidth',
    name: 'bbw',
    params: fc.record({ period: int(2, 30), multiplier: float(0.5, 4), source: OHLC }, { requiredKeys: [] }),
    triangle: [0, 0.1, 0.5],
    inferred: 'bollinger_band_width',
  },
  {
    type: 'VolumeRatio',
    name: 'vr',
    params: fc.record({ period: int(2, 30) }, { requiredKeys: [] }),
    triangle: [0, 1, 3],
    inferred: 'volume_ratio',
  },
  {
    type: 'SqueezeIntensity',
    name: 'squeeze',
    params: fc.record(
      {
        bb_period: int(2, 30),
        bb_multiplier: float(0.5, 4),
        kc_period: int(2, 30),
        kc_multiplier: float(0.5, 4),
        source: OHLC,
      },
      { requiredKeys: [] },
    ),
    triangle: [0, 0.5, 1],
    inferred: 'squeeze_intensity',
  },
  {
    type: 'DistanceFromMA',
    name: 'dist',
    params: fc.record(
      { period: int(1, 30), ma_type: fc.constantFrom('SMA', 'EMA'), source: OHLC },
      { requiredKeys: [] },
    ),
    triangle: [-10, 0, 10],
  },
]

/** The zigzag threshold of the labels: 1 %–8 %. */
const ZIGZAG_THRESHOLD = fc.integer({ min: 10, max: 80 }).map((k) => k / 1000)

/** The registry types the generated entries reach, in registry order. */
export const INDICATOR_CLASS_TYPES: readonly string[] = TYPES.map((t) => t.type)

/** One entry of a type: explicit type or alias with params, or (where one exists) the inferred name alone. */
function entryArb(t: (typeof TYPES)[number]): fc.Arbitrary<ClassEntry> {
  const typed = fc
    .record({
      alias: fc.boolean(),
      params: t.params,
      dropped: fc.option(int(2, 30), { freq: 4 }),
      fuzzy: fc.boolean(),
    })
    .map(
      ({ alias, params, dropped, fuzzy }): ClassEntry => ({
        name: t.name,
        type: alias ? (t.alias ?? `${t.type}Indicator`) : t.type,
        params,
        dropped,
        triangle: fuzzy ? t.triangle : null,
      }),
    )
  if (!t.inferred) return typed
  const inferred: ClassEntry = { name: t.inferred, type: null, params: {}, dropped: null, triangle: null }
  return fc.oneof({ arbitrary: typed, weight: 4 }, { arbitrary: fc.constant(inferred), weight: 1 })
}

/**
 * Strategies with one entry of `type` (one of {@link INDICATOR_CLASS_TYPES}) after `rsi`: the per-type cases of
 * `make oracle-indicator-table`.
 */
export function singleClassStrategyArb(type: string): fc.Arbitrary<ClassStrategySpec> {
  const t = TYPES.find((candidate) => candidate.type === type)
  if (!t) throw new Error(`singleClassStrategyArb: unknown type ${JSON.stringify(type)}`)
  return fc.record({
    entries: entryArb(t).map((entry) => [entry]),
    zigzagThreshold: ZIGZAG_THRESHOLD,
  })
}

/** Strategies with 1–5 of the classes (each at most once), in a random order. */
export function classStrategyArb(): fc.Arbitrary<ClassStrategySpec> {
  return fc.record({
    entries: fc
      .shuffledSubarray([...TYPES], { minLength: 1, maxLength: 5 })
      .chain((types) => fc.tuple(...types.map(entryArb))),
    zigzagThreshold: ZIGZAG_THRESHOLD,
  })
}

function yamlValue(v: ClassArg): string {
  if (typeof v === 'object') return Number.isInteger(v.float) ? `${v.float}.0` : String(v.float)
  return typeof v === 'string' ? v : String(v)
}

/** The strategy file's text. */
export function classStrategyYaml(spec: ClassStrategySpec): string {
  const lines = ['name: class_strategy', 'indicators:', '  - name: rsi']
  for (const e of spec.entries) {
    lines.push(`  - name: ${e.name}`)
    if (e.type) lines.push(`    type: ${e.type}`)
    if (e.dropped !== null) lines.push(`    period: ${e.dropped}`)
    const params = Object.entries(e.params)
    if (params.length > 0) lines.push(`    params: { ${params.map(([k, v]) => `${k}: ${yamlValue(v)}`).join(', ')} }`)
  }
  lines.push('fuzzy_sets:', '  rsi:', '    low: { type: triangular, parameters: [0, 30, 60] }')
  for (const e of spec.entries) {
    if (!e.triangle) continue
    lines.push(`  ${e.name}:`, `    mid: { type: triangular, parameters: [${e.triangle.join(', ')}] }`)
  }
  lines.push(
    'model:',
    '  type: mlp',
    '  architecture: { hidden_layers: [4], activation: relu, dropout: 0.2 }',
    '  features: { lookback_periods: 1 }',
    '  training: { learning_rate: 0.001, batch_size: 8, epochs: 1, optimizer: adam }',
    'training:',
    `  labels: { source: zigzag, zigzag_threshold: ${spec.zigzagThreshold}, label_lookahead: 20 }`,
    '  data_split: { train: 0.7, validation: 0.15, test: 0.15 }',
  )
  return `${lines.join('\n')}\n`
}
