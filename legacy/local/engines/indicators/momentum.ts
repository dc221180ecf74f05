/**
 * The old MomentumIndicator and ROCIndicator (docs/legacy-behaviour.md §3.3): price minus (ROC: relative to, in
 * percent, with ±inf → NaN) the price `period` bars back; columns `Momentum_<period>_<source>` and
 * `ROC_<period>_<source>`.
 */
import { pythonStr } from '../../python-values.ts'
import type { LegacyFrame } from '../frame.ts'
import type { IndicatorOutput, LegacyIndicator } from './indicator.ts'
import { type IndicatorKwargs, rejectUnknownKwargs } from './params.ts'
import { type PythonArg, validateSchema } from './python-kwargs.ts'
import { shift } from './rolling.ts'
import { requirePoints, requireSourceColumn } from './schema-indicators.ts'

/** `Class(period=10, source="close")` with MOMENTUM_SCHEMA / ROC_SCHEMA (period int in [1, 100], OHLC source). */
abstract class LegacyPriceChange implements LegacyIndicator {
  abstract readonly className: string
  abstract name: string
  protected readonly params: Readonly<Record<string, PythonArg>>

  constructor(kwargs: IndicatorKwargs, className: string) {
    rejectUnknownKwargs(kwargs, ['period', 'source'], className)
    this.params = validateSchema(kwargs, [
      { name: 'period', type: 'int', default: 10, min: 1, max: 100 },
      { name: 'source', type: 'string', default: 'close', options: ['open', 'high', 'low', 'close'] },
    ])
  }

  protected abstract label(): string
  protected abstract change(price: number, before: number): number

  compute(frame: LegacyFrame): IndicatorOutput[] {
    const source = String(this.params.source)
    const price = requireSourceColumn(frame, source)
    const period = Number(this.params.period)
    requirePoints(frame, period + 1)
    const before = shift(price, period)
    return [
      {
        name: `${this.label()}_${pythonStr(this.params.period)}_${source}`,
        values: price.map((p, i) => this.change(p, before[i])),
      },
    ]
  }
}

/** `MomentumIndicator(period=10, source="close")`. Needs period + 1 rows. */
export class LegacyMomentum extends LegacyPriceChange {
  readonly className = 'MomentumIndicator'
  name = 'Momentum'

  constructor(kwargs: IndicatorKwargs) {
    super(kwargs, 'MomentumIndicator')
  }

  protected label(): string {
    return 'Momentum'
  }

  protected change(price: number, before: number): number {
    return price - before
  }
}

/** `ROCIndicator(period=10, source="close")`. Needs period + 1 rows. */
export class LegacyRoc extends LegacyPriceChange {
  readonly className = 'ROCIndicator'
  name = 'ROC'

  constructor(kwargs: IndicatorKwargs) {
    super(kwargs, 'ROCIndicator')
  }

  protected label(): string {
    return 'ROC'
  }

  protected change(price: number, before: number): number {
    const roc = ((price - before) / before) * 100
    return roc === Infinity || roc === -Infinity ? NaN : roc
  }
}
