/**
 * The old FisherTransformIndicator: hl2 normalised to [−1, 1] in the rolling high / low range (0 where the
 * range is exactly 0), clipped to ±0.999, 0.5 · ln((1 + x) / (1 − x)), smoothed by `ewm(span=smoothing,
 * adjust=False)`; trigger, momentum, histogram and threshold flags (1 / 0). Columns `Fisher_…_<period>_<smoothing>`.
 */
import { isPythonInt, pythonStr } from '../../python-values.ts'
import { LegacyValueError } from '../errors.ts'
import type { LegacyFrame } from '../frame.ts'
import { requireColumns, requireDataPoints } from './donchian-channels.ts'
import type { IndicatorOutput, LegacyIndicator } from './indicator.ts'
import { type IndicatorKwargs, rejectUnknownKwargs } from './params.ts'
import { checkPositiveInt, constructorArg } from './python-kwargs.ts'
import { pandasEwmMean, rollingExtreme, shift } from './rolling.ts'

/** `FisherTransformIndicator(period=10, smoothing=3)`. Needs period + smoothing rows. */
export class LegacyFisherTransform implements LegacyIndicator {
  readonly className = 'FisherTransformIndicator'
  name = 'FisherTransform'
  private readonly period: number
  private readonly smoothing: number
  /** `smoothing` as the column names print it. */
  private readonly smoothingText: string

  constructor(kwargs: IndicatorKwargs) {
    rejectUnknownKwargs(kwargs, ['period', 'smoothing'], this.className)
    this.period = checkPositiveInt(constructorArg(kwargs, 'period', 10), 'period', 100)
    const smoothing = constructorArg(kwargs, 'smoothing', 3)
    if (!isPythonInt(smoothing) || Number(smoothing) < 1) {
      throw new LegacyValueError('smoothing must be a positive integer')
    }
    if (Number(smoothing) > 20) throw new LegacyValueError('smoothing should not exceed 20 for practical purposes')
    this.smoothing = Number(smoothing)
    this.smoothingText = pythonStr(smoothing)
  }

  compute(frame: LegacyFrame): IndicatorOutput[] {
    requireColumns(frame, ['high', 'low'], 'Fisher Transform')
    requireDataPoints(frame, this.period + this.smoothing, 'Fisher Transform')
    const high = frame.get('high')!
    const low = frame.get('low')!
    const highest = rollingExtreme(high, this.period, (a, b) => a >= b)
    const lowest = rollingExtreme(low, this.period, (a, b) => a <= b)
    const normalized = high.map((h, i) => {
      const range = highest[i] - lowest[i]
      const x = range === 0 ? 0 : 2 * (((h + low[i]) / 2 - lowest[i]) / range) - 1
      return x < -0.999 ? -0.999 : x > 0.999 ? 0.999 : x
    })
    const raw = normalized.map((x) => 0.5 * Math.log((1 + x) / (1 - x)))
    const fisher = pandasEwmMean(raw, { span: this.smoothing }, false)
    const trigger = shift(fisher, 1)
    const back3 = shift(fisher, 3)
    const suffix = `${this.period}_${this.smoothingText}`
    return [
      { name: `Fisher_${suffix}`, values: fisher },
      { name: `Fisher_Trigger_${suffix}`, values: trigger },
      { name: `Fisher_Raw_${suffix}`, values: raw },
      { name: `Fisher_Normalized_${suffix}`, values: normalized },
      { name: `Fisher_Momentum_${suffix}`, values: fisher.map((f, i) => f - back3[i]) },
      { name: `Fisher_Histogram_${suffix}`, values: fisher.map((f, i) => f - trigger[i]) },
      { name: `Fisher_Above_Zero_${suffix}`, values: fisher.map((f) => (f > 0 ? 1 : 0)) },
      { name: `Fisher_Below_Zero_${suffix}`, values: fisher.map((f) => (f < 0 ? 1 : 0)) },
      { name: `Fisher_Overbought_${suffix}`, values: fisher.map((f) => (f > 2 ? 1 : 0)) },
      { name: `Fisher_Oversold_${suffix}`, values: fisher.map((f) => (f < -2 ? 1 : 0)) },
    ]
  }
}
