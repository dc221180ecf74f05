// Differential properties, legacy ↔ reference, for every indicator class built from a strategy's `params:` (RSI,
// SMA, EMA, MACD, Stochastic, ATR, BollingerBands, ADX, ZigZag, WilliamsR, OBV, CCI, Momentum, ROC, VWAP,
// ParabolicSAR, Ichimoku, RVI, MFI, Aroon, DonchianChannels, KeltnerChannels, ADLine, CMF, SuperTrend,
// FisherTransform, BollingerBandWidth, VolumeRatio, SqueezeIntensity, DistanceFromMA): for any generated OHLCV
// series (gaps, flat stretches, missing closes, spikes) and any keyword arguments — valid ones, out-of-range ones,
// strings the schemas coerce, ints where floats are expected, bools and nulls where ints are expected — both sides
// either refuse the arguments alike or return the same column names and bitwise-identical columns (Object.is per
// element).
import { test } from '@japa/runner'
import fc from 'fast-check'
import { LegacyFrame } from '../../legacy/local/engines/frame.ts'
import { LegacyAdLine } from '../../legacy/local/engines/indicators/ad-line.ts'
import { LegacyAdx } from '../../legacy/local/engines/indicators/adx.ts'
import { LegacyAroon } from '../../legacy/local/engines/indicators/aroon.ts'
import { LegacyAtr } from '../../legacy/local/engines/indicators/atr.ts'
import { LegacyBollingerBandWidth } from '../../legacy/local/engines/indicators/bollinger-band-width.ts'
import { LegacyBollingerBands } from '../../legacy/local/engines/indicators/bollinger-bands.ts'
import { LegacyCci } from '../../legacy/local/engines/indicators/cci.ts'
import { LegacyCmf } from '../../legacy/local/engines/indicators/cmf.ts'
import { LegacyDistanceFromMa } from '../../legacy/local/engines/indicators/distance-from-ma.ts'
import { LegacyDonchianChannels } from '../../legacy/local/engines/indicators/donchian-channels.ts'
import { LegacyFisherTransform } from '../../legacy/local/engines/indicators/fisher-transform.ts'
import { LegacyIchimoku } from '../../legacy/local/engines/indicators/ichimoku.ts'
import type { LegacyIndicator } from '../../legacy/local/engines/indicators/indicator.ts'
import { LegacyKeltnerChannels } from '../../legacy/local/engines/indicators/keltner-channels.ts'
import { LegacyMacd } from '../../legacy/local/engines/indicators/macd.ts'
import { LegacyMfi } from '../../legacy/local/engines/indicators/mfi.ts'
import { LegacyMomentum, LegacyRoc } from '../../legacy/local/engines/indicators/momentum.ts'
import { LegacyEma, LegacySma } from '../../legacy/local/engines/indicators/moving-averages.ts'
import { LegacyObv } from '../../legacy/local/engines/indicators/obv.ts'
import { LegacyParabolicSar } from '../../legacy/local/engines/indicators/parabolic-sar.ts'
import type { IndicatorKwargs } from '../../legacy/local/engines/indicators/params.ts'
import { LegacyRsi } from '../../legacy/local/engines/indicators/rsi.ts'
import { LegacyRvi } from '../../legacy/local/engines/indicators/rvi.ts'
import { LegacySqueezeIntensity } from '../../legacy/local/engines/indicators/squeeze-intensity.ts'
import { LegacyStochastic } from '../../legacy/local/engines/indicators/stochastic.ts'
import { LegacySuperTrend } from '../../legacy/local/engines/indicators/supertrend.ts'
import { LegacyVolumeRatio } from '../../legacy/local/engines/indicators/volume-ratio.ts'
import { LegacyVwap } from '../../legacy/local/engines/indicators/vwap.ts'
import { LegacyWilliamsR } from '../../legacy/local/engines/indicators/williams-r.ts'
import { LegacyZigZag } from '../../legacy/local/engines/indicators/zigzag-indicator.ts'
import { PythonFloat } from '../../legacy/local/python-values.ts'
import type { OhlcvFrame } from '../../reference/data/types.ts'
import { priceColumnSet } from '../../reference/indicators/_shared/price-columns.ts'
import { IndicatorParameterError } from '../../reference/indicators/errors.ts'
import { INDICATOR_CLASSES } from '../../reference/indicators/registry.ts'
import type { IndicatorType } from '../../reference/indicators/types.ts'
import { YamlFloat } from '../../reference/strategy/yaml-float.ts'
import { firstBitwiseDifference } from '../../harness/arbitraries/bitwise-diff.ts'
import { ohlcvFrameArb } from '../../harness/arbitraries/ohlcv.ts'
import { checkProperty } from '../../harness/arbitraries/property-runner.ts'

