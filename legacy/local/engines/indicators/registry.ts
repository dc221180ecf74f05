/**
 * The old indicator registry (`BUILT_IN_INDICATORS`, case-sensitive) restricted to the classes ported here, and
 * the names of the registered classes that were not ported (building one fails loudly instead of silently
 * computing nothing).
 */
import type { LegacyIndicator } from './indicator.ts'
import type { IndicatorKwargs } from './params.ts'
import { LegacyAdLine } from './ad-line.ts'
import { LegacyAdx } from './adx.ts'
import { LegacyAroon } from './aroon.ts'
import { LegacyAtr } from './atr.ts'
import { LegacyBollingerBandWidth } from './bollinger-band-width.ts'
import { LegacyBollingerBands } from './bollinger-bands.ts'
import { LegacyCmf } from './cmf.ts'
import { LegacyDistanceFromMa } from './distance-from-ma.ts'
import { LegacyDonchianChannels } from './donchian-channels.ts'
import { LegacyFisherTransform } from './fisher-transform.ts'
import { LegacyKeltnerChannels } from './keltner-channels.ts'
import { LegacyMacd } from './macd.ts'
import { LegacyEma, LegacySma } from './moving-averages.ts'
import { LegacyRsi } from './rsi.ts'
import { LegacySqueezeIntensity } from './squeeze-intensity.ts'
import { LegacyStochastic } from './stochastic.ts'
import { LegacySuperTrend } from './supertrend.ts'
import { LegacyVolumeRatio } from './volume-ratio.ts'

type IndicatorClass = new (kwargs: IndicatorKwargs) => LegacyIndicator

/** Registry type name → ported class (the aliases the old registry had for these classes). */
export const LEGACY_INDICATOR_REGISTRY: Readonly<Record<string, IndicatorClass>> = {
  RSI: LegacyRsi,
  RSIIndicator: LegacyRsi,
  SMA: LegacySma,
  SimpleMovingAverage: LegacySma,
  EMA: LegacyEma,
  ExponentialMovingAverage: LegacyEma,
  MACD: LegacyMacd,
  MACDIndicator: LegacyMacd,
  ATR: LegacyAtr,
  ATRIndicator: LegacyAtr,
  BollingerBands: LegacyBollingerBands,
  BollingerBandsIndicator: LegacyBollingerBands,
  Stochastic: LegacyStochastic,
  StochasticIndicator: LegacyStochastic,
  ADX: LegacyAdx,
  ADXIndicator: LegacyAdx,
  AverageDirectionalIndex: LegacyAdx,
  Aroon: LegacyAroon,
  AroonIndicator: LegacyAroon,
  DonchianChannels: LegacyDonchianChannels,
  DonchianChannelsIndicator: LegacyDonchianChannels,
  KeltnerChannels: LegacyKeltnerChannels,
  KeltnerChannelsIndicator: LegacyKeltnerChannels,
  ADLine: LegacyAdLine,
  ADLineIndicator: LegacyAdLine,
  AccumulationDistribution: LegacyAdLine,
  CMF: LegacyCmf,
  CMFIndicator: LegacyCmf,
  ChaikinMoneyFlow: LegacyCmf,
  SuperTrend: LegacySuperTrend,
  SuperTrendIndicator: LegacySuperTrend,
  FisherTransform: LegacyFisherTransform,
  FisherTransformIndicator: LegacyFisherTransform,
  BollingerBandWidth: LegacyBollingerBandWidth,
  BollingerBandWidthIndicator: LegacyBollingerBandWidth,
  VolumeRatio: LegacyVolumeRatio,
  VolumeRatioIndicator: LegacyVolumeRatio,
  SqueezeIntensity: LegacySqueezeIntensity,
  SqueezeIntensityIndicator: LegacySqueezeIntensity,
  DistanceFromMA: LegacyDistanceFromMa,
  DistanceFromMAIndicator: LegacyDistanceFromMa,
}

/** Types the old registry also held, not ported to legacy/ (README "Omissions"). */
export const LEGACY_UNPORTED_TYPES: ReadonlySet<string> = new Set([
  'ZigZag',
  'ZigZagIndicator',
  'WilliamsR',
  'WilliamsRIndicator',
  'OBV',
  'OBVIndicator',
  'CCI',
  'CCIIndicator',
  'Momentum',
  'MomentumIndicator',
  'ROC',
  'ROCIndicator',
  'VWAP',
  'VWAPIndicator',
  'ParabolicSAR',
  'ParabolicSARIndicator',
  'Ichimoku',
  'IchimokuIndicator',
  'RVI',
  'RVIIndicator',
  'MFI',
  'MFIIndicator',
])
