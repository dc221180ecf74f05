/**
 * The old ADLineIndicator (registry names ADLine, AccumulationDistribution): money flow multiplier
 * ((close − low) − (high − close)) / (high − low), 0 where the range is exactly 0; its volume; the cumulative A/D
 * line (`cumsum`, NaN rows skipped); optional SMA; 10-bar rate of change, 21-bar momentum and the strength
 * against the 50-bar mean (min 20 values). Columns hard-coded (`AD_Line`, …).
 */
import { LegacyValueError } from '../errors.ts'
import type { LegacyFrame } from '../frame.ts'
import { requireColumns, requireDataPoints } from './donchian-channels.ts'
import type { IndicatorOutput, LegacyIndicator } from './indicator.ts'
import { type IndicatorKwargs, rejectUnknownKwargs } from './params.ts'
import { checkPositiveInt, constructorArg } from './python-kwargs.ts'
import { pctChange, rollingMean, shift } from './rolling.ts'
import { cumsumSkipNaN } from './series-ops.ts'

/** Money flow multiplier and volume, as ADLine and CMF compute them. */
export function moneyFlow(frame: LegacyFrame): { multiplier: Float64Array; volume: Float64Array } {
  const high = frame.get('high')!
  const low = frame.get('low')!
  const close = frame.get('close')!
  const volume = frame.get('volume')!
  const multiplier = close.map((c, i) => {
    const range = high[i] - low[i]
    return range === 0 ? 0 : (c - low[i] - (high[i] - c)) / range
  })
  return { multiplier, volume: multiplier.map((m, i) => m * volume[i]) }
}

/** `ADLineIndicator(use_sma_smoothing=False, smoothing_period=21)`. Needs smoothing_period rows when smoothing. */
export class LegacyAdLine implements LegacyIndicator {
  readonly className = 'ADLineIndicator'
  name = 'ADLine'
  private readonly smoothing: boolean
  private readonly smoothingPeriod: number

  constructor(kwargs: IndicatorKwargs) {
    rejectUnknownKwargs(kwargs, ['use_sma_smoothing', 'smoothing_period'], this.className)
    const smoothing = constructorArg(kwargs, 'use_sma_smoothing', false)
    if (typeof smoothing !== 'boolean') throw new LegacyValueError('use_sma_smoothing must be a boolean')
    this.smoothing = smoothing
    this.smoothingPeriod = checkPositiveInt(constructorArg(kwargs, 'smoothing_period', 21), 'smoothing_period', 200)
  }

  compute(frame: LegacyFrame): IndicatorOutput[] {
    requireColumns(frame, ['high', 'low', 'close', 'volume'], 'A/D Line')
    requireDataPoints(frame, this.smoothing ? this.smoothingPeriod : 1, 'A/D Line')
    const flow = moneyFlow(frame)
    const line = cumsumSkipNaN(flow.volume)
    const outputs: IndicatorOutput[] = [
      { name: 'AD_Line', values: line },
      { name: 'AD_MF_Multiplier', values: flow.multiplier },
      { name: 'AD_MF_Volume', values: flow.volume },
    ]
    if (this.smoothing) {
      outputs.push({ name: `AD_Line_SMA_${this.smoothingPeriod}`, values: rollingMean(line, this.smoothingPeriod) })
    }
    const back21 = shift(line, 21)
    const recent = rollingMean(line, 50, 20)
    outputs.push(
      { name: 'AD_ROC_10', values: pctChange(line, 10).map((v) => v * 100) },
      { name: 'AD_Momentum_21', values: line.map((v, i) => v - back21[i]) },
      { name: 'AD_Relative_Strength', values: line.map((v, i) => (v / recent[i] - 1) * 100) },
    )
    return outputs
  }
}
