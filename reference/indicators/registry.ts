/**
 * The old indicator registry (`BUILT_IN_INDICATORS`, docs/legacy-behaviour.md §3.2.1): every name it knew
 * (case-sensitive, class-name aliases included) with the type it stands for, and the class of each type, built
 * from a strategy entry's `params:` mapping.
 */
import { adLineClass } from './ad-line.ts'
import { adxClass } from './adx.ts'
import { aroonClass } from './aroon.ts'
import { atrClass } from './atr.ts'
import { bollingerBandWidthClass } from './bollinger-band-width.ts'
import { bollingerClass } from './bollinger.ts'
import { cciClass } from './cci.ts'
import { cmfClass } from './cmf.ts'
import { distanceFromMaClass } from './distance-from-ma.ts'
import { donchianClass } from './donchian.ts'
import { emaClass } from './ema.ts'
import { fisherTransformClass } from './fisher-transform.ts'
import { ichimokuClass } from './ichimoku.ts'
import { keltnerClass } from './keltner.ts'
import { macdClass } from './macd.ts'
import { mfiClass } from './mfi.ts'
import { momentumClass } from './momentum.ts'
import { obvClass } from './obv.ts'
import { parabolicSarClass } from './parabolic-sar.ts'
import { rocClass } from './roc.ts'
import { rsiClass } from './rsi.ts'
import { rviClass } from './rvi.ts'
import { smaClass } from './sma.ts'
import { squeezeIntensityClass } from './squeeze-intensity.ts'
import { stochasticClass } from './stochastic.ts'
import { superTrendClass } from './supertrend.ts'
import type { IndicatorClass, IndicatorType } from './types.ts'
import { volumeRatioClass } from './volume-ratio.ts'
import { vwapClass } from './vwap.ts'
import { williamsRClass } from './williams-r.ts'
import { zigZagClass } from './zigzag.ts'

/** Registry name → the type it stands for. */
export const REGISTRY_TYPES: Readonly<Record<string, IndicatorType>> = {
  RSI: 'RSI',
  RSIIndicator: 'RSI',
  SMA: 'SMA',
  SimpleMovingAverage: 'SMA',
  EMA: 'EMA',
  ExponentialMovingAverage: 'EMA',
  MACD: 'MACD',
  MACDIndicator: 'MACD',
  ZigZag: 'ZigZag',
  ZigZagIndicator: 'ZigZag',
  Stochastic: 'Stochastic',
  StochasticIndicator: 'Stochastic',
  WilliamsR: 'WilliamsR',
  WilliamsRIndicator: 'WilliamsR',
  ATR: 'ATR',
  ATRIndicator: 'ATR',
  OBV: 'OBV',
  OBVIndicator: 'OBV',
  BollingerBands: 'BollingerBands',
  BollingerBandsIndicator: 'BollingerBands',
  CCI: 'CCI',
  CCIIndicator: 'CCI',
  Momentum: 'Momentum',
  MomentumIndicator: 'Momentum',
  ROC: 'ROC',
  ROCIndicator: 'ROC',
  VWAP: 'VWAP',
  VWAPIndicator: 'VWAP',
  ParabolicSAR: 'ParabolicSAR',
  ParabolicSARIndicator: 'ParabolicSAR',
  Ichimoku: 'Ichimoku',
  IchimokuIndicator: 'Ichimoku',
  RVI: 'RVI',
  RVIIndicator: 'RVI',
  MFI: 'MFI',
  MFIIndicator: 'MFI',
  Aroon: 'Aroon',
  AroonIndicator: 'Aroon',
  DonchianChannels: 'DonchianChannels',
  DonchianChannelsIndicator: 'DonchianChannels',
  KeltnerChannels: 'KeltnerChannels',
  KeltnerChannelsIndicator: 'KeltnerChannels',
  ADLine: 'ADLine',
  ADLineIndicator: 'ADLine',
  AccumulationDistribution: 'ADLine',
  CMF: 'CMF',
  CMFIndicator: 'CMF',
  ChaikinMoneyFlow: 'CMF',
  ADX: 'ADX',
  ADXIndicator: 'ADX',
  AverageDirectionalIndex: 'ADX',
  SuperTrend: 'SuperTrend',
  SuperTrendIndicator: 'SuperTrend',
  FisherTransform: 'FisherTransform',
  FisherTransformIndicator: 'FisherTransform',
  BollingerBandWidth: 'BollingerBandWidth',
  BollingerBandWidthIndicator: 'BollingerBandWidth',
  VolumeRatio: 'VolumeRatio',
  VolumeRatioIndicator: 'VolumeRatio',
  SqueezeIntensity: 'SqueezeIntensity',
  SqueezeIntensityIndicator: 'SqueezeIntensity',
  DistanceFromMA: 'DistanceFromMA',
  DistanceFromMAIndicator: 'DistanceFromMA',
}

/** The class of every type. */
export const INDICATOR_CLASSES: Readonly<Record<IndicatorType, IndicatorClass>> = {
  RSI: rsiClass,
  SMA: smaClass,
  EMA: emaClass,
  MACD: macdClass,
  Stochastic: stochasticClass,
  ATR: atrClass,
  BollingerBands: bollingerClass,
  ADX: adxClass,
  ZigZag: zigZagClass,
  WilliamsR: williamsRClass,
  OBV: obvClass,
  CCI: cciClass,
  Momentum: momentumClass,
  ROC: rocClass,
  VWAP: vwapClass,
  ParabolicSAR: parabolicSarClass,
  Ichimoku: ichimokuClass,
  RVI: rviClass,
  MFI: mfiClass,
  Aroon: aroonClass,
  DonchianChannels: donchianClass,
  KeltnerChannels: keltnerClass,
  ADLine: adLineClass,
  CMF: cmfClass,
  SuperTrend: superTrendClass,
  FisherTransform: fisherTransformClass,
  BollingerBandWidth: bollingerBandWidthClass,
  VolumeRatio: volumeRatioClass,
  SqueezeIntensity: squeezeIntensityClass,
  DistanceFromMA: distanceFromMaClass,
}

/** Whether the old registry knew `name` (exactly as written). */
export function isRegistryName(name: string): boolean {
  return Object.hasOwn(REGISTRY_TYPES, name)
}
