/**
 * The old RVIIndicator (docs/legacy-behaviour.md §3.3): relative vigor index from 1-2-2-1 weighted sums of
 * close − open and high − low, with its own parameter checks; columns `RVI_<p>_<s>_RVI`, `RVI_<p>_<s>_Signal`.
 */
import { rollingMean } from './_internals/rolling.ts'
import { frameColumn } from './_shared/frame-column.ts'
import { bindArguments, checkedIntArgument, numberOf, pythonStr, rollingPeriod } from './_params/python-args.ts'
import type { IndicatorClass } from './types.ts'

/** The RVI line and its signal. */
export interface RviLines {
  readonly rvi: Float64Array
  readonly signal: Float64Array
}

/** (x[i−3] + 2·x[i−2] + 2·x[i−1] + x[i]) / 6 from row 3, NaN before. */
function weighted(x: Float64Array): Float64Array {
  return x.map((v, i) => (i < 3 ? NaN : (x[i - 3]! + 2 * x[i - 2]! + 2 * x[i - 1]! + v) / 6.0))
}

/**
 * RVI = mean(num, period) / mean(den, period) over full windows, NaN where the denominator mean is 0 or NaN;
 * signal = full-window mean of RVI over `signalPeriod`.
 */
export function rvi(
  open: Float64Array,
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  period: number,
  signalPeriod: number,
): RviLines {
  const numerator = rollingMean(weighted(close.map((c, i) => c - open[i]!)), period)
  const denominator = rollingMean(weighted(high.map((h, i) => h - low[i]!)), period)
  const line = numerator.map((n, i) =>
    denominator[i] !== 0 && !Number.isNaN(denominator[i]!) ? n / denominator[i]! : NaN,
  )
  return { rvi: line, signal: rollingMean(line, signalPeriod) }
}

/** `RVIIndicator(period=10, signal_period=4)`, period in [4, 100], signal_period in [1, 50]. Needs period + 3 rows. */
export const rviClass: IndicatorClass = {
  className: 'RVIIndicator',
  configure(kwargs) {
    const { named } = bindArguments(kwargs, {
      className: 'RVIIndicator',
      parameters: { period: 10, signal_period: 4 },
      extra: 'none',
    })
    const period = checkedIntArgument(named.period, 'RVI period', 4, 100)
    const signal = checkedIntArgument(named.signal_period, 'RVI signal_period', 1, 50)
    const base = `RVI_${pythonStr(period)}_${pythonStr(signal)}`
    return {
      minRows: numberOf(period) + 3,
      compute: (frame, _name, column) => {
        const lines = rvi(
          frameColumn(frame, column, 'open'),
          frameColumn(frame, column, 'high'),
          frameColumn(frame, column, 'low'),
          frameColumn(frame, column, 'close'),
          rollingPeriod(period),
          rollingPeriod(signal),
        )
        return { names: [`${base}_RVI`, `${base}_Signal`], columns: [lines.rvi, lines.signal] }
      },
    }
  },
}