const FILE = import.meta.filename
const SERIES = ohlcvFrameArb({ minBars: 45, maxBars: 140, gaps: true, flats: true, missingCloses: true, spikes: true })

/** A keyword value as generated: JSON-able, a YAML float written `{ float: x }`, YAML null as null. */
type ArgSpec = number | string | boolean | null | { readonly float: number }
type KwargsSpec = Readonly<Record<string, ArgSpec>>

const LEGACY: Readonly<Record<string, new (kwargs: IndicatorKwargs) => LegacyIndicator>> = {
  RSI: LegacyRsi,
  SMA: LegacySma,
  EMA: LegacyEma,
  MACD: LegacyMacd,
  Stochastic: LegacyStochastic,
  ATR: LegacyAtr,
  BollingerBands: LegacyBollingerBands,
  ADX: LegacyAdx,
  ZigZag: LegacyZigZag,
  WilliamsR: LegacyWilliamsR,
  OBV: LegacyObv,
  CCI: LegacyCci,
  Momentum: LegacyMomentum,
  ROC: LegacyRoc,
  VWAP: LegacyVwap,
  ParabolicSAR: LegacyParabolicSar,
  Ichimoku: LegacyIchimoku,
  RVI: LegacyRvi,
  MFI: LegacyMfi,
  Aroon: LegacyAroon,
  DonchianChannels: LegacyDonchianChannels,
  KeltnerChannels: LegacyKeltnerChannels,
  ADLine: LegacyAdLine,
  CMF: LegacyCmf,
  SuperTrend: LegacySuperTrend,
  FisherTransform: LegacyFisherTransform,
  BollingerBandWidth: LegacyBollingerBandWidth,
  VolumeRatio: LegacyVolumeRatio,
  SqueezeIntensity: LegacySqueezeIntensity,
  DistanceFromMA: LegacyDistanceFromMa,
}

function kwargsOf(spec: KwargsSpec, float: (x: number) => unknown): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(spec).map(([key, v]) => [key, typeof v === 'object' && v !== null ? float(v.float) : v]),
  )
}

/** What one side did: refused the arguments, failed computing, or the columns. */
type Outcome =
  | { readonly refused: true }
  | { readonly failed: true }
  | { readonly names: string[]; readonly columns: Float64Array[] }

function legacyOutcome(type: string, spec: KwargsSpec, frame: OhlcvFrame, name: string): Outcome {
  let indicator: LegacyIndicator
  try {
    indicator = new LEGACY[type]!(kwargsOf(spec, (x) => new PythonFloat(x)))
  } catch {
    return { refused: true }
  }
  indicator.name = name
  try {
    const out = indicator.compute(LegacyFrame.from(priceColumnSet(frame)))
    return { names: out.map((o) => o.name), columns: out.map((o) => o.values) }
  } catch {
    return { failed: true }
  }
}

function referenceOutcome(type: string, spec: KwargsSpec, frame: OhlcvFrame, name: string): Outcome {
  let impl
  try {
    impl = INDICATOR_CLASSES[type as IndicatorType].configure(kwargsOf(spec, (x) => new YamlFloat(x)))
  } catch (error) {
    if (error instanceof IndicatorParameterError) return { refused: true }
    throw error
  }
  if (frame.timestamps.length < impl.minRows) return { failed: true }
  try {
    const out = impl.compute(frame, name)
    return { names: [...out.names], columns: [...out.columns] }
  } catch {
    return { failed: true }
  }
}

