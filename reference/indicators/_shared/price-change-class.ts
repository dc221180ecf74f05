/**
 * The shape Momentum and ROC share (docs/legacy-behaviour.md §3.3): `Class(period=10, source="close")` with the
 * schema period int in [1, 100] and an OHLC `source`, period + 1 rows, column `<label>_<period>_<source>`.
 */
import { numberOf, pythonStr } from '../_params/python-args.ts'
import { schemaClassArguments, SOURCE_PARAMETER } from '../_params/schema.ts'
import type { IndicatorClass } from '../types.ts'
import { frameColumn } from './frame-column.ts'

/**
 * The class computing `values(source column, period)`.
 *
 * @internal
 */
export function priceChangeClass(
  className: string,
  label: string,
  values: (x: Float64Array, period: number) => Float64Array,
): IndicatorClass {
  return {
    className,
    configure(kwargs) {
      const params = schemaClassArguments(kwargs, className, [
        { name: 'period', type: 'int', default: 10, min: 1, max: 100 },
        SOURCE_PARAMETER,
      ])
      const period = numberOf(params.period as number)
      const source = params.source as string
      return {
        minRows: period + 1,
        compute: (frame, _name, column) => ({
          names: [`${label}_${pythonStr(params.period)}_${source}`],
          columns: [values(frameColumn(frame, column, source), period)],
        }),
      }
    },
  }
}
