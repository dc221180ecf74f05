/**
 * The old ParabolicSARIndicator (docs/legacy-behaviour.md §3.3): Wilder's stop-and-reverse with the old start
 * (trend from close[1] vs close[0], SAR[1] at the previous low or high) and Python's `min` / `max` on NaN; column
 * `ParabolicSAR_<initial_af>_<step_af>_<max_af>` as Python prints the three factors.
 */
import { hlcColumns } from './_shared/frame-column.ts'
import { numberOf, pyFloat, pythonStr } from './_params/python-args.ts'
import { schemaClassArguments } from './_params/schema.ts'
import type { IndicatorClass } from './types.ts'

/** The acceleration factors. */
export interface SarFactors {
  readonly initial: number
  readonly step: number
  readonly max: number
}

/** Python's builtin `min(a, b, c)` / `max(a, b, c)`: keep the first, replace when a later one compares better. */
function pick(a: number, b: number, c: number, better: (x: number, y: number) => boolean): number {
  let best = a
  if (better(b, best)) best = b
  if (better(c, best)) best = c
  return best
}

/** Python's `min(af + step_af, max_af)`. */
function raised(factor: number, af: SarFactors): number {
  const next = factor + af.step
  return af.max < next ? af.max : next
}

/**
 * SAR per bar. Bar 0 is NaN. Up when close[1] > close[0] (EP = high[1], SAR[1] = low[0]), else down (EP = low[1],
 * SAR[1] = high[0]). Then SAR[i] = SAR[i−1] + AF · (EP − SAR[i−1]); going up, low[i] ≤ SAR[i] reverses (SAR = EP,
 * AF reset, EP = low[i]), else SAR[i] = min(SAR[i], low[i−1], low[i−2]) and a new high raises EP and AF (capped);
 * going down mirrors it.
 */
export function parabolicSar(high: Float64Array, low: Float64Array, close: Float64Array, af: SarFactors): Float64Array {
  const n = close.length
  const sar = new Float64Array(n).fill(NaN)
  if (n < 2) return sar
  const lower = (x: number, y: number): boolean => x < y
  const higher = (x: number, y: number): boolean => x > y
  let up = close[1]! > close[0]!
  let ep = up ? high[1]! : low[1]!
  let factor = af.initial
  sar[1] = up ? low[0]! : high[0]!
  for (let i = 2; i < n; i++) {
    let s = sar[i - 1]! + factor * (ep - sar[i - 1]!)
    if (up ? low[i]! <= s : high[i]! >= s) {
      up = !up
      s = ep
      factor = af.initial
      ep = up ? high[i]! : low[i]!
    } else if (up) {
      s = pick(s, low[i - 1]!, low[i - 2]!, lower)
      if (high[i]! > ep) {
        ep = high[i]!
        factor = raised(factor, af)
      }
    } else {
      s = pick(s, high[i - 1]!, high[i - 2]!, higher)
      if (low[i]! < ep) {
        ep = low[i]!
        factor = raised(factor, af)
      }
    }
    sar[i] = s
  }
  return sar
}

/**
 * `ParabolicSARIndicator(initial_af=0.02, step_af=0.02, max_af=0.20, **kwargs)`; schema floats initial_af and
 * step_af in [0.001, 0.1], max_af in [0.01, 1.0]; other keywords are unknown parameters. Needs 2 rows.
 */
export const parabolicSarClass: IndicatorClass = {
  className: 'ParabolicSARIndicator',
  configure(kwargs) {
    const params = schemaClassArguments(
      kwargs,
      'ParabolicSARIndicator',
      [
        { name: 'initial_af', type: 'float', default: pyFloat(0.02), min: 0.001, max: 0.1 },
        { name: 'step_af', type: 'float', default: pyFloat(0.02), min: 0.001, max: 0.1 },
        { name: 'max_af', type: 'float', default: pyFloat(0.2), min: 0.01, max: 1.0 },
      ],
      { passesOverlay: false },
    )
    const value = (key: string): number => numberOf(params[key] as number)
    const factors = { initial: value('initial_af'), step: value('step_af'), max: value('max_af') }
    const name = `ParabolicSAR_${pythonStr(params.initial_af)}_${pythonStr(params.step_af)}_${pythonStr(params.max_af)}`
    return {
      minRows: 2,
      compute: (frame, _name, column) => {
        const { high, low, close } = hlcColumns(frame, column)
        return { names: [name], columns: [parabolicSar(high, low, close, factors)] }
      },
    }
  },
}
