/**
 * The old FisherTransformIndicator (docs/legacy-behaviour.md §3.3): hl2 normalised in the rolling high / low
 * range, clipped, Fisher-transformed and EMA-smoothed, with trigger, momentum, histogram and threshold flags
 * (1 / 0). Columns `Fisher_…_<period>_<smoothing>` (hard-coded).
 */
import { rollingExtreme } from './_internals/rolling.ts'
import { shift } from './_internals/series.ts'
import { ewmAdjustFalse } from './_internals/smoothing.ts'
import { frameColumn } from './_shared/frame-column.ts'
import { bindArguments, pythonStr } from './_params/python-args.ts'
import { positiveIntArgument } from './_params/value-checks.ts'
import type { IndicatorClass } from './types.ts'

/** The column labels, in the old order (each followed by `_<period>_<smoothing>`). */
const FISHER_COLUMNS = [
  'Fisher',
  'Fisher_Trigger',
  'Fisher_Raw',
  'Fisher_Normalized',
  'Fisher_Momentum',
  'Fisher_Histogram',
  'Fisher_Above_Zero',
  'Fisher_Below_Zero',
  'Fisher_Overbought',
  'Fisher_Oversold',
]

/** Every Fisher column. */
export interface FisherLines {
  readonly fisher: Float64Array
  readonly trigger: Float64Array
  readonly raw: Float64Array
  readonly normalized: Float64Array
  readonly momentum: Float64Array
  readonly histogram: Float64Array
  readonly aboveZero: Float64Array
  readonly belowZero: Float64Array
  readonly overbought: Float64Array
  readonly oversold: Float64Array
}

/**
 * x = 2 · ((hl2 − LL) / (HH − LL)) − 1 over full `period` windows (0 where the range is exactly 0), clipped to
 * [−0.999, 0.999]; raw = 0.5 · ln((1 + x) / (1 − x)); fisher = `ewm(span=smoothing, adjust=False)` of raw;
 * trigger = fisher one bar back; momentum = fisher − fisher 3 bars back; histogram = fisher − trigger; flags
 * fisher > 0, < 0, > 2, < −2.
 */
export function fisherTransform(high: Float64Array, low: Float64Array, period: number, smoothing: number): FisherLines {
  const highest = rollingExtreme(high, period, 'max')
  const lowest = rollingExtreme(low, period, 'min')
  const normalized = high.map((h, i) => {
    const range = highest[i]! - lowest[i]!
    const x = range === 0 ? 0 : 2 * (((h + low[i]!) / 2 - lowest[i]!) / range) - 1
    return x < -0.999 ? -0.999 : x > 0.999 ? 0.999 : x
  })
  const raw = normalized.map((x) => 0.5 * Math.log((1 + x) / (1 - x)))
  const fisher = ewmAdjustFalse(raw, { span: smoothing })
  const trigger = shift(fisher, 1)
  const back3 = shift(fisher, 3)
  const flag = (test: (f: number) => boolean): Float64Array => fisher.map((f) => (test(f) ? 1 : 0))
  return {
    fisher,
    trigger,
    raw,
    normalized,
    momentum: fisher.map((f, i) => f - back3[i]!),
    histogram: fisher.map((f, i) => f - trigger[i]!),
    aboveZero: flag((f) => f > 0),
    belowZero: flag((f) => f < 0),
    overbought: flag((f) => f > 2),
    oversold: flag((f) => f < -2),
  }
}

/**
 * `FisherTransformIndicator(period=10, smoothing=3)`: period an int in [2, 100], smoothing an int in [1, 20].
 * Needs period + smoothing rows.
 */
export const fisherTransformClass: IndicatorClass = {
  className: 'FisherTransformIndicator',
  configure(kwargs) {
    const { named } = bindArguments(kwargs, {
      className: 'FisherTransformIndicator',
      parameters: { period: 10, smoothing: 3 },
      extra: 'none',
    })
    const p = positiveIntArgument(named.period, 'period', 100)
    const smoothing = positiveIntArgument(named.smoothing, 'smoothing', 20, false)
    const suffix = `${p}_${pythonStr(named.smoothing)}`
    return {
      minRows: p + smoothing,
      compute: (frame, _name, column) => {
        const l = fisherTransform(frameColumn(frame, column, 'high'), frameColumn(frame, column, 'low'), p, smoothing)
        return {
          names: FISHER_COLUMNS.map((label) => `${label}_${suffix}`),
          columns: [
            l.fisher,
            l.trigger,
            l.raw,
            l.normalized,
            l.momentum,
            l.histogram,
            l.aboveZero,
            l.belowZero,
            l.overbought,
            l.oversold,
          ],
        }
      },
    }
  },
}
