/**
 * The old indicator registry (`BUILT_IN_INDICATORS`, case-sensitive, docs/legacy-behaviour.md §3.2.1): every
 * registered name, class-name aliases included, with its ported class.
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
import { LegacyCci } from './cci.ts'
import { LegacyIchimoku } from './ichimoku.ts'
import { LegacyMfi } from './mfi.ts'
import { LegacyMomentum, LegacyRoc } from './momentum.ts'
import { LegacyObv } from './obv.ts'
import { LegacyParabolicSar } from './parabolic-sar.ts'
import { LegacyRvi } from './rvi.ts'
import { LegacyVwap } from './vwap.ts'
import { LegacyWilliamsR } from './williams-r.ts'
import { LegacyZigZag } from './zigzag-indicator.ts'

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
  ZigZag: LegacyZigZag,
  ZigZagIndicator: LegacyZigZag,
  WilliamsR: LegacyWilliamsR,
  WilliamsRIndicator: LegacyWilliamsR,
  OBV: LegacyObv,
  OBVIndicator: LegacyObv,
  CCI: LegacyCci,
  CCIIndicator: LegacyCci,
  Momentum: LegacyMomentum,
  MomentumIndicator: LegacyMomentum,
  ROC: LegacyRoc,
  ROCIndicator: LegacyRoc,
  VWAP: LegacyVwap,
  VWAPIndicator: LegacyVwap,
  ParabolicSAR: LegacyParabolicSar,
  ParabolicSARIndicator: LegacyParabolicSar,
  Ichimoku: LegacyIchimoku,
  IchimokuIndicator: LegacyIchimoku,
  RVI: LegacyRvi,
  RVIIndicator: LegacyRvi,
  MFI: LegacyMfi,
  MFIIndicator: LegacyMfi,
}
