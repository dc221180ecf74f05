/**
 * The old CMFIndicator (registry names CMF, ChaikinMoneyFlow): rolling sum of money flow volume over rolling sum
 * of volume (0 where the volume sum is exactly 0), its 5-bar momentum, a span-9 `ewm(adjust=False)` signal, the
 * histogram and the zero-line flags (1 / 0). Columns `CMF_…_<period>` (hard-coded).
 */
import type { LegacyFrame } from '../frame.ts'
import { moneyFlow } from './ad-line.ts'
import { requireColumns, requireDataPoints } from './donchian-channels.ts'
import type { IndicatorOutput, LegacyIndicator } from './indicator.ts'
import { type IndicatorKwargs, rejectUnknownKwargs } from './params.ts'
import { checkPositiveInt, constructorArg } from './python-kwargs.ts'
import { pandasEwmMean, shift } from './rolling.ts'
import { rollingSum } from './series-ops.ts'

/** `CMFIndicator(period=21)`. Needs period rows. */
export class LegacyCmf implements LegacyIndicator {
  readonly className = 'CMFIndicator'
  name = 'CMF'
  private readonly period: number

  constructor(kwargs: IndicatorKwargs) {
    rejectUnknownKwargs(kwargs, ['period'], this.className)
    this.period = checkPositiveInt(constructorArg(kwargs, 'period', 21), 'period', 500)
  }

  compute(frame: LegacyFrame): IndicatorOutput[] {
    requireColumns(frame, ['high', 'low', 'close', 'volume'], 'CMF')
    const p = this.period
    requireDataPoints(frame, p, 'CMF')
    const flow = moneyFlow(frame)
    const flowSum = rollingSum(flow.volume, p)
    const volumeSum = rollingSum(frame.get('volume')!, p)
    const cmf = flowSum.map((f, i) => (volumeSum[i] !== 0 ? f / volumeSum[i] : 0))
    const back5 = shift(cmf, 5)
    const signal = pandasEwmMean(cmf, { span: 9 }, false)
    return [
      { name: `CMF_${p}`, values: cmf },
      { name: `CMF_MF_Multiplier_${p}`, values: flow.multiplier },
      { name: `CMF_MF_Volume_${p}`, values: flow.volume },
      { name: `CMF_Momentum_${p}`, values: cmf.map((v, i) => v - back5[i]) },
      { name: `CMF_Signal_${p}`, values: signal },
      { name: `CMF_Histogram_${p}`, values: cmf.map((v, i) => v - signal[i]) },
      { name: `CMF_Above_Zero_${p}`, values: cmf.map((v) => (v > 0 ? 1 : 0)) },
      { name: `CMF_Below_Zero_${p}`, values: cmf.map((v) => (v < 0 ? 1 : 0)) },
    ]
  }
}