function assertSame(label: string, legacy: Outcome, reference: Outcome): void {
  if ('names' in legacy && 'names' in reference) {
    if (legacy.names.join(',') !== reference.names.join(',')) {
      throw new Error(`${label}: names [${legacy.names.join(', ')}] vs [${reference.names.join(', ')}]`)
    }
    legacy.columns.forEach((column, c) => {
      const i = firstBitwiseDifference(column, reference.columns[c]!)
      if (i >= 0) throw new Error(`${label}: ${legacy.names[c]} row ${i}: ${column[i]} vs ${reference.columns[c]![i]}`)
    })
    return
  }
  if (JSON.stringify(legacy) !== JSON.stringify(reference)) {
    throw new Error(
      `${label}: legacy ${JSON.stringify(Object.keys(legacy))} vs reference ${JSON.stringify(Object.keys(reference))}`,
    )
  }
}

/** An int in [lo, hi], sometimes as a numeric string or a float (which the schemas coerce or refuse). */
function intArg(lo: number, hi: number): fc.Arbitrary<ArgSpec> {
  return fc.oneof(
    { arbitrary: fc.integer({ min: lo, max: hi }), weight: 6 },
    { arbitrary: fc.integer({ min: lo, max: hi }).map(String), weight: 1 },
    { arbitrary: fc.integer({ min: lo * 10, max: hi * 10 }).map((k) => ({ float: k / 10 })), weight: 1 },
  )
}

/** A float in [lo, hi] (k / 1000), sometimes a whole int. */
function floatArg(lo: number, hi: number): fc.Arbitrary<ArgSpec> {
  return fc.oneof(
    {
      arbitrary: fc
        .integer({ min: Math.round(lo * 1000), max: Math.round(hi * 1000) })
        .map((k) => ({ float: k / 1000 })),
      weight: 6,
    },
    { arbitrary: fc.integer({ min: 0, max: 2 }), weight: 1 },
  )
}

const SOURCE = fc.constantFrom('open', 'high', 'low', 'close', 'volume')

/** {@link intArg}, sometimes a bool (an int to Python) or null (None: a default to the schemas, refused by hand-written checks). */
function pythonIntArg(lo: number, hi: number): fc.Arbitrary<ArgSpec> {
  return fc.oneof(
    { arbitrary: intArg(lo, hi), weight: 8 },
    { arbitrary: fc.boolean(), weight: 1 },
    { arbitrary: fc.constant(null), weight: 1 },
  )
}

/** The source of RSI, SMA and EMA: any string names a column (one that is missing fails the computation). */
const ANY_SOURCE = fc.oneof(
  { arbitrary: SOURCE, weight: 6 },
  { arbitrary: fc.constantFrom<ArgSpec>('Close', 'rsi_14', 3, null), weight: 1 },
)

