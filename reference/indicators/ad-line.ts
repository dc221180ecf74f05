/**
 * The old ADLineIndicator (registry names ADLine, AccumulationDistribution; docs/legacy-behaviour.md §3.3): the
 * cumulative money flow volume and its derived columns, all hard-coded (`AD_Line`, `AD_MF_Multiplier`, …).
 */
import { moneyFlow } from './_internals/money-flow.ts'
import { rollingMean } from './_internals/rolling.ts'
import { pctChange, shift } from './_internals/series.ts'
import { cumulativeSum } from './_internals/sums.ts'
import { frameColumn, hlcColumns } from './_shared/frame-column.ts'
import { bindArguments } from './_params/python-args.ts'
import { boolArgument, positiveIntArgument } from './_params/value-checks.ts'
import type { IndicatorClass } from './types.ts'

/** Every A/D line column. */
export interface AdLines {
  readonly line: Float64Array
  readonly multiplier: Float64Array
  readonly flowVolume: Float64Array
  readonly roc: Float64Array
  readonly momentum: Float64Array
  readonly relativeStrength: Float64Array
}

/**
 * line = cumulative money flow volume (NaN rows stay NaN, the sum carries on); roc = 10-bar `pct_change` (pad
 * fill) · 100; momentum = line − line 21 bars back; relative strength = (line / 50-bar mean (≥ 20 values) − 1) · 100.
 */
export function adLine(high: Float64Array, low: Float64Array, close: Float64Array, volume: Float64Array): AdLines {
  const flow = moneyFlow(high, low, close, volume)
  const line = cumulativeSum(flow.volume)
  const back21 = shift(line, 21)
  const recent = rollingMean(line, 50, 20)
  return {
    line,
    multiplier: flow.multiplier,
    flowVolume: flow.volume,
    roc: pctChange(line, 10).map((v) => v * 100),
    momentum: line.map((v, i) => v - back21[i]!),
    relativeStrength: line.map((v, i) => (v / recent[i]! - 1) * 100),
  }
}

/**
 * `ADLineIndicator(use_sma_smoothing=False, smoothing_period=21)`: a bool and an int in [2, 200]; the smoothing
 * adds `AD_Line_SMA_<n>` (rolling mean, full windows). Needs smoothing_period rows when smoothing, else 1.
 */
export const adLineClass: IndicatorClass = {
  className: 'ADLineIndicator',
  configure(kwargs) {
    const { named } = bindArguments(kwargs, {
      className: 'ADLineIndicator',
      parameters: { use_sma_smoothing: false, smoothing_period: 21 },
      extra: 'none',
    })
    const smoothing = boolArgument(named.use_sma_smoothing, 'use_sma_smoothing')
    const smoothingPeriod = positiveIntArgument(named.smoothing_period, 'smoothing_period', 200)
    return {
      minRows: smoothing ? smoothingPeriod : 1,
      compute: (frame, _name, column) => {
        const { high, low, close } = hlcColumns(frame, column)
        const l = adLine(high, low, close, frameColumn(frame, column, 'volume'))
        const names = ['AD_Line', 'AD_MF_Multiplier', 'AD_MF_Volume']
        const columns = [l.line, l.multiplier, l.flowVolume]
        if (smoothing) {
          names.push(`AD_Line_SMA_${smoothingPeriod}`)
          columns.push(rollingMean(l.line, smoothingPeriod))
        }
        names.push('AD_ROC_10', 'AD_Momentum_21', 'AD_Relative_Strength')
        columns.push(l.roc, l.momentum, l.relativeStrength)
        return { names, columns }
      },
    }
  },
}
