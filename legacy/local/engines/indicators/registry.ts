/**
 * The old indicator registry (`BUILT_IN_INDICATORS`, case-sensitive) restricted to the classes ported here, and
 * the names of the registered classes that were not ported (building one fails loudly instead of silently
 * computing nothing).
 */
import type { LegacyIndicator } from './indicator.ts'
import type { IndicatorKwargs } from './params.ts'
import { LegacyAdx } from './adx.ts'
import { LegacyAtr } from './atr.ts'
import { LegacyBollingerBands } from './bollinger-bands.ts'
import { LegacyMacd } from './macd.ts'
import { LegacyEma, LegacySma } from './moving-averages.ts'
import { LegacyRsi } from './rsi.ts'
import { LegacyStochastic } from './stochastic.ts'

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
  'Aroon',
  'AroonIndicator',
  'DonchianChannels',
  'DonchianChannelsIndicator',
  'KeltnerChannels',
  'KeltnerChannelsIndicator',
  'ADLine',
  'ADLineIndicator',
  'AccumulationDistribution',
  'CMF',
  'CMFIndicator',
  'ChaikinMoneyFlow',
  'SuperTrend',
  'SuperTrendIndicator',
  'FisherTransform',
  'FisherTransformIndicator',
  'BollingerBandWidth',
  'BollingerBandWidthIndicator',
  'VolumeRatio',
  'VolumeRatioIndicator',
  'SqueezeIntensity',
  'SqueezeIntensityIndicator',
  'DistanceFromMA',
  'DistanceFromMAIndicator',
])