/** Keyword arguments per class: every parameter optional, ranges a little wider than the old checks allow. */
const KWARGS: Readonly<Record<string, fc.Arbitrary<KwargsSpec>>> = {
  RSI: fc.record({ period: pythonIntArg(0, 40), source: ANY_SOURCE }, { requiredKeys: [] }),
  SMA: fc.record({ period: pythonIntArg(0, 40), source: ANY_SOURCE }, { requiredKeys: [] }),
  EMA: fc.record(
    {
      period: pythonIntArg(0, 40),
      source: ANY_SOURCE,
      adjust: fc.constantFrom<ArgSpec>(true, false, false, 0, 'false', null),
    },
    { requiredKeys: [] },
  ),
  MACD: fc.record(
    {
      fast_period: pythonIntArg(0, 55),
      slow_period: pythonIntArg(1, 105),
      signal_period: pythonIntArg(0, 55),
      source: SOURCE,
    },
    { requiredKeys: [] },
  ),
  Stochastic: fc.record(
    { k_period: pythonIntArg(0, 105), d_period: pythonIntArg(0, 22), smooth_k: pythonIntArg(0, 22) },
    { requiredKeys: [] },
  ),
  ATR: fc.record({ period: pythonIntArg(0, 105) }, { requiredKeys: [] }),
  BollingerBands: fc.record(
    { period: pythonIntArg(1, 105), multiplier: floatArg(0, 6), source: SOURCE },
    { requiredKeys: [] },
  ),
  ADX: fc.record(
    { period: fc.oneof({ arbitrary: pythonIntArg(0, 70), weight: 9 }, { arbitrary: intArg(150, 210), weight: 1 }) },
    { requiredKeys: [] },
  ),
  ZigZag: fc.record({ threshold: floatArg(0, 0.4), source: SOURCE }, { requiredKeys: [] }),
  WilliamsR: fc.record({ period: intArg(0, 40) }, { requiredKeys: [] }),
  OBV: fc.constant({}),
  CCI: fc.record({ period: intArg(1, 40) }, { requiredKeys: [] }),
  Momentum: fc.record({ period: intArg(0, 40), source: SOURCE }, { requiredKeys: [] }),
  ROC: fc.record({ period: intArg(0, 40), source: SOURCE }, { requiredKeys: [] }),
  VWAP: fc.record(
    { period: intArg(0, 40), use_typical_price: fc.constantFrom<ArgSpec>(true, false, 'no', 'On', 'maybe', 1) },
    { requiredKeys: [] },
  ),
  ParabolicSAR: fc.record(
    { initial_af: floatArg(0, 0.12), step_af: floatArg(0, 0.12), max_af: floatArg(0, 1.1) },
    { requiredKeys: [] },
  ),
  Ichimoku: fc.record(
    {
      tenkan_period: intArg(0, 20),
      kijun_period: intArg(1, 40),
      senkou_b_period: intArg(1, 60),
      displacement: intArg(1, 30),
    },
    { requiredKeys: [] },
  ),
  RVI: fc.record({ period: intArg(3, 30), signal_period: intArg(0, 10) }, { requiredKeys: [] }),
  MFI: fc.record({ period: intArg(0, 30) }, { requiredKeys: [] }),
  Aroon: fc.record(
    { period: intArg(0, 40), include_oscillator: fc.constantFrom<ArgSpec>(true, false, 1, 'yes') },
    { requiredKeys: [] },
  ),
  DonchianChannels: fc.record(
    { period: intArg(1, 40), include_middle: fc.constantFrom<ArgSpec>(true, false, 0, 'no', '') },
    { requiredKeys: [] },
  ),
  KeltnerChannels: fc.record(
    { period: intArg(1, 40), atr_period: intArg(1, 30), multiplier: floatArg(0, 11) },
    { requiredKeys: [] },
  ),
  ADLine: fc.record(
    { use_sma_smoothing: fc.constantFrom<ArgSpec>(true, false, 1, 'true'), smoothing_period: intArg(1, 40) },
    { requiredKeys: [] },
  ),
  CMF: fc.record({ period: intArg(1, 40) }, { requiredKeys: [] }),
  SuperTrend: fc.record({ period: intArg(1, 30), multiplier: floatArg(0, 11) }, { requiredKeys: [] }),
  FisherTransform: fc.record({ period: intArg(1, 30), smoothing: intArg(0, 22) }, { requiredKeys: [] }),
  BollingerBandWidth: fc.record(
    { period: intArg(1, 40), multiplier: floatArg(0, 6), source: SOURCE },
    { requiredKeys: [] },
  ),
  VolumeRatio: fc.record({ period: intArg(1, 40) }, { requiredKeys: [] }),
  SqueezeIntensity: fc.record(
    {
      bb_period: intArg(1, 40),
      bb_multiplier: floatArg(0, 6),
      kc_period: intArg(1, 40),
      kc_multiplier: floatArg(0, 6),
      source: SOURCE,
    },
    { requiredKeys: [] },
  ),
  DistanceFromMA: fc.record(
    { period: intArg(0, 40), ma_type: fc.constantFrom<ArgSpec>('SMA', 'EMA', 'WMA'), source: SOURCE },
    { requiredKeys: [] },
  ),
}

test.group('property: legacy ↔ reference indicator classes from params: (bitwise)', () => {
  for (const type of Object.keys(LEGACY)) {
    test(`${type}(params) gives the same refusal or the same columns on both sides`, async () => {
      await checkProperty({
        id: `diff-indicator-class-${type.toLowerCase()}`,
        file: FILE,
        arbitraries: [SERIES, KWARGS[type]!, fc.constantFrom('ind', 'My_Name')],
        predicate: (frame, spec, name) =>
          assertSame(
            `${type}(${JSON.stringify(spec)})`,
            legacyOutcome(type, spec, frame, name),
            referenceOutcome(type, spec, frame, name),
          ),
      })
    })
  }
})
