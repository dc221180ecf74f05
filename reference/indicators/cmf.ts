/**
 * The old CMFIndicator (registry names CMF, ChaikinMoneyFlow; docs/legacy-behaviour.md §3.3): rolling money flow
 * volume over rolling volume and its derived columns `CMF_…_<period>` (hard-coded), the flags as 1 / 0.
 */
import { moneyFlow } from './_internals/money-flow.ts'
import { rollingSum } from './_internals/rolling.ts'
import { shift } from './_internals/series.ts'
import { ewmAdjustFalse } from './_internals/smoothing.ts'
import { frameColumn, hlcColumns } from './_shared/frame-column.ts'
import { bindArguments } from './_params/python-args.ts'
import { positiveIntArgument } from './_params/value-checks.ts'
import type { IndicatorClass } from './types.ts'

/** The column labels, in the old order (each followed by `_<period>`). */
const CMF_COLUMNS = [
  'CMF',
  'CMF_MF_Multiplier',
  'CMF_MF_Volume',
  'CMF_Momentum',
  'CMF_Signal',
  'CMF_Histogram',
  'CMF_Above_Zero',
  'CMF_Below_Zero',
]

/** Every CMF column. */
export interface CmfLines {
  readonly cmf: Float64Array
  readonly multiplier: Float64Array
  readonly flowVolume: Float64Array
  readonly momentum: Float64Array
  readonly signal: Float64Array
  readonly histogram: Float64Array
  readonly aboveZero: Float64Array
  readonly belowZero: Float64Array
}

/**
 * cmf = rolling sum of money flow volume / rolling sum of volume (full windows; 0 where the volume sum is exactly
 * 0); momentum = cmf − cmf 5 bars back; signal = `ewm(span=9, adjust=False)` of cmf; histogram = cmf − signal;
 * flags cmf > 0 and cmf < 0 as 1 / 0.
 */
export function cmf(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  volume: Float64Array,
  period: number,
): CmfLines {
  const flow = moneyFlow(high, low, close, volume)
  const flowSum = rollingSum(flow.volume, period)
  const volumeSum = rollingSum(volume, period)
  const line = flowSum.map((f, i) => (volumeSum[i] !== 0 ? f / volumeSum[i]! : 0))
  const back5 = shift(line, 5)
  const signal = ewmAdjustFalse(line, { span: 9 })
  return {
    cmf: line,
    multiplier: flow.multiplier,
    flowVolume: flow.volume,
    momentum: line.map((v, i) => v - back5[i]!),
    signal,
    histogram: line.map((v, i) => v - signal[i]!),
    aboveZero: line.map((v) => (v > 0 ? 1 : 0)),
    belowZero: line.map((v) => (v < 0 ? 1 : 0)),
  }
}

/** `CMFIndicator(period=21)`: an int in [2, 500]. Needs period rows. */
export const cmfClass: IndicatorClass = {
  className: 'CMFIndicator',
  configure(kwargs) {
    const { named } = bindArguments(kwargs, { className: 'CMFIndicator', parameters: { period: 21 }, extra: 'none' })
    const p = positiveIntArgument(named.period, 'period', 500)
    return {
      minRows: p,
      compute: (frame, _name, column) => {
        const { high, low, close } = hlcColumns(frame, column)
        const l = cmf(high, low, close, frameColumn(frame, column, 'volume'), p)
        return {
          names: CMF_COLUMNS.map((label) => `${label}_${p}`),
          columns: [l.cmf, l.multiplier, l.flowVolume, l.momentum, l.signal, l.histogram, l.aboveZero, l.belowZero],
        }
      },
    }
  },
}
