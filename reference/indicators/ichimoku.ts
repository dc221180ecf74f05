/**
 * The old IchimokuIndicator (docs/legacy-behaviour.md §3.3): five lines, none of them displaced (the `displacement`
 * parameter only appears in the names), columns `Ichimoku_<t>_<k>_<b>_<d>_<line>`.
 */
import { rollingExtreme } from './_internals/rolling.ts'
import { hlcColumns } from './_shared/frame-column.ts'
import { numberOf, pythonStr, rollingPeriod } from './_params/python-args.ts'
import { schemaClassArguments } from './_params/schema.ts'
import type { IndicatorClass } from './types.ts'

/** The five Ichimoku lines. */
export interface IchimokuLines {
  readonly tenkan: Float64Array
  readonly kijun: Float64Array
  readonly senkouA: Float64Array
  readonly senkouB: Float64Array
  readonly chikou: Float64Array
}

/** (highest high + lowest low) / 2 over full windows of `period`. */
function midpoint(high: Float64Array, low: Float64Array, period: number): Float64Array {
  const highest = rollingExtreme(high, period, 'max')
  const lowest = rollingExtreme(low, period, 'min')
  return highest.map((h, i) => (h + lowest[i]!) / 2)
}

/**
 * Tenkan, Kijun and Senkou B are channel midpoints over their periods, Senkou A = (Tenkan + Kijun) / 2, Chikou a
 * copy of the close; nothing is shifted.
 */
export function ichimoku(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  periods: { readonly tenkan: number; readonly kijun: number; readonly senkouB: number },
): IchimokuLines {
  const tenkan = midpoint(high, low, periods.tenkan)
  const kijun = midpoint(high, low, periods.kijun)
  return {
    tenkan,
    kijun,
    senkouA: tenkan.map((t, i) => (t + kijun[i]!) / 2),
    senkouB: midpoint(high, low, periods.senkouB),
    chikou: Float64Array.from(close),
  }
}

const SCHEMA = [
  { name: 'tenkan_period', type: 'int', default: 9, min: 1, max: 50 },
  { name: 'kijun_period', type: 'int', default: 26, min: 1, max: 100 },
  { name: 'senkou_b_period', type: 'int', default: 52, min: 1, max: 200 },
  { name: 'displacement', type: 'int', default: 26, min: 1, max: 100 },
] as const

/**
 * `IchimokuIndicator(tenkan_period=9, kijun_period=26, senkou_b_period=52, displacement=26, **kwargs)`; other
 * keywords are unknown parameters. Needs max(tenkan, kijun, senkou_b) rows.
 */
export const ichimokuClass: IndicatorClass = {
  className: 'IchimokuIndicator',
  configure(kwargs) {
    const params = schemaClassArguments(kwargs, 'IchimokuIndicator', SCHEMA, { passesOverlay: false })
    const base = `Ichimoku_${SCHEMA.map((p) => pythonStr(params[p.name])).join('_')}`
    const size = (key: string): number => numberOf(params[key] as number)
    return {
      minRows: Math.max(size('tenkan_period'), size('kijun_period'), size('senkou_b_period')),
      compute: (frame, _name, column) => {
        const { high, low, close } = hlcColumns(frame, column)
        const lines = ichimoku(high, low, close, {
          tenkan: rollingPeriod(params.tenkan_period),
          kijun: rollingPeriod(params.kijun_period),
          senkouB: rollingPeriod(params.senkou_b_period),
        })
        return {
          names: ['Tenkan_sen', 'Kijun_sen', 'Senkou_Span_A', 'Senkou_Span_B', 'Chikou_Span'].map(
            (l) => `${base}_${l}`,
          ),
          columns: [lines.tenkan, lines.kijun, lines.senkouA, lines.senkouB, lines.chikou],
        }
      },
    }
  },
}
