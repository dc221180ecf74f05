/**
 * The old ZigZagIndicator as a strategy indicator (docs/legacy-behaviour.md §3.3): the labeller's pivot series on
 * any column of the growing frame, named from the threshold alone (`ZigZag_<int(threshold * 100)>`); extra keywords
 * are accepted and unused.
 */
import { isPythonNumber, PythonFloat, pythonNumber, pythonStr } from '../../python-values.ts'
import { LegacyIndicatorDataError, LegacyValueError } from '../errors.ts'
import type { LegacyFrame } from '../frame.ts'
import { legacyZigzagPivots } from '../labels.ts'
import type { IndicatorOutput, LegacyIndicator } from './indicator.ts'
import type { IndicatorKwargs } from './params.ts'
import { constructorArg } from './python-kwargs.ts'
import { baseIndicatorExtras, pythonTypeName } from './signature-extras.ts'

/** `ZigZagIndicator(threshold=0.05, source="close", **kwargs)`. Needs 3 rows. */
export class LegacyZigZag implements LegacyIndicator {
  readonly className = 'ZigZagIndicator'
  name: string
  readonly threshold: number
  readonly source: unknown

  constructor(kwargs: IndicatorKwargs) {
    baseIndicatorExtras(kwargs, ['threshold', 'source'], true)
    const threshold = constructorArg(kwargs, 'threshold', new PythonFloat(0.05))
    if (!isPythonNumber(threshold)) {
      throw new TypeError(`'<=' not supported between instances of '${pythonTypeName(threshold)}' and 'int'`)
    }
    this.threshold = pythonNumber(threshold)
    if (this.threshold <= 0 || this.threshold >= 1) {
      throw new LegacyValueError(`Threshold must be between 0 and 1, got ${pythonStr(threshold)}`)
    }
    if (Number.isNaN(this.threshold)) throw new LegacyValueError('cannot convert float NaN to integer')
    this.name = this.columnName()
    this.source = constructorArg(kwargs, 'source', 'close')
  }

  private columnName(): string {
    return `ZigZag_${Math.trunc(this.threshold * 100)}`
  }

  compute(frame: LegacyFrame): IndicatorOutput[] {
    const values = typeof this.source === 'string' ? frame.get(this.source) : undefined
    if (!values) {
      throw new LegacyIndicatorDataError(
        'DATA-ColumnMissing',
        `Source column '${pythonStr(this.source)}' not found in data`,
      )
    }
    return [{ name: this.columnName(), values: legacyZigzagPivots(values, this.threshold) }]
  }
}
