/**
 * The shape RSI, SMA and EMA share (docs/legacy-behaviour.md §3.2.2, §3.3): a constructor without `**kwargs`
 * taking `period` and `source` (and, for EMA, `adjust`), the hand-written period and source checks, and one
 * column `<name.lower()>_<period>` computed on the source, which may be any column of the engine's frame.
 */
import { bindArguments } from '../_params/python-args.ts'
import { movingPeriodArgument, stringSourceArgument } from '../_params/value-checks.ts'
import type { IndicatorClass } from '../types.ts'
import { frameColumn } from './frame-column.ts'

/** One such class. @internal */
export interface PeriodSourceSpec {
  /** The Python class name. */
  readonly className: string
  /** The indicator label of the old error texts (`RSI`). */
  readonly label: string
  /** The signature's parameters with their defaults (`period` and `source` among them). */
  readonly parameters: Readonly<Record<string, unknown>>
  /** Rows needed beyond `period` (RSI compares with the bar before: 1). */
  readonly extraRows: number
  /**
   * Checks the other named arguments (run first, as EMA checked `adjust` before its base class) and returns the
   * computation.
   */
  readonly prepare: (named: Readonly<Record<string, unknown>>) => (x: Float64Array, period: number) => Float64Array
}

/**
 * The class described by `spec`.
 *
 * @internal
 */
export function periodSourceClass(spec: PeriodSourceSpec): IndicatorClass {
  return {
    className: spec.className,
    configure(kwargs) {
      const { named } = bindArguments(kwargs, { className: spec.className, parameters: spec.parameters, extra: 'none' })
      const values = spec.prepare(named)
      const period = movingPeriodArgument(named.period, spec.label)
      const source = stringSourceArgument(named.source)
      return {
        minRows: period + spec.extraRows,
        compute: (frame, name, column) => ({
          names: [`${name.toLowerCase()}_${period}`],
          columns: [values(frameColumn(frame, column, source), period)],
        }),
      }
    },
  }
}
